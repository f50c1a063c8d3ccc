/**
 * A core on in-memory settings and secrets with a scripted Salesforce, and one org in it: what
 * unit tests of logins, the lockout guard and token proofs start from. "Another process" is a
 * second core on the same settings, as the app and `orgkey` share one settings file.
 */
import { expect } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { createCore, type Core } from '../../electron/core';
import { OrgKeyError } from '../../electron/core/errors';
import { accountFor } from '../../electron/core/secrets/accounts';
import type { SecretStore } from '../../electron/core/ports';
import type { OrgRecord } from '../../electron/core/settings/schema';
import { memorySecrets, memorySettings } from './memory';
import type { OrgDraft } from '../../shared/api';
import { scriptedGateway, type Script, type ScriptedGateway } from './scripted-gateway';

export const START = new Date('2026-11-28T10:00:00.000Z');
export const USERNAME = 'admin@acme.com';
export const PASSWORD = 'Sup3r secret!';
export const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWx1';

/**
 * A JWT org's key for unit tests: a real RSA key in the keychain (so assertions are signed), and
 * certificate metadata standing in for the certificate (its making is tested where it is made).
 */
export function testSigningKey(secrets: SecretStore, made: string[] = []) {
  return async (orgId: string, alias: string) => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const account = accountFor(orgId, 'privateKey');
    await secrets.set(account, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    made.push(orgId);
    return { account, certificatePem: '-----BEGIN CERTIFICATE-----\n(test)\n-----END CERTIFICATE-----\n', info: { notAfter: '2028-11-28T10:00:00.000Z', fingerprint: `AB:CD:${made.length}`, subject: `CN=OrgKey ${alias}` } };
  };
}

export async function scriptedCore(answers: Script[] = [], options: { org?: Partial<OrgDraft>; record?: Partial<OrgRecord>; secrets?: SecretStore } = {}) {
  const settings = memorySettings();
  const secrets = options.secrets ?? memorySecrets();
  let now = START;
  const clock = { now: () => now };
  const gateway = scriptedGateway(answers);
  const keysMade: string[] = [];
  const open = (salesforce: ScriptedGateway): Core =>
    createCore({ settings, secrets, clock, salesforce, newId: () => 'org-1' }, { host: 'browser', version: 'test', makeSigningKey: testSigningKey(secrets, keysMade) });
  const core = open(gateway);
  const { org } = await core.orgs.add({ alias: 'Prod', environment: 'production', username: USERNAME, password: PASSWORD, token: TOKEN, ...options.org });
  if (options.record) settings.update((doc) => ({ ...doc, orgs: doc.orgs.map((o) => ({ ...o, ...options.record })) }));
  return {
    core,
    settings,
    secrets,
    gateway,
    /** The org ids a key pair was made for, in order. */
    keysMade,
    id: org.id,
    /** The org's record as the settings hold it now. */
    record: () => settings.doc.orgs.find((o) => o.id === org.id)!,
    /** Move the clock on by `ms`. */
    advance: (ms: number) => void (now = new Date(now.getTime() + ms)),
    /** A core of another process on the same settings and keychain, with a Salesforce of its own. */
    anotherProcess: (...more: Script[]) => {
      const its = scriptedGateway(more);
      return { core: open(its), gateway: its };
    },
  };
}

/** The OrgKeyError `promise` rejects with; the test fails if it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<OrgKeyError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OrgKeyError);
  return error as OrgKeyError;
}
