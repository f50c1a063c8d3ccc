/**
 * A minimal X11 protocol client in plain Node: just what owning and reading the clipboard needs.
 *
 * It speaks the core protocol (X Window System Protocol, version 11) over the display's socket in
 * little-endian byte order: connection setup with an MIT-MAGIC-COOKIE-1, a few requests, their
 * replies and errors matched by sequence number, and events handed to listeners. No X library is
 * linked, so the CLI and the app's main process need nothing installed to use the clipboard.
 */
import net from 'node:net';
import { cookieFor, MIT_MAGIC_COOKIE, parseDisplay, type DisplayAddress } from './display';

/** Predefined atoms (protocol appendix). */
export const ATOM = { NONE: 0, PRIMARY: 1, ATOM: 4, INTEGER: 19, STRING: 31 } as const;
export const CURRENT_TIME = 0;

/** Core request opcodes used here. */
const OP = {
  CreateWindow: 1,
  InternAtom: 16,
  ChangeProperty: 18,
  DeleteProperty: 19,
  GetProperty: 20,
  SetSelectionOwner: 22,
  GetSelectionOwner: 23,
  ConvertSelection: 24,
  SendEvent: 25,
  GetInputFocus: 43,
  QueryExtension: 98,
} as const;

export const EVENT = { PropertyNotify: 28, SelectionClear: 29, SelectionRequest: 30, SelectionNotify: 31 } as const;
const PROPERTY_CHANGE_MASK = 0x400000;
const CW_EVENT_MASK = 0x800;

/** A 32-byte event as it came, `code` without the SendEvent bit. */
export interface XEvent {
  code: number;
  sent: boolean;
  bytes: Buffer;
}

export class X11Error extends Error {
  constructor(
    message: string,
    readonly errorCode?: number,
  ) {
    super(message);
    this.name = 'X11Error';
  }
}

const ERROR_NAMES: Record<number, string> = { 2: 'BadValue', 3: 'BadWindow', 4: 'BadPixmap', 5: 'BadAtom', 8: 'BadMatch', 11: 'BadAlloc', 14: 'BadIDChoice', 16: 'BadLength' };

const pad4 = (n: number) => (4 - (n % 4)) % 4;

interface Pending {
  sequence: number;
  resolve(reply: Buffer): void;
  reject(error: Error): void;
}

export interface ConnectOptions {
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** How long connecting and each reply may take before the display counts as unavailable. */
  timeoutMs?: number;
}

export class X11Connection {
  readonly root: number;
  /** The largest request the server takes, in bytes. */
  readonly maxRequestBytes: number;
  private readonly idBase: number;
  private readonly idMask: number;
  private nextId = 1;
  private sequence = 0;
  private buffered: Buffer;
  private readonly pending: Pending[] = [];
  private readonly listeners = new Set<(event: XEvent) => void>();
  private readonly closeListeners = new Set<(error?: Error) => void>();
  private closed = false;
  private readonly atomCache = new Map<string, number>();

  private constructor(
    private readonly socket: net.Socket,
    setup: Buffer,
    screen: number,
    private readonly timeoutMs: number,
    early: Buffer,
  ) {
    this.buffered = early;
    this.idBase = setup.readUInt32LE(12);
    this.idMask = setup.readUInt32LE(16);
    this.maxRequestBytes = setup.readUInt16LE(26) * 4;
    const vendorLength = setup.readUInt16LE(24);
    const screens = setup.readUInt8(28);
    const formats = setup.readUInt8(29);
    let offset = 40 + vendorLength + pad4(vendorLength) + formats * 8;
    if (screen >= screens) throw new X11Error(`the display has no screen ${screen}`);
    // Each SCREEN is 40 bytes plus its DEPTHs (8 bytes each plus 24 per VISUALTYPE); skip to ours.
    for (let index = 0; index < screen; index++) {
      const depths = setup.readUInt8(offset + 39);
      offset += 40;
      for (let depth = 0; depth < depths; depth++) offset += 8 + setup.readUInt16LE(offset + 2) * 24;
    }
    this.root = setup.readUInt32LE(offset);
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('close', () => this.shutDown(new X11Error('the X server closed the connection')));
    socket.on('error', (error) => this.shutDown(error));
  }

  /** Connect to `$DISPLAY` with its Xauthority cookie; rejects with an X11Error saying why not. */
  static async connect({ env, platform = process.platform, timeoutMs = 5000 }: ConnectOptions): Promise<X11Connection> {
    const address = parseDisplay(env.DISPLAY, platform);
    if (!address) throw new X11Error(`DISPLAY (${JSON.stringify(env.DISPLAY ?? '')}) is not an X display this client can reach`);
    const socket = await openSocket(address, timeoutMs);
    try {
      const { setup, rest } = await handshake(socket, cookieFor(address, env), timeoutMs);
      const connection = new X11Connection(socket, setup, address.screen, timeoutMs, rest);
      return connection;
    } catch (error) {
      socket.destroy();
      throw error;
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  newId(): number {
    // Resource ids are base | (n shifted into the mask); the mask's bits are contiguous.
    const shift = 31 - Math.clz32(this.idMask & -this.idMask);
    return (this.idBase | ((this.nextId++ << shift) & this.idMask)) >>> 0;
  }

  onEvent(listener: (event: XEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /**
   * Wait for the first event that `pick` accepts (returning a value); rejects after the timeout or
   * when the connection closes.
   */
  waitForEvent<T>(pick: (event: XEvent) => T | undefined, what: string, timeoutMs = this.timeoutMs): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        stopEvents();
        stopClose();
      };
      const timer = setTimeout(() => {
        done();
        reject(new X11Error(`no answer from the X server while waiting for ${what}`));
      }, timeoutMs);
      const stopEvents = this.onEvent((event) => {
        const value = pick(event);
        if (value === undefined) return;
        done();
        resolve(value);
      });
      const stopClose = this.onClose((error) => {
        done();
        reject(error ?? new X11Error('the X connection closed'));
      });
    });
  }

  /**
   * Collect the events `pick` accepts from now on, so none is missed between two waits (an event
   * can arrive in the same read as the reply that came before it). `stop()` when done.
   */
  collect<T>(pick: (event: XEvent) => T | undefined): { next(what: string): Promise<T>; stop(): void } {
    const ready: T[] = [];
    let waiter: ((value: T) => void) | null = null;
    const stopEvents = this.onEvent((event) => {
      const value = pick(event);
      if (value === undefined) return;
      if (waiter) waiter(value);
      else ready.push(value);
    });
    return {
      next: (what) => {
        if (ready.length) return Promise.resolve(ready.shift()!);
        return new Promise<T>((resolve, reject) => {
          const timer = setTimeout(() => {
            waiter = null;
            stopClose();
            reject(new X11Error(`no answer from the X server while waiting for ${what}`));
          }, this.timeoutMs);
          const stopClose = this.onClose((error) => {
            clearTimeout(timer);
            waiter = null;
            reject(error ?? new X11Error('the X connection closed'));
          });
          waiter = (value) => {
            clearTimeout(timer);
            waiter = null;
            stopClose();
            resolve(value);
          };
        });
      },
      stop: stopEvents,
    };
  }

  close(): void {
    if (this.closed) return;
    this.socket.end();
    this.socket.destroy();
    this.shutDown();
  }

  /** Let the process exit while this connection is open (an owner that only serves requests keeps it up). */
  unref(): void {
    this.socket.unref();
  }

  // --- requests -------------------------------------------------------------------------------

  async internAtom(name: string): Promise<number> {
    const cached = this.atomCache.get(name);
    if (cached !== undefined) return cached;
    const bytes = Buffer.from(name, 'latin1');
    const body = Buffer.alloc(4 + bytes.length + pad4(bytes.length));
    body.writeUInt16LE(bytes.length, 0);
    bytes.copy(body, 4);
    const reply = await this.request(OP.InternAtom, 0, body);
    const atom = reply.readUInt32LE(8);
    this.atomCache.set(name, atom);
    return atom;
  }

  /** An unmapped 1×1 InputOnly window that hears PropertyNotify: a requestor and selection owner. */
  createWindow(): number {
    const id = this.newId();
    const body = Buffer.alloc(28);
    body.writeUInt32LE(id, 0);
    body.writeUInt32LE(this.root, 4);
    body.writeInt16LE(-10, 8);
    body.writeInt16LE(-10, 10);
    body.writeUInt16LE(1, 12);
    body.writeUInt16LE(1, 14);
    body.writeUInt16LE(0, 16); // border width
    body.writeUInt16LE(2, 18); // class InputOnly
    body.writeUInt32LE(0, 20); // visual CopyFromParent
    body.writeUInt32LE(CW_EVENT_MASK, 24);
    const value = Buffer.alloc(4);
    value.writeUInt32LE(PROPERTY_CHANGE_MASK);
    this.send(OP.CreateWindow, 0, Buffer.concat([body, value]));
    return id;
  }

  changeProperty(window: number, property: number, type: number, format: 8 | 32, data: Buffer, mode: 'replace' | 'append' = 'replace'): void {
    const units = data.length / (format / 8);
    const body = Buffer.alloc(20 + data.length + pad4(data.length));
    body.writeUInt32LE(window, 0);
    body.writeUInt32LE(property, 4);
    body.writeUInt32LE(type, 8);
    body.writeUInt8(format, 12);
    body.writeUInt32LE(units, 16);
    data.copy(body, 20);
    this.send(OP.ChangeProperty, mode === 'replace' ? 0 : 2, body);
  }

  deleteProperty(window: number, property: number): void {
    const body = Buffer.alloc(8);
    body.writeUInt32LE(window, 0);
    body.writeUInt32LE(property, 4);
    this.send(OP.DeleteProperty, 0, body);
  }

  async getProperty(window: number, property: number, remove: boolean): Promise<{ type: number; format: number; value: Buffer; bytesAfter: number }> {
    const body = Buffer.alloc(20);
    body.writeUInt32LE(window, 0);
    body.writeUInt32LE(property, 4);
    body.writeUInt32LE(0, 8); // AnyPropertyType
    body.writeUInt32LE(0, 12); // offset
    body.writeUInt32LE(Math.floor(this.maxRequestBytes / 4), 16); // length, in 4-byte units
    const reply = await this.request(OP.GetProperty, remove ? 1 : 0, body);
    const format = reply.readUInt8(1);
    const type = reply.readUInt32LE(8);
    const bytesAfter = reply.readUInt32LE(12);
    const units = reply.readUInt32LE(16);
    const value = Buffer.from(reply.subarray(32, 32 + units * (format / 8 || 0)));
    return { type, format, value, bytesAfter };
  }

  setSelectionOwner(owner: number, selection: number, time: number): void {
    const body = Buffer.alloc(12);
    body.writeUInt32LE(owner, 0);
    body.writeUInt32LE(selection, 4);
    body.writeUInt32LE(time, 8);
    this.send(OP.SetSelectionOwner, 0, body);
  }

  async getSelectionOwner(selection: number): Promise<number> {
    const body = Buffer.alloc(4);
    body.writeUInt32LE(selection, 0);
    return (await this.request(OP.GetSelectionOwner, 0, body)).readUInt32LE(8);
  }

  convertSelection(requestor: number, selection: number, target: number, property: number, time: number): void {
    const body = Buffer.alloc(20);
    body.writeUInt32LE(requestor, 0);
    body.writeUInt32LE(selection, 4);
    body.writeUInt32LE(target, 8);
    body.writeUInt32LE(property, 12);
    body.writeUInt32LE(time, 16);
    this.send(OP.ConvertSelection, 0, body);
  }

  /** SendEvent with an empty event mask: the event goes to the client that created `destination`. */
  sendEvent(destination: number, event: Buffer): void {
    const body = Buffer.alloc(40);
    body.writeUInt32LE(destination, 0);
    body.writeUInt32LE(0, 4);
    event.copy(body, 8, 0, 32);
    this.send(OP.SendEvent, 0, body);
  }

  /** A round trip: every request sent before it has been handled (and its errors reported) when this resolves. */
  async sync(): Promise<void> {
    await this.request(OP.GetInputFocus, 0, Buffer.alloc(0));
  }

  /** An extension's major opcode and first event code, or null when the server lacks it. */
  async queryExtension(name: string): Promise<{ majorOpcode: number; firstEvent: number } | null> {
    const bytes = Buffer.from(name, 'latin1');
    const body = Buffer.alloc(4 + bytes.length + pad4(bytes.length));
    body.writeUInt16LE(bytes.length, 0);
    bytes.copy(body, 4);
    const reply = await this.request(OP.QueryExtension, 0, body);
    return reply.readUInt8(8) ? { majorOpcode: reply.readUInt8(9), firstEvent: reply.readUInt8(10) } : null;
  }

  /**
   * Send a request without a reply: `opcode`, the byte after it (`data`, often unused) and the body
   * after the 4-byte header. Its errors go unheard (an error of ours would be a bug, one about a
   * requestor's window that went away is harmless). Throws when the connection is closed.
   */
  send(opcode: number, data: number, body: Buffer): number {
    if (this.closed) throw new X11Error('the X connection is closed');
    const length = 4 + body.length;
    if (length % 4 !== 0 || length > this.maxRequestBytes) throw new X11Error('request too large for the X server');
    const header = Buffer.alloc(4);
    header.writeUInt8(opcode, 0);
    header.writeUInt8(data, 1);
    header.writeUInt16LE(length / 4, 2);
    this.sequence = (this.sequence + 1) & 0xffff;
    this.socket.write(Buffer.concat([header, body]));
    return this.sequence;
  }

  /** Send a request that has a reply; resolves the reply, rejects with the server's error. */
  request(opcode: number, data: number, body: Buffer): Promise<Buffer> {
    let sequence: number;
    try {
      sequence = this.send(opcode, data, body);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = this.pending.findIndex((entry) => entry.sequence === sequence);
        if (index >= 0) this.pending.splice(index, 1);
        reject(new X11Error('no reply from the X server'));
      }, this.timeoutMs);
      this.pending.push({
        sequence,
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  // --- input ----------------------------------------------------------------------------------

  private receive(chunk: Buffer): void {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    while (this.buffered.length >= 32) {
      const kind = this.buffered.readUInt8(0);
      // Replies (1) and GenericEvents (35) carry a length; errors and other events are 32 bytes.
      const size = kind === 1 || (kind & 0x7f) === 35 ? 32 + this.buffered.readUInt32LE(4) * 4 : 32;
      if (this.buffered.length < size) return;
      const message = this.buffered.subarray(0, size);
      this.buffered = this.buffered.subarray(size);
      if (kind === 1) this.settle(message.readUInt16LE(2), message, null);
      else if (kind === 0) this.settle(message.readUInt16LE(2), null, message);
      else {
        const event = { code: kind & 0x7f, sent: (kind & 0x80) !== 0, bytes: Buffer.from(message) };
        for (const listener of [...this.listeners]) listener(event);
      }
    }
  }

  private settle(sequence: number, reply: Buffer | null, error: Buffer | null): void {
    const index = this.pending.findIndex((entry) => entry.sequence === sequence);
    if (index < 0) return; // an error of a request without a reply: nobody waits for it
    const [entry] = this.pending.splice(index, 1);
    if (reply) entry!.resolve(Buffer.from(reply));
    else {
      const code = error!.readUInt8(1);
      entry!.reject(new X11Error(`the X server refused a request (${ERROR_NAMES[code] ?? `error ${code}`})`, code));
    }
  }

  private shutDown(error?: Error): void {
    if (this.closed) return;
    this.closed = true;
    for (const entry of this.pending.splice(0)) entry.reject(error ?? new X11Error('the X connection closed'));
    for (const listener of [...this.closeListeners]) listener(error);
  }
}

function openSocket(address: DisplayAddress, timeoutMs: number): Promise<net.Socket> {
  const attempts: Array<() => net.Socket> = [
    ...address.socketPaths.map((socketPath) => () => net.connect({ path: socketPath })),
    ...(address.tcp ? [() => net.connect({ host: address.tcp!.host, port: address.tcp!.port })] : []),
  ];
  return new Promise((resolve, reject) => {
    const tryNext = (index: number, lastError?: Error) => {
      const attempt = attempts[index];
      if (!attempt) {
        reject(new X11Error(`cannot connect to the X display (${lastError?.message ?? 'no socket'})`));
        return;
      }
      const socket = attempt();
      const timer = setTimeout(() => socket.destroy(new Error('timed out')), timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(socket);
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        socket.destroy();
        tryNext(index + 1, error);
      });
    };
    tryNext(0);
  });
}

/** Connection setup; resolves the server's setup block (from its byte 0) and any bytes after it. */
function handshake(socket: net.Socket, cookie: Buffer | null, timeoutMs: number): Promise<{ setup: Buffer; rest: Buffer }> {
  const name = cookie ? Buffer.from(MIT_MAGIC_COOKIE, 'latin1') : Buffer.alloc(0);
  const data = cookie ?? Buffer.alloc(0);
  const head = Buffer.alloc(12);
  head.write('l', 0, 'latin1'); // little-endian
  head.writeUInt16LE(11, 2);
  head.writeUInt16LE(0, 4);
  head.writeUInt16LE(name.length, 6);
  head.writeUInt16LE(data.length, 8);
  socket.write(Buffer.concat([head, name, Buffer.alloc(pad4(name.length)), data, Buffer.alloc(pad4(data.length))]));
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const finish = (error: Error | null, setup?: Buffer) => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      if (error) reject(error);
      else resolve({ setup: setup!, rest: Buffer.from(received.subarray(setup!.length)) });
    };
    const timer = setTimeout(() => finish(new X11Error('the X server did not answer the connection setup')), timeoutMs);
    const onClose = () => finish(new X11Error('the X server closed the connection during setup'));
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 8) return;
      const total = 8 + received.readUInt16LE(6) * 4;
      if (received.length < total) return;
      const status = received.readUInt8(0);
      if (status === 1) {
        finish(null, Buffer.from(received.subarray(0, total)));
        return;
      }
      const reason = status === 0 ? received.subarray(8, 8 + received.readUInt8(1)).toString('latin1').trim() : 'the server asks for another kind of authentication';
      finish(new X11Error(`the X server refused the connection: ${reason || 'no reason given'}`));
    };
    socket.on('data', onData);
    socket.once('close', onClose);
  });
}
