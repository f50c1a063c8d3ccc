/**
 * The X11 CLIPBOARD selection: owning it with a secret that is marked for clipboard managers, and
 * reading it back, as the ICCCM describes selections.
 *
 * X11 keeps no clipboard contents: the owner process answers every paste. So the text and its
 * marker are offered by one owner from the moment it calls SetSelectionOwner — there is never a
 * moment where the clipboard holds the text unmarked. The marker is KDE's `x-kde-passwordManagerHint`
 * with the value `secret`, which Klipper, KDE Connect, CopyQ and cliphist (through wl-clipboard)
 * honour: such a copy is kept out of histories and not synced to other devices.
 */
import { ATOM, CURRENT_TIME, EVENT, X11Error, type X11Connection, type XEvent } from './connection';

export const PASSWORD_MANAGER_HINT = 'x-kde-passwordManagerHint';
const TEXT_TARGETS = ['UTF8_STRING', 'text/plain;charset=utf-8', 'text/plain', 'TEXT'] as const;

interface Atoms {
  CLIPBOARD: number;
  TARGETS: number;
  TIMESTAMP: number;
  UTF8_STRING: number;
  TEXT: number;
  INCR: number;
  hint: number;
  textTargets: number[];
  /** Where a conversion for us is put, on our own window. */
  transfer: number;
}

async function internAtoms(connection: X11Connection): Promise<Atoms> {
  const [CLIPBOARD, TARGETS, TIMESTAMP, UTF8_STRING, TEXT, INCR, hint, transfer, ...textTargets] = await Promise.all(
    ['CLIPBOARD', 'TARGETS', 'TIMESTAMP', 'UTF8_STRING', 'TEXT', 'INCR', PASSWORD_MANAGER_HINT, 'ORGKEY_TRANSFER', ...TEXT_TARGETS].map((name) => connection.internAtom(name)),
  );
  return { CLIPBOARD: CLIPBOARD!, TARGETS: TARGETS!, TIMESTAMP: TIMESTAMP!, UTF8_STRING: UTF8_STRING!, TEXT: TEXT!, INCR: INCR!, hint: hint!, transfer: transfer!, textTargets };
}

const u32 = (values: readonly number[]) => {
  const buffer = Buffer.alloc(values.length * 4);
  values.forEach((value, index) => buffer.writeUInt32LE(value >>> 0, index * 4));
  return buffer;
};

/** A server timestamp, from the PropertyNotify of an empty append to our own window (ICCCM §2.1: never CurrentTime to own). */
async function serverTime(connection: X11Connection, window: number, property: number): Promise<number> {
  const event = connection.waitForEvent(
    (e) => (e.code === EVENT.PropertyNotify && e.bytes.readUInt32LE(4) === window && e.bytes.readUInt32LE(8) === property ? e.bytes.readUInt32LE(12) : undefined),
    'a timestamp',
  );
  connection.changeProperty(window, property, ATOM.STRING, 8, Buffer.alloc(0), 'append');
  return event;
}

export interface SelectionOwner {
  /** Our window, the selection's owner while we hold it. */
  window: number;
  /** Resolves when another client takes the clipboard (or it was cleared) or the X connection ends. */
  lost: Promise<void>;
  /** Give the clipboard up now if we still hold it. */
  release(): Promise<void>;
}

/**
 * Own CLIPBOARD with `text`, offering TARGETS, TIMESTAMP, the text as UTF8_STRING,
 * text/plain;charset=utf-8, text/plain, TEXT (and STRING where it is Latin-1), and the
 * password-manager hint — all from the first moment of ownership. Rejects if it cannot own it.
 */
export async function ownClipboard(connection: X11Connection, text: string): Promise<SelectionOwner> {
  const utf8 = Buffer.from(text, 'utf8');
  // Secrets are short; a transfer in one property keeps the owner simple (no INCR for writing).
  if (utf8.length + 64 > connection.maxRequestBytes) throw new X11Error('the text is too long for this clipboard');
  const atoms = await internAtoms(connection);
  const latin1 = [...text].every((char) => char.charCodeAt(0) <= 0xff) ? Buffer.from(text, 'latin1') : null;
  const targets = [atoms.TARGETS, atoms.TIMESTAMP, ...atoms.textTargets, ...(latin1 ? [ATOM.STRING] : []), atoms.hint];
  const window = connection.createWindow();
  const since = await serverTime(connection, window, atoms.transfer);

  let resolveLost!: () => void;
  const lost = new Promise<void>((resolve) => (resolveLost = resolve));
  let holding = false;

  const answer = (event: XEvent) => {
    const b = event.bytes;
    const time = b.readUInt32LE(4);
    const requestor = b.readUInt32LE(12);
    const selection = b.readUInt32LE(16);
    const target = b.readUInt32LE(20);
    // A requestor that names no property is an obsolete client: the target names it (ICCCM §2.2).
    const property = b.readUInt32LE(24) || target;
    let value: { type: number; format: 8 | 32; data: Buffer } | null = null;
    // Refuse requests from before our ownership (ICCCM §2.2) and for other selections.
    const current = holding && selection === atoms.CLIPBOARD && b.readUInt32LE(8) === window && (time === CURRENT_TIME || time >= since);
    if (current) {
      if (target === atoms.TARGETS) value = { type: ATOM.ATOM, format: 32, data: u32(targets) };
      else if (target === atoms.TIMESTAMP) value = { type: ATOM.INTEGER, format: 32, data: u32([since]) };
      else if (target === atoms.hint) value = { type: atoms.hint, format: 8, data: Buffer.from('secret', 'latin1') };
      else if (target === ATOM.STRING && latin1) value = { type: ATOM.STRING, format: 8, data: latin1 };
      else if (target === atoms.TEXT) value = { type: atoms.UTF8_STRING, format: 8, data: utf8 };
      else if (atoms.textTargets.includes(target)) value = { type: target, format: 8, data: utf8 };
    }
    if (value) connection.changeProperty(requestor, property, value.type, value.format, value.data);
    const notify = Buffer.alloc(32);
    notify.writeUInt8(EVENT.SelectionNotify, 0);
    notify.writeUInt32LE(time, 4);
    notify.writeUInt32LE(requestor, 8);
    notify.writeUInt32LE(selection, 12);
    notify.writeUInt32LE(target, 16);
    notify.writeUInt32LE(value ? property : ATOM.NONE, 20);
    connection.sendEvent(requestor, notify);
  };

  const stop = connection.onEvent((event) => {
    if (event.code === EVENT.SelectionRequest) answer(event);
    else if (event.code === EVENT.SelectionClear && event.bytes.readUInt32LE(8) === window && event.bytes.readUInt32LE(12) === atoms.CLIPBOARD) {
      holding = false;
      resolveLost();
    }
  });
  connection.onClose(() => {
    holding = false;
    resolveLost();
  });
  void lost.then(stop);

  // The targets are all in place before the server learns of the new owner.
  holding = true;
  connection.setSelectionOwner(window, atoms.CLIPBOARD, since);
  if ((await connection.getSelectionOwner(atoms.CLIPBOARD)) !== window) {
    holding = false;
    resolveLost();
    throw new X11Error('another program kept the clipboard');
  }

  return {
    window,
    lost,
    async release() {
      if (!holding) return;
      holding = false;
      if (!connection.isClosed && (await connection.getSelectionOwner(atoms.CLIPBOARD)) === window) {
        connection.setSelectionOwner(ATOM.NONE, atoms.CLIPBOARD, since);
        await connection.sync();
      }
      resolveLost();
    },
  };
}

/** What a conversion of CLIPBOARD to `target` gave: null when the owner refused or there is none. */
async function convert(connection: X11Connection, atoms: Atoms, window: number, target: number, maxBytes: number): Promise<{ type: number; value: Buffer } | null> {
  const notified = connection.waitForEvent(
    (e) => (e.code === EVENT.SelectionNotify && e.bytes.readUInt32LE(8) === window && e.bytes.readUInt32LE(16) === target ? e.bytes.readUInt32LE(20) : undefined),
    'the clipboard owner',
  );
  connection.convertSelection(window, atoms.CLIPBOARD, target, atoms.transfer, CURRENT_TIME);
  if ((await notified) === ATOM.NONE) return null;
  // INCR (ICCCM §2.7.2): the owner sends the text in parts, each after we delete the last; an
  // empty part ends it. Listen before the first delete, which is what asks for the first part.
  const parts = connection.collect((e) =>
    e.code === EVENT.PropertyNotify && e.bytes.readUInt32LE(4) === window && e.bytes.readUInt32LE(8) === atoms.transfer && e.bytes.readUInt8(16) === 0 ? true : undefined,
  );
  try {
    const first = await connection.getProperty(window, atoms.transfer, true);
    if (first.type !== atoms.INCR) return { type: first.type, value: first.value };
    // Past maxBytes the rest is left unread: a text that long is not a secret OrgKey copied.
    const chunks: Buffer[] = [];
    let total = 0;
    let type: number = ATOM.NONE;
    for (;;) {
      await parts.next('the next part of the clipboard');
      const part = await connection.getProperty(window, atoms.transfer, true);
      if (part.value.length === 0) break;
      type = part.type;
      chunks.push(part.value);
      total += part.value.length;
      if (total > maxBytes) break;
    }
    return { type, value: Buffer.concat(chunks) };
  } finally {
    parts.stop();
  }
}

/**
 * The clipboard's text ('' when it is empty or holds no text), asking its owner for UTF8_STRING
 * and falling back to STRING (Latin-1), as xclip and GTK do.
 */
export async function readClipboardText(connection: X11Connection, maxBytes = 1 << 20): Promise<string> {
  const atoms = await internAtoms(connection);
  const window = connection.createWindow();
  const utf8 = await convert(connection, atoms, window, atoms.UTF8_STRING, maxBytes);
  if (utf8) return utf8.value.toString(utf8.type === ATOM.STRING ? 'latin1' : 'utf8');
  const latin1 = await convert(connection, atoms, window, ATOM.STRING, maxBytes);
  return latin1 ? latin1.value.toString('latin1') : '';
}

/** Empty the clipboard: no owner, so nothing can be pasted; the owner is told it lost it. */
export async function clearClipboard(connection: X11Connection): Promise<void> {
  const atoms = await internAtoms(connection);
  connection.setSelectionOwner(ATOM.NONE, atoms.CLIPBOARD, CURRENT_TIME);
  await connection.sync();
}

/** Which targets the clipboard's owner offers (atom names), e.g. to check the hint is among them. */
export async function clipboardTargets(connection: X11Connection): Promise<number[]> {
  const atoms = await internAtoms(connection);
  const window = connection.createWindow();
  const answer = await convert(connection, atoms, window, atoms.TARGETS, 1 << 16);
  if (!answer) return [];
  return Array.from({ length: answer.value.length / 4 }, (_, index) => answer.value.readUInt32LE(index * 4));
}
