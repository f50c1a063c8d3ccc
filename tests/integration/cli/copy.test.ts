/**
 * `orgkey copy` on a real X11 clipboard (Xvfb, admitting only clients with its cookie), checked from
 * outside with xclip and an XFIXES watcher: the copy offers the text and KDE's secret marker from
 * its first moment, is cleared only while it is still there, never outlives the process that should
 * clear it — and no program from the current folder is ever started for it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLI, cliEnvironment, errorLineOf, runCli, startCli, useCliSuite, waitFor, type CliEnv, type CliResult } from '../../support/cli';
import { credentials, PROD_ADMIN } from '../../support/fake-org';
import { makeTempDir, removeTempDir } from '../../support/temp';
import {
  haveXvfbAndXclip,
  newCookie,
  runningClipboardOwners,
  startXvfb,
  watchClipboardOwners,
  writeXauthority,
  xclipRead,
  xclipWrite,
  type Xvfb,
} from '../../support/x11';

const suite = useCliSuite('cli-copy');
let target: CliEnv;
beforeEach(() => ({ target } = suite));

async function addProd() {
  const creds = await credentials(suite.control, PROD_ADMIN);
  const result = await runCli(target, ['add', 'Prod', '--username', PROD_ADMIN, '--env', suite.fake.org.loginUrl, '--secrets-stdin'], {
    input: `${creds.password}\n${creds.token}\n`,
  });
  expect(result.code, result.stderr).toBe(0);
  return { ...creds, combined: `${creds.password}${creds.token}` };
}

describe.skipIf(!haveXvfbAndXclip)('orgkey copy on X11 (Xvfb with a cookie, xclip to look)', () => {
  let authDir: string;
  let x: Xvfb;
  const onX = (extra: Record<string, string> = {}): CliEnv => ({ ...target, env: { ...x.env, ...extra } });

  beforeAll(async () => {
    authDir = makeTempDir('cli-copy-xauth');
    const authFile = path.join(authDir, 'Xauthority');
    writeXauthority(authFile, newCookie());
    x = await startXvfb({ authFile });
  });
  afterAll(() => {
    x.stop();
    removeTempDir(authDir);
  });
  beforeEach(async () => {
    await xclipWrite(x, 'before the test');
  });

  it('offers the text and x-kde-passwordManagerHint = secret, then clears it on Ctrl-C', async () => {
    const { combined } = await addProd();
    const run = startCli(onX(), ['copy', 'Prod', '--clear-after', '300']);
    await run.stderrHas('Ctrl-C clears it now.');

    const targets = (await xclipRead(x, 'TARGETS')).split('\n').filter(Boolean);
    expect(targets).toEqual(expect.arrayContaining(['TARGETS', 'UTF8_STRING', 'text/plain;charset=utf-8', 'text/plain', 'x-kde-passwordManagerHint']));
    expect(await xclipRead(x, 'x-kde-passwordManagerHint')).toBe('secret');
    expect(await xclipRead(x)).toBe(combined);
    expect(await xclipRead(x, 'text/plain')).toBe(combined);

    run.child.kill('SIGINT');
    const result = await run.result;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Cleared the clipboard.');
    expect(result.stderr).not.toContain('could not mark it');
    expect(await xclipRead(x)).toBe('');
    expect(await xclipRead(x, 'TARGETS')).toBe('');
  });

  it('changes the clipboard’s owner once, to one that offers the marker from that first moment', async () => {
    await addProd();
    const watch = await watchClipboardOwners(x);
    try {
      const run = startCli(onX(), ['copy', 'Prod', '--what', 'token', '--clear-after', '300']);
      await run.stderrHas('Ctrl-C clears it now.');
      await watch.settled();
      // One SetSelectionOwner for the copy: no earlier write of the bare text that a later one replaced.
      expect(watch.changes).toHaveLength(1);
      expect(watch.changes[0]!.targets).toContain('x-kde-passwordManagerHint');
      run.child.kill('SIGINT');
      expect((await run.result).code).toBe(0);
    } finally {
      watch.stop();
    }
  });

  it('--clear-after clears when the time is up, and leaves alone what was copied meanwhile', async () => {
    const { token } = await addProd();
    const cleared = await runCli(onX(), ['copy', 'Prod', '--what', 'token', '--clear-after', '1']);
    expect(cleared.code, cleared.stderr).toBe(0);
    expect(cleared.stderr).toContain('Cleared the clipboard.');
    expect(await xclipRead(x)).toBe('');

    const run = startCli(onX(), ['copy', 'Prod', '--what', 'token', '--clear-after', '5']);
    await run.stderrHas('Clearing it in 5 s');
    expect(await xclipRead(x)).toBe(token);
    await xclipWrite(x, 'a shopping list');
    const result = await run.result;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Left the clipboard alone: something else was copied meanwhile.');
    expect(await xclipRead(x)).toBe('a shopping list');
  });

  it('leaves no secret behind when orgkey is killed before it could clear', async () => {
    await addProd();
    const run = startCli(onX(), ['copy', 'Prod', '--clear-after', '300']);
    await run.stderrHas('Ctrl-C clears it now.');
    expect(runningClipboardOwners(x)).toHaveLength(1);
    run.child.kill('SIGKILL');
    await run.result;
    await waitFor(() => runningClipboardOwners(x).length === 0, () => 'the clipboard owner to end with orgkey');
    expect(await xclipRead(x)).toBe('');
  });

  it('--clear-after 0: the marked copy outlives orgkey until something else is copied', async () => {
    await addProd();
    const result = await runCli(onX(), ['copy', 'Prod', '--what', 'username', '--clear-after', '0']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('It stays there until something else is copied (--clear-after 0).');
    expect(await xclipRead(x)).toBe(PROD_ADMIN);
    expect(await xclipRead(x, 'x-kde-passwordManagerHint')).toBe('secret');
    expect(runningClipboardOwners(x)).toHaveLength(1);

    await xclipWrite(x, 'something else');
    await waitFor(() => runningClipboardOwners(x).length === 0, () => 'the clipboard owner to end once it lost the clipboard');
    expect(await xclipRead(x)).toBe('something else');
  });

  it('fails with CLIPBOARD_UNAVAILABLE (exit 3) when the X server refuses the cookie', async () => {
    await addProd();
    const wrongFile = path.join(authDir, 'wrong');
    writeXauthority(wrongFile, newCookie());
    const result = await runCli(onX({ XAUTHORITY: wrongFile }), ['copy', 'Prod', '--clear-after', '0']);
    expect(result.code).toBe(3);
    expect(errorLineOf(result)).toMatch(/^orgkey: CLIPBOARD_UNAVAILABLE: The X11 clipboard is unavailable: the X server refused the connection/);
    expect(await xclipRead(x)).toBe('before the test');
  });

  it('never starts a clipboard program from the current folder (an empty PATH entry, or “.”)', async () => {
    const { combined } = await addProd();
    const folder = makeTempDir('cli-copy-planted');
    try {
      const witness = path.join(folder, 'planted-program-ran');
      for (const name of ['xclip', 'xsel', 'wl-copy', 'wl-paste']) {
        fs.writeFileSync(path.join(folder, name), `#!/bin/sh\ntouch '${witness}'\ncat >/dev/null\n`, { mode: 0o755 });
      }
      for (const PATH of [`:${process.env.PATH}`, `.:${process.env.PATH}`, `${process.env.PATH}:`]) {
        const env = cliEnvironment(onX({ PATH }));
        const child = spawn(process.execPath, [CLI, 'copy', 'Prod', '--clear-after', '1'], { cwd: folder, env });
        const result = await new Promise<CliResult>((resolve, reject) => {
          let stderr = '';
          child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
          child.once('error', reject);
          child.once('close', (code) => resolve({ code, stdout: '', stderr }));
          child.stdin.end();
        });
        expect(fs.existsSync(witness), `a planted program ran with PATH=${PATH}`).toBe(false);
        expect(result.code, result.stderr).toBe(0);
        expect(result.stderr, PATH).toContain('Cleared the clipboard.');
      }
      // The copy itself worked: a fresh one reads back.
      const run = startCli(onX(), ['copy', 'Prod', '--clear-after', '300']);
      await run.stderrHas('Ctrl-C clears it now.');
      expect(await xclipRead(x)).toBe(combined);
      run.child.kill('SIGINT');
      await run.result;
    } finally {
      removeTempDir(folder);
    }
  });
});
