/**
 * The CLI's browser opener on real processes and real files: it refuses an address off the
 * allow-list before looking for a tool, and runs `xdg-open` only from an absolute PATH folder —
 * never one planted in the current folder and reached through an empty PATH entry.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemOpener } from '../../../cli/opener';
import { startCli, useCliSuite, waitFor } from '../../support/cli';
import { credentials, PROD_ADMIN } from '../../support/fake-org';
import { freePort } from '../../support/ports';
import { makeTempDir, removeTempDir } from '../../support/temp';

const suite = useCliSuite('cli-opener');
let work: string;
/** An absolute PATH folder with a stand-in `xdg-open` that writes the address it got to `opened.txt`. */
let bin: string;
/** Where the CLI runs: a folder with a planted `xdg-open` that writes `planted.txt` if it ever runs. */
let here: string;
const openedFile = () => path.join(work, 'opened.txt');
const plantedFile = () => path.join(work, 'planted.txt');

function tool(dir: string, writes: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$1" > '${writes}'\n`, { mode: 0o755 });
}

beforeEach(() => {
  work = makeTempDir('cli-opener');
  bin = path.join(work, 'bin');
  here = path.join(work, 'here');
  tool(bin, openedFile());
  tool(here, plantedFile());
});
afterEach(() => removeTempDir(work));

describe.skipIf(process.platform === 'win32')('the CLI’s browser opener', () => {
  it('refuses an address off the allow-list without looking for a tool or starting one', async () => {
    const looked: string[] = [];
    const opener = systemOpener('linux', {
      env: { PATH: bin },
      isExecutable: (file) => {
        looked.push(file);
        return fs.existsSync(file);
      },
    });
    for (const url of ['https://evil.example/services/oauth2/authorize', 'http://acme.my.salesforce.com/', 'file:///etc/passwd', 'https://user:pw@acme.my.salesforce.com/']) {
      await expect(opener.open(url), url).rejects.toMatchObject({ appError: { code: 'URL_NOT_ALLOWED' } });
    }
    // The org's own login host is let through only when the caller names it.
    await expect(opener.open('https://login.acme.example/services/oauth2/authorize')).rejects.toMatchObject({ appError: { code: 'URL_NOT_ALLOWED' } });
    expect(looked).toEqual([]);
    expect(fs.existsSync(openedFile())).toBe(false);
  });

  it('orgkey login runs the xdg-open of an absolute PATH folder, not one planted in the current folder behind an empty PATH entry', async () => {
    const { fake, control, target } = suite;
    const port = await freePort();
    const { orgId } = await credentials(control, PROD_ADMIN);
    const app = (await control.state()).orgs.find((org) => org.id === orgId)!.externalClientApps[0]!;
    await control.patchApp(app.clientId, { callbackUrls: [`http://localhost:${port}/oauth/callback`] });
    const added = startCli(target, ['add', 'Acme', '--browser-login', '--client-id', app.clientId, '--port', String(port), '--env', fake.org.loginUrl]);
    expect((await added.result).code).toBe(0);

    // PATH starts with an empty entry (the current folder, to a shell and to execvp), then the tool's folder.
    const run = startCli({ ...target, env: { PATH: `:${bin}` } }, ['login', 'Acme'], { cwd: here });
    const [, authorizeUrl] = await run.stdoutMatch(/^Open this address to sign in: (\S+)$/m);
    await waitFor(() => fs.existsSync(openedFile()), () => `${openedFile()} from the xdg-open in ${bin}`);
    expect(fs.readFileSync(openedFile(), 'utf8').trim()).toBe(authorizeUrl);
    expect(fs.existsSync(plantedFile())).toBe(false);
    run.child.kill('SIGINT');
    expect((await run.result).code).toBe(130);
  });
});
