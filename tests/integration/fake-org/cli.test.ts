/**
 * `npm run fake-org` (tsx e2e/fake-org/cli.ts): one line of JSON on stdout, credentials that work
 * with jsforce, and a clean exit on SIGTERM / SIGINT.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import jsforce from 'jsforce';
import { afterEach, describe, expect, it } from 'vitest';
import { API_VERSION, SANDBOX_ADMIN, SEED_CALLBACK_URLS } from './support';

interface CliSummary {
  loginUrl: string;
  orgs: { orgId: string; myDomainUrl: string }[];
  users: { username: string; password: string; token: string; orgId: string; sandbox: boolean }[];
  connectedApps: { orgId: string; clientId: string; clientSecret: string }[];
  externalClientApps: { orgId: string; clientId: string; clientSecret: string; callbackUrls: string[] }[];
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];

/** What `npm run fake-org -- …` runs, without npm's banner on stdout. */
function startCli(...args: string[]): ChildProcessWithoutNullStreams {
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['e2e/fake-org/cli.ts', ...args], { cwd: ROOT });
  children.push(child);
  return child;
}

async function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  lines.close();
  return line;
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('the fake-org command', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('prints one JSON line whose credentials log in, and exits 0 on %s', async (signal) => {
    const child = startCli('--port', '0');
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const summary = JSON.parse(await firstLine(child)) as CliSummary;
    expect(summary.loginUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(summary.users.map((user) => user.sandbox)).toContain(true);
    // Every org has a My Domain of its own, on another port of the same host.
    expect(summary.orgs.map(({ orgId }) => orgId).sort()).toEqual([...new Set(summary.users.map((user) => user.orgId))].sort());
    for (const { myDomainUrl } of summary.orgs) expect([myDomainUrl.startsWith('http://127.0.0.1:'), myDomainUrl === summary.loginUrl]).toEqual([true, false]);
    for (const user of summary.users.filter((candidate) => candidate.username.startsWith('admin@'))) {
      const conn = new jsforce.Connection({ loginUrl: summary.loginUrl, version: API_VERSION });
      await expect(conn.login(user.username, user.password + user.token)).resolves.toMatchObject({ organizationId: user.orgId });
    }
    const sandbox = summary.users.find((user) => user.username === SANDBOX_ADMIN);
    const app = summary.connectedApps.find((candidate) => candidate.orgId === sandbox?.orgId);
    const oauth = new jsforce.Connection({ oauth2: { loginUrl: summary.loginUrl, clientId: app?.clientId, clientSecret: app?.clientSecret }, version: API_VERSION });
    await expect(oauth.login(SANDBOX_ADMIN, `${sandbox?.password ?? ''}${sandbox?.token ?? ''}`)).resolves.toBeTruthy();
    expect(summary.externalClientApps).toEqual(
      summary.connectedApps.map(({ orgId }) => ({ orgId, clientId: expect.stringMatching(/^3MVG9/), clientSecret: expect.stringMatching(/^[0-9A-F]{64}$/), callbackUrls: SEED_CALLBACK_URLS })),
    );
    const eca = summary.externalClientApps.find((candidate) => candidate.orgId === sandbox?.orgId);
    const authorize = await fetch(`${summary.loginUrl}/services/oauth2/authorize?response_type=code&client_id=${eca?.clientId ?? ''}&redirect_uri=${encodeURIComponent(eca?.callbackUrls[0] ?? '')}`);
    expect([authorize.status, (await authorize.text()).includes('<title>Login | Salesforce</title>')]).toEqual([200, true]);

    child.kill(signal);
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
  });

  it('refuses a port that is not a number with exit code 2 and a message', async () => {
    const child = startCli('--port', 'eighty');
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be a whole number from 0 to 65535, got eighty');
  });

  it('delays every Salesforce request by --latency-ms, and refuses a latency that is not a whole number', async () => {
    const child = startCli('--port', '0', '--latency-ms', '400');
    const summary = JSON.parse(await firstLine(child)) as CliSummary;
    // A lower bound only: the wait is at least the latency asked for (never a measure of speed).
    const started = performance.now();
    const answer = await fetch(`${summary.loginUrl}/services/data/`);
    expect([answer.ok, performance.now() - started >= 400]).toEqual([true, true]);
    child.kill('SIGTERM');
    await once(child, 'exit');

    const refused = startCli('--latency-ms', 'slow');
    let stderr = '';
    refused.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(refused, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toContain('--latency-ms must be a whole number from 0 to 60000, got slow');
  });
});
