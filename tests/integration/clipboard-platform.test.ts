/**
 * The platform clipboard below the CLI: the X11 owner as the app runs it (the request as a message,
 * as an Electron utility process gets it), and the unmarked fallback for a wl-copy too old to mark.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClipboard } from '../../electron/platform/clipboard/system-clipboard';
import { OWNED, runOwnerOverParentPort } from '../../electron/platform/clipboard/x11-owner';
import { waitFor } from '../support/cli';
import { makeTempDir, removeTempDir } from '../support/temp';
import { haveXvfbAndXclip, startXvfb, xclipRead, xclipWrite, type Xvfb } from '../support/x11';

describe.skipIf(!haveXvfbAndXclip)('the X11 owner in a utility process (Xvfb)', () => {
  let x: Xvfb;
  beforeAll(async () => {
    x = await startXvfb();
  });
  afterAll(() => x.stop());

  it('owns the clipboard with the marked text from the first message, and ends when another program copies', async () => {
    const said: unknown[] = [];
    let deliver!: (message: { data: unknown }) => void;
    const port = { once: (_event: 'message', listener: (message: { data: unknown }) => void) => void (deliver = listener), postMessage: (line: unknown) => said.push(line) };
    const serving = runOwnerOverParentPort(port, { ...process.env, ...x.env });
    deliver({ data: { text: 'Tableau-Passw0rd+Token', stay: false } });
    await waitFor(() => said.length > 0, () => 'the owner to answer');
    expect(said).toEqual([OWNED]);
    expect(await xclipRead(x)).toBe('Tableau-Passw0rd+Token');
    expect(await xclipRead(x, 'x-kde-passwordManagerHint')).toBe('secret');
    await xclipWrite(x, 'copied elsewhere');
    expect(await serving).toBe(0);
  });

  it('says why it cannot own the clipboard', async () => {
    const said: unknown[] = [];
    const port = { once: (_event: 'message', listener: (message: { data: unknown }) => void) => listener({ data: { text: 'x', stay: false } }), postMessage: (line: unknown) => said.push(line) };
    expect(await runOwnerOverParentPort(port, { DISPLAY: ':5990' })).toBe(1);
    expect(String(said[0])).toMatch(/^failed cannot connect to the X display/);
  });
});

describe('wl-copy without --sensitive (wl-clipboard before 2.3)', () => {
  let folder: string;
  beforeAll(() => {
    folder = makeTempDir('clipboard-wl');
    // A stand-in for the old wl-copy: refuses the option it does not know, else keeps stdin.
    fs.writeFileSync(
      path.join(folder, 'wl-copy'),
      `#!/bin/sh\nfor a in "$@"; do [ "$a" = --sensitive ] && { echo "wl-copy: unrecognized option '--sensitive'" >&2; exit 1; }; done\ncat > '${folder}/copied'\n`,
      { mode: 0o755 },
    );
    fs.writeFileSync(path.join(folder, 'wl-paste'), `#!/bin/sh\ncat '${folder}/copied'\n`, { mode: 0o755 });
  });
  afterAll(() => removeTempDir(folder));

  it('copies the text unmarked and says so', async () => {
    const clipboard = systemClipboard({ platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0', PATH: `${folder}:/usr/bin:/bin` }, startX11Owner: () => Promise.reject(new Error('not X11')) });
    await clipboard.writeSecret('pw+token');
    expect(clipboard.lastWriteMarked).toBe(false);
    expect(await clipboard.readText()).toBe('pw+token');
  });
});
