/**
 * `npm run fake-org -- [--port N] [--latency-ms N]`: starts the fake org, prints ONE line of JSON on stdout (login
 * URL, each org's My Domain URL, the seed users' credentials, the connected apps and External
 * Client Apps), then serves
 * until SIGINT or SIGTERM.
 * Human-readable notes go to stderr so stdout stays machine-readable.
 */
import { parseArgs } from 'node:util';
import { startFakeOrg } from './index';

function parseOptions(argv: string[]): { port: number; latencyMs: number } {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string' }, 'latency-ms': { type: 'string' } }, strict: true });
  const port = Number(values.port ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, got ${values.port ?? ''}`);
  // Every Salesforce request waits this long first: a distant network, for the bench.
  const latencyMs = Number(values['latency-ms'] ?? '0');
  if (!Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > 60_000) throw new Error(`--latency-ms must be a whole number from 0 to 60000, got ${values['latency-ms'] ?? ''}`);
  return { port, latencyMs };
}

async function main(): Promise<void> {
  const org = await startFakeOrg(parseOptions(process.argv.slice(2)));
  const { users, orgs } = org.state.snapshot();
  const summary = {
    loginUrl: org.loginUrl,
    orgs: org.orgs,
    users: users.map(({ username, password, token, orgId, sandbox }) => ({ username, password, token, orgId, sandbox })),
    connectedApps: orgs.map(({ id, connectedApp }) => ({ orgId: id, clientId: connectedApp.clientId, clientSecret: connectedApp.clientSecret })),
    externalClientApps: orgs.flatMap(({ id, externalClientApps }) =>
      externalClientApps.map(({ clientId, clientSecret, callbackUrls }) => ({ orgId: id, clientId, clientSecret, callbackUrls })),
    ),
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.stderr.write(`[fake-org] serving ${org.loginUrl}; control API at ${org.loginUrl}/__fake/state; Ctrl-C to stop\n`);
  const stop = (): void => {
    void org.close().then(() => process.stderr.write('[fake-org] stopped\n'));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`[fake-org] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
