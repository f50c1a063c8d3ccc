/**
 * `orgkey` with client-credentials and JWT orgs, end to end: the built command in a subprocess on a
 * real settings file and keychain, against the fake org — add, test, the list's JSON, switching a
 * password org over and forgetting its old secrets, `access-token` used on the org's REST API, and a
 * leak scan for the consumer secret and every access token handed out.
 */
import { describe, expect, it } from 'vitest';
import { credentials, PROD_ADMIN, type Control } from '../../support/fake-org';
import { errorLineOf, onTerminal, runCli, useCliSuite, type CliEnv, type CliResult } from '../../support/cli';
import { readAllFiles } from '../../support/temp';

const suite = useCliSuite('cli-s2s');

async function productionOrg(control: Control) {
  const { orgId } = await credentials(control, PROD_ADMIN);
  const org = (await control.state()).orgs.find((candidate) => candidate.id === orgId)!;
  return { myDomainUrl: org.myDomainUrl, app: org.externalClientApps[0]! };
}

const addCc = (target: CliEnv, clientId: string, url: string, secret: string, alias = 'Integration') =>
  runCli(target, ['add', alias, '--client-credentials', '--client-id', clientId, '--env', url, '--secrets-stdin'], { input: `${secret}\n` });

const limitsWith = (instanceUrl: string, accessToken: string) => fetch(`${instanceUrl}/services/data/v64.0/limits`, { headers: { Authorization: `Bearer ${accessToken}` } });

describe('orgkey with a client-credentials org', () => {
  it('adds it, tests it as the Run As user, lists it as not affected, hands access tokens — and no secret or token leaks', async () => {
    const { target, control } = suite;
    const { myDomainUrl, app } = await productionOrg(control);
    await control.patchApp(app.clientId, { clientCredentialsUser: PROD_ADMIN });
    const outputs: CliResult[] = [];
    const run = async (args: string[], input?: string) => {
      const result = await runCli(target, args, input === undefined ? {} : { input });
      outputs.push(result);
      return result;
    };

    const added = await addCc(target, app.clientId, myDomainUrl, app.clientSecret);
    outputs.push(added);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('client credentials through consumer key');

    const tested = await run(['test', 'Integration']);
    expect(tested.code, tested.stderr).toBe(0);
    expect(tested.stdout).toContain(`logged in as ${PROD_ADMIN}`);
    expect(tested.stdout).toContain('client credentials (the app’s run-as user)');

    const [listed] = JSON.parse((await run(['list', '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(listed).toMatchObject({
      auth: 'client-credentials',
      login: 'oauth',
      readiness: 'client-credentials',
      dependsOnSoapLogin: false,
      retirement: { flow: 'client-credentials', affected: false, deadline: null },
      username: PROD_ADMIN,
      passwordUpdatedAt: null,
      certificate: null,
      previousSecrets: null,
    });
    const shown = await run(['show', 'Integration']);
    expect(shown.stdout).toMatch(new RegExp(`run-as user\\s+${PROD_ADMIN.replace(/\./g, '\\.')}`));

    // Into a pipe: JSON, and the plain four lines; both sessions work on the org's REST API.
    const asJson = await run(['access-token', 'Integration', '--json']);
    expect(asJson.code, asJson.stderr).toBe(0);
    const session = JSON.parse(asJson.stdout) as { alias: string; accessToken: string; instanceUrl: string; expiresAt: string | null; userName: string };
    expect(Object.keys(session).sort()).toEqual(['accessToken', 'alias', 'expiresAt', 'instanceUrl', 'userName']);
    expect(session).toMatchObject({ alias: 'Integration', instanceUrl: myDomainUrl, expiresAt: null, userName: PROD_ADMIN });
    expect((await limitsWith(session.instanceUrl, session.accessToken)).status).toBe(200);
    const plain = await run(['access-token', 'Integration']);
    const [token, instanceUrl, userName, expires] = plain.stdout.trimEnd().split('\n');
    expect([instanceUrl, userName, expires]).toEqual([myDomainUrl, PROD_ADMIN, '-']);
    expect((await limitsWith(instanceUrl!, token!)).status).toBe(200);

    // A refusal, for its error line.
    await control.patchApp(app.clientId, { clientCredentialsUser: null });
    const refused = await run(['access-token', 'Integration', '--json']);
    expect(refused.code).toBe(1);
    expect(errorLineOf(refused)).toMatch(/^orgkey: CC_FLOW_NOT_READY: .*Run As/);
    expect(refused.stdout).toBe('');

    const secrets = [app.clientSecret, session.accessToken, token!];
    const handedOut = new Set([asJson, plain]);
    for (const result of outputs) {
      for (const secret of secrets) {
        if (handedOut.has(result) && result.stdout.includes(secret)) continue;
        expect(result.stdout + result.stderr).not.toContain(secret);
      }
    }
    for (const { file, text } of readAllFiles(target.dataDir)) {
      for (const secret of secrets) expect(text, file).not.toContain(secret);
    }
  });

  it('refuses to print a token onto a terminal unless --force, saying why and how', async () => {
    const { target, control } = suite;
    const { myDomainUrl, app } = await productionOrg(control);
    await control.patchApp(app.clientId, { clientCredentialsUser: PROD_ADMIN });
    expect((await addCc(target, app.clientId, myDomainUrl, app.clientSecret)).code).toBe(0);
    const refused = await onTerminal(target, ['access-token', 'Integration']).finish();
    expect(refused.code).toBe(2);
    expect(refused.screen).toMatch(/orgkey: STDOUT_IS_TERMINAL: .*live session.*--force/);
    expect((await control.loginHistory(PROD_ADMIN)).length).toBe(0);
    const forced = await onTerminal(target, ['access-token', 'Integration', '--force']).finish();
    expect(forced.code).toBe(0);
    expect(forced.screen).toContain(myDomainUrl);
  });

  it('needs the My Domain URL, and says so next to --env without asking for the secret', async () => {
    const { target, control } = suite;
    const { app } = await productionOrg(control);
    const result = await runCli(target, ['add', 'Integration', '--client-credentials', '--client-id', app.clientId]);
    expect(result.code).toBe(2);
    expect(errorLineOf(result)).toMatch(/^orgkey: INVALID_INPUT: --env: Choose “My Domain URL”.*request not supported on this domain/);
    expect(JSON.parse((await runCli(target, ['list', '--json'])).stdout)).toEqual([]);
  });
});

describe('switching a password org over from the command line', () => {
  it('keeps the password until a test with client credentials works, then forget-previous deletes it', async () => {
    const { target, control } = suite;
    const creds = await credentials(control, PROD_ADMIN);
    const { myDomainUrl, app } = await productionOrg(control);
    await control.patchApp(app.clientId, { clientCredentialsUser: PROD_ADMIN });
    const add = await runCli(target, ['add', 'Prod', '--username', PROD_ADMIN, '--env', myDomainUrl, '--secrets-stdin'], { input: `${creds.password}\n${creds.token}\n` });
    expect(add.code, add.stderr).toBe(0);

    const edit = await runCli(target, ['edit', 'Prod', '--client-credentials', '--client-id', app.clientId, '--secrets-stdin'], { input: `${app.clientSecret}\n` });
    expect(edit.code, edit.stderr).toBe(0);
    expect(edit.stderr).toContain('orgkey forget-previous Prod');
    expect((await runCli(target, ['show', 'Prod'])).stdout).toMatch(/previous secrets\s+password, token of password and security token.*kept until a test/);

    const early = await runCli(target, ['forget-previous', 'Prod']);
    expect(early.code).toBe(1);
    expect(errorLineOf(early)).toMatch(/^orgkey: SWITCH_NOT_PROVED: /);

    expect((await runCli(target, ['test', 'Prod'])).code).toBe(0);
    const forgotten = await runCli(target, ['forget-previous', 'Prod', '--json']);
    expect(forgotten.code, forgotten.stderr).toBe(0);
    expect(JSON.parse(forgotten.stdout)).toMatchObject({ auth: 'client-credentials', previousSecrets: null });
    const detail = JSON.parse((await runCli(target, ['show', 'Prod', '--json'])).stdout) as { secrets: Record<string, { present: boolean }> };
    expect([detail.secrets.password!.present, detail.secrets.token!.present, detail.secrets.clientSecret!.present]).toEqual([false, false, true]);
  });
});

describe('orgkey with a JWT org', () => {
  it('adds it with a key pair, points at the certificate, and lists the certificate', async () => {
    const { target, control } = suite;
    const { app } = await productionOrg(control);
    const added = await runCli(target, ['add', 'Nightly', '--jwt', '--client-id', app.clientId, '--username', PROD_ADMIN]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('orgkey cert Nightly --out Nightly.crt');
    const [listed] = JSON.parse((await runCli(target, ['list', '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(listed).toMatchObject({ auth: 'jwt', login: 'oauth', readiness: 'jwt', dependsOnSoapLogin: false, retirement: { flow: 'jwt', affected: false, deadline: null } });
    expect(listed!.certificate).toEqual({ notAfter: expect.any(String), fingerprint: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/) });
  });
});
