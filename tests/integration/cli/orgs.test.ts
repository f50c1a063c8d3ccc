/**
 * `orgkey list/add/show/edit/remove` as a user runs them: the built command in a subprocess, on a
 * real settings file in a temp folder and the real keychain, sharing both with the app's core.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bootRealCore } from '../../support/core';
import { CLI, ensureCliBuilt, errorLineOf, onTerminal, ROOT, runCli, type CliEnv } from '../../support/cli';
import { keychainEntries, purgeKeychain, uniqueKeychainService } from '../../support/keychain';
import { keytarSecretStore } from '../../../electron/core/secrets/keytar-store';
import { makeTempDir, readAllFiles, removeTempDir } from '../../support/temp';
import { storeSecret } from '../../support/org-secrets';
import { secretsFromEntries } from '../../support/org-secrets';

const PASSWORD = 'Correct-Horse-9!';
const TOKEN = 'Zq7RtY2uIoP4aSdF6gHjK8lMn';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
beforeAll(() => ensureCliBuilt());

function fixture(): CliEnv {
  const dataDir = makeTempDir('cli-orgs');
  const service = uniqueKeychainService('cli-orgs');
  cleanups.push(() => removeTempDir(dataDir), () => purgeKeychain(service));
  return { dataDir, service };
}

const addProd = (target: CliEnv, alias = 'Production', extra: string[] = []) =>
  runCli(target, ['add', alias, '--username', 'admin@acme.com', '--secrets-stdin', ...extra], { input: `${PASSWORD}\n${TOKEN}\n` });

describe('orgkey add', () => {
  it('stores the secrets read from stdin in the keychain and nothing secret in the data folder', async () => {
    const target = fixture();
    const result = await addProd(target);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Added “Production” (production, admin@acme.com)');

    const [org] = JSON.parse((await runCli(target, ['list', '--json'])).stdout) as Array<{ id: string }>;
    const entries = await keychainEntries(target.service);
    expect(entries.map((entry) => entry.account)).toEqual([`org:${org!.id}`]);
    expect(secretsFromEntries(entries, org!.id)).toEqual({ password: PASSWORD, token: TOKEN });
    for (const { file, text } of readAllFiles(target.dataDir)) {
      expect(text, file).not.toContain(PASSWORD);
      expect(text, file).not.toContain(TOKEN);
    }
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
  });

  it('takes a My Domain URL, a sandbox, an empty token and a connected app, with warnings on stderr', async () => {
    const target = fixture();
    const custom = await runCli(target, ['add', 'Acme', '--username', 'a@acme.com', '--env', 'https://acme.example.com/path', '--secrets-stdin'], {
      input: `${PASSWORD}\n\n`,
    });
    expect(custom.code, custom.stderr).toBe(0);
    expect(custom.stderr).toMatch(/^warning: Only the address of the site is used: https:\/\/acme\.example\.com$/m);
    expect(custom.stderr).toMatch(/^warning: acme\.example\.com is not a Salesforce domain/m);

    const clientId = '3MVG9' + 'x'.repeat(40);
    const oauth = await runCli(target, ['add', 'UAT', '--username', 'a@acme.com.uat', '--env', 'sandbox', '--client-id', clientId, '--secrets-stdin', '--json'], {
      input: `${PASSWORD}\n${TOKEN}\nconsumer-secret-1\n`,
    });
    expect(oauth.code, oauth.stderr).toBe(0);
    const uat = JSON.parse(oauth.stdout) as { id: string; environment: string; login: string; clientId: string; loginUrl: string };
    expect(uat).toMatchObject({ environment: 'sandbox', login: 'oauth', clientId, loginUrl: 'https://test.salesforce.com' });
    expect(secretsFromEntries(await keychainEntries(target.service), uat.id).clientSecret).toBe('consumer-secret-1');

    const list = JSON.parse((await runCli(target, ['list', '--json'])).stdout) as Array<{ alias: string; hasToken: boolean; tokenAgeDays: number | null; loginUrl: string }>;
    expect(list.map((o) => [o.alias, o.hasToken, o.tokenAgeDays, o.loginUrl])).toEqual([
      ['Acme', false, null, 'https://acme.example.com'],
      ['UAT', true, 0, 'https://test.salesforce.com'],
    ]);
  });

  it('asks for the password and token with hidden input on a terminal', async () => {
    const target = fixture();
    const session = onTerminal(target, ['add', 'Production', '--username', 'admin@acme.com']);
    await session.answer('Password for admin@acme.com: ', `${PASSWORD}\r`);
    await session.answer('Security token', `${TOKEN}\r`);
    const { code, screen } = await session.finish();
    expect(code, screen).toBe(0);
    expect(screen).toContain('Added “Production”');
    expect(screen).not.toContain(PASSWORD);
    expect(screen).not.toContain(TOKEN);
    const entries = await keychainEntries(target.service);
    expect(entries).toHaveLength(1);
    expect(Object.values(secretsFromEntries(entries, entries[0]!.account.slice('org:'.length))).sort()).toEqual([PASSWORD, TOKEN].sort());
  });

  it('refuses, changing nothing, when there is no terminal to ask on and no --secrets-stdin', async () => {
    const target = fixture();
    const result = await runCli(target, ['add', 'Production', '--username', 'admin@acme.com'], { input: `${PASSWORD}\n` });
    expect(result.code).toBe(2);
    expect(errorLineOf(result)).toMatch(/^orgkey: NO_TERMINAL: There is no terminal to ask for the password on\. .*--secrets-stdin/);
    expect(JSON.parse((await runCli(target, ['list', '--json'])).stdout)).toEqual([]);
    expect(await keychainEntries(target.service)).toEqual([]);
  });

  it('reports field errors and a taken name with exit code 2, before reading any secret', async () => {
    const target = fixture();
    expect((await addProd(target)).code).toBe(0);
    const taken = await addProd(target, 'PRODUCTION');
    expect(taken.code).toBe(2);
    expect(errorLineOf(taken)).toMatch(/^orgkey: INVALID_INPUT: the name: “Production” is already in OrgKey\./);

    const badUser = await runCli(target, ['add', 'X', '--username', 'not a user'], {});
    expect(badUser.code).toBe(2);
    expect(errorLineOf(badUser)).toBe('orgkey: INVALID_INPUT: --username: A Salesforce username cannot contain spaces.');

    const badEnv = await runCli(target, ['add', 'X', '--username', 'a@b.com', '--env', 'http://acme.my.salesforce.com'], {});
    expect(badEnv.code).toBe(2);
    expect(errorLineOf(badEnv)).toMatch(/^orgkey: INVALID_INPUT: --env: Salesforce logins must use https:\/\//);

    const noUser = await runCli(target, ['add', 'X'], {});
    expect(noUser.code).toBe(2);
    expect(errorLineOf(noUser)).toMatch(/^orgkey: INVALID_INPUT: --username: /);
    expect((await keychainEntries(target.service)).length).toBe(1);
  });

  it('knows a name is taken in other spacing too, as the app does, before asking for any secret', async () => {
    const target = fixture();
    expect((await addProd(target, 'Production EU')).code).toBe(0);
    // No --secrets-stdin and no terminal: had the name passed, the command would stop at NO_TERMINAL.
    const taken = await runCli(target, ['add', '  production   EU ', '--username', 'admin@acme.com'], {});
    expect(taken.code).toBe(2);
    expect(errorLineOf(taken)).toBe('orgkey: INVALID_INPUT: the name: “Production EU” is already in OrgKey. Choose another name, or change it with orgkey edit.');
    expect((await runCli(target, ['show', 'production    eu', '--json'])).code).toBe(0);
  });
});

describe('orgkey list and show', () => {
  it('list shows the orgs as a table, and as JSON with the documented fields', async () => {
    const target = fixture();
    expect((await runCli(target, ['list'])).stdout).toContain('No orgs yet');
    await addProd(target);
    const table = await runCli(target, ['list']);
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+USERNAME\s+ENVIRONMENT\s+LOGIN\s+TOKEN\s+PASSWORD\s+LAST TEST$/);
    expect(table.stdout).toMatch(/^Production\s+admin@acme\.com\s+production\s+soap \(untested, until Summer ’27\)\s+0 d, untested\s+not read yet\s+never$/m);

    const [org] = JSON.parse((await runCli(target, ['list', '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(Object.keys(org!).sort()).toEqual(
      [
        'alias', 'id', 'username', 'environment', 'loginUrl', 'login', 'clientId', 'hasToken', 'passwordUpdatedAt', 'tokenUpdatedAt',
        'tokenAgeDays', 'testedSinceTokenSet', 'lastTest', 'consecutiveFailures', 'createdAt', 'updatedAt', 'sandboxRefresh',
        'auth', 'signedIn', 'signedInAt', 'callbackPort', 'callbackUrl', 'soapLogin', 'readiness', 'dependsOnSoapLogin', 'retirement',
        'certificate', 'previousSecrets', 'passwordExpiresAt', 'passwordNeverExpires', 'passwordPolicyReadAt', 'passwordExpiryUnknownReason',
        'awaitingSecrets',
        'group', 'color', 'colorIsDefault',
      ].sort(),
    );
    expect(org).toMatchObject({ alias: 'Production', login: 'soap', clientId: null, hasToken: true, tokenAgeDays: 0, testedSinceTokenSet: false, lastTest: null, consecutiveFailures: 0 });
  });

  it('show masks the secrets and tells their length and age', async () => {
    const target = fixture();
    await addProd(target);
    const shown = await runCli(target, ['show', 'production']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^ {2}password\s+•{12} \(16 characters, set \d{4}-\d\d-\d\d \(just now\)\)$/m);
    expect(shown.stdout).toMatch(/security token\s+•{12} \(25 characters, .*not tested since it was set$/m);
    expect(shown.stdout).not.toContain(PASSWORD);
    expect(shown.stdout).not.toContain(TOKEN);

    const detail = JSON.parse((await runCli(target, ['show', 'Production', '--json'])).stdout) as Record<string, unknown>;
    expect(detail).toMatchObject({
      alias: 'Production',
      secrets: { password: { present: true, length: 16 }, token: { present: true, length: 25 }, clientSecret: { present: false, length: 0 } },
      dataLoaderExports: [],
    });
    expect(JSON.stringify(detail)).not.toContain(TOKEN);
  });

  it('show does not call a token that is not in the keychain “not tested since it was set”', async () => {
    const target = fixture();
    await addProd(target);
    const [org] = JSON.parse((await runCli(target, ['list', '--json'])).stdout) as Array<{ id: string }>;
    await storeSecret(keytarSecretStore(target.service), org!.id, 'token', null);
    const shown = await runCli(target, ['show', 'Production']);
    expect(shown.stdout).toMatch(/^ {2}security token\s+none stored$/m);
  });

  it('an org not in OrgKey is a usage error (exit 2)', async () => {
    const target = fixture();
    const result = await runCli(target, ['show', 'Nowhere']);
    expect(result.code).toBe(2);
    expect(errorLineOf(result)).toBe('orgkey: ORG_NOT_FOUND: No org named “Nowhere” in OrgKey. Run “orgkey list” to see the names.');
  });
});

describe('the app and the CLI on the same stored orgs', () => {
  it('see each other’s orgs and secrets', async () => {
    const target = fixture();
    const app = bootRealCore(target.dataDir, target.service);
    await app.orgs.add({ alias: 'From the app', environment: 'sandbox', username: 'app@acme.com.uat', password: 'app-password', token: TOKEN });
    expect((await addProd(target)).code).toBe(0);

    const seenByCli = JSON.parse((await runCli(target, ['list', '--json'])).stdout) as Array<{ alias: string }>;
    expect(seenByCli.map((o) => o.alias)).toEqual(['From the app', 'Production']);
    const secret = await runCli(target, ['secret', 'From the app', '--what', 'password']);
    expect(secret.stdout).toBe('app-password\n');

    const cliOrg = app.orgs.list().find((o) => o.alias === 'Production')!;
    expect(await app.reveal(cliOrg.id, 'password')).toEqual({ value: PASSWORD });
  });

  it('--data-dir wins over ORGKEY_DATA_DIR', async () => {
    const target = fixture();
    const other = makeTempDir('cli-orgs-other');
    cleanups.push(() => removeTempDir(other));
    expect((await runCli(target, ['--data-dir', other, 'add', 'Elsewhere', '--username', 'a@b.com', '--secrets-stdin'], { input: 'pw\n' })).code).toBe(0);
    expect(JSON.parse((await runCli(target, ['list', '--json'])).stdout)).toEqual([]);
    expect(JSON.parse((await runCli(target, ['list', '--json', '--data-dir', other])).stdout)).toHaveLength(1);
    expect(fs.existsSync(path.join(other, 'settings.json'))).toBe(true);
  });
});

describe('orgkey edit and remove', () => {
  it('edit renames and moves an org, keeping its secrets', async () => {
    const target = fixture();
    await addProd(target);
    const edited = await runCli(target, ['edit', 'Production', '--alias', 'Prod', '--env', 'https://acme.my.salesforce.com', '--json']);
    expect(edited.code, edited.stderr).toBe(0);
    expect(JSON.parse(edited.stdout)).toMatchObject({ alias: 'Prod', environment: 'custom', loginUrl: 'https://acme.my.salesforce.com' });
    expect((await runCli(target, ['secret', 'Prod', '--what', 'combined'])).stdout).toBe(`${PASSWORD}${TOKEN}\n`);

    const nothing = await runCli(target, ['edit', 'Prod']);
    expect(nothing.code).toBe(2);
    expect(errorLineOf(nothing)).toMatch(/^orgkey: USAGE: Nothing to change/);
  });

  it('remove refuses without --yes when there is no terminal, and with --yes deletes the secrets too', async () => {
    const target = fixture();
    await addProd(target);
    const refused = await runCli(target, ['remove', 'Production']);
    expect(refused.code).toBe(2);
    expect(errorLineOf(refused)).toBe('orgkey: CONFIRMATION_NEEDED: Removing “Production” needs a confirmation, and there is no terminal to ask on. Add --yes to confirm.');
    expect(await keychainEntries(target.service)).toHaveLength(1);

    const removed = await runCli(target, ['remove', 'Production', '--yes']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(JSON.parse((await runCli(target, ['list', '--json'])).stdout)).toEqual([]);
    expect(await keychainEntries(target.service)).toEqual([]);
  });

  it('remove asks on a terminal: “n” keeps the org, “y” removes it', async () => {
    const target = fixture();
    await addProd(target);
    const no = onTerminal(target, ['remove', 'Production']);
    await no.answer('[y/N] ', 'n\r');
    const kept = await no.finish();
    expect(kept.code).toBe(1);
    expect(kept.screen).toContain('orgkey: CANCELLED: Nothing was changed.');
    expect(await keychainEntries(target.service)).toHaveLength(1);

    const yes = onTerminal(target, ['remove', 'Production']);
    await yes.answer('[y/N] ', 'y\r');
    expect((await yes.finish()).code).toBe(0);
    expect(await keychainEntries(target.service)).toEqual([]);
  });
});

describe('usage and environment errors', () => {
  it('name what was wrong on one stderr line, never echoing a stray argument', async () => {
    const target = fixture();
    const cases: Array<[string[], RegExp]> = [
      [['frobnicate'], /^orgkey: USAGE: There is no command “frobnicate”\. Run “orgkey --help”/],
      [['list', '--password', 's3cret-value'], /^orgkey: USAGE: orgkey list has no option --password\. Secrets are never given as options\./],
      [['add', 'Prod', 's3cret-value', '--username', 'a@b.com'], /^orgkey: USAGE: orgkey add takes one argument \(<alias>\), but got 2\./],
      [['test', '--concurrency', '99', '--all'], /^orgkey: USAGE: --concurrency must be a whole number from 1 to 16\./],
      [['copy', 'X', '--what', 'everything'], /^orgkey: USAGE: --what is combined, password, token or username\./],
      [['add', 'X', '--username'], /^orgkey: USAGE: --username needs a value \(USER\)\./],
      [['secret', 'X', '--what', 'everything'], /^orgkey: USAGE: --what is combined, password, token or username\. Run “orgkey secret --help”/],
      [['copy', 'X', '--clear-after', '-1'], /^orgkey: USAGE: --clear-after must be a whole number from 0 to /],
    ];
    for (const [args, expected] of cases) {
      const result = await runCli(target, args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(errorLineOf(result)).toMatch(expected);
      expect(result.stderr).not.toContain('s3cret-value');
    }
  });

  it('help explains every command with an example, and --version prints the version', async () => {
    const target = fixture();
    const help = await runCli(target, ['--help']);
    expect(help.code).toBe(0);
    const commands = ['list', 'add', 'show', 'edit', 'remove', 'test', 'token', 'password', 'copy', 'secret'];
    for (const command of commands) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
      const own = await runCli(target, [command, '--help']);
      expect(own.code).toBe(0);
      expect(own.stdout).toMatch(new RegExp(`^Usage:\\n  orgkey ${command}`, 'm'));
      expect(own.stdout).toMatch(new RegExp(`^Examples?:\\n  (orgkey ${command}|.*\\| orgkey ${command})`, 'm'));
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((await runCli(target, ['--version'])).stdout).toBe(`orgkey ${pkg.version}\n`);
    const bare = await runCli(target, []);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: orgkey <command>');
  });

  it('a settings file from a newer OrgKey is an environment problem (exit 3), left untouched; a damaged one is set aside', async () => {
    const target = fixture();
    const file = path.join(target.dataDir, 'settings.json');
    fs.writeFileSync(file, JSON.stringify({ schemaVersion: 99, orgs: [] }));
    const tooNew = await runCli(target, ['list']);
    expect(tooNew.code).toBe(3);
    expect(errorLineOf(tooNew)).toBe('orgkey: SETTINGS_TOO_NEW: The settings file was written by a newer version of OrgKey. Update OrgKey to the newest version. Your settings were left untouched.');
    expect(fs.readFileSync(file, 'utf8')).toBe(JSON.stringify({ schemaVersion: 99, orgs: [] }));
    fs.writeFileSync(file, '{"schemaVersion": 3, "orgs": [');
    const damaged = await runCli(target, ['list']);
    expect(damaged.code).toBe(0);
    expect(damaged.stderr).toMatch(/^warning: the settings file was damaged/m);
    const kept = fs.readdirSync(target.dataDir).find((name) => name.startsWith('settings.damaged-'))!;
    expect(fs.readFileSync(path.join(target.dataDir, kept), 'utf8')).toBe('{"schemaVersion": 3, "orgs": [');
  });

  it('no reachable keychain is an environment problem (exit 3), and nothing is added', async () => {
    const target = fixture();
    const result = await runCli(
      { ...target, env: { DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(target.dataDir, 'no-such-bus')}` } },
      ['add', 'Production', '--username', 'admin@acme.com', '--secrets-stdin'],
      { input: `${PASSWORD}\n${TOKEN}\n` },
    );
    expect(result.code).toBe(3);
    expect(errorLineOf(result)).toMatch(/^orgkey: KEYCHAIN_UNAVAILABLE: The system keychain could not save the secret, so nothing was saved\. /);
    expect(JSON.parse((await runCli(target, ['list', '--json'])).stdout)).toEqual([]);
  });

  it('the package declares the built file as the orgkey executable', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(path.resolve(ROOT, pkg.bin.orgkey!)).toBe(CLI);
    expect(fs.readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(fs.statSync(CLI).mode & 0o111).not.toBe(0);
  });
});
