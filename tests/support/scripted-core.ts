/**
 * A core on in-memory settings and secrets with a scripted Salesforce, and one org in it: what
 * unit tests of logins, the lockout guard and token proofs start from. "Another process" is a
 * second core on the same settings, as the app and `orgkey` share one settings file.
 */
import { createCore, type Core } from '../../electron/core';
import type { SecretStore } from '../../electron/core/ports';
import type { OrgRecord } from '../../electron/core/settings/schema';
import { memorySecrets, memorySettings } from './memory';
import type { OrgDraft } from '../../shared/api';
import { scriptedGateway, type Script, type ScriptedGateway } from './scripted-gateway';

export const START = new Date('2026-11-28T10:00:00.000Z');
export const USERNAME = 'admin@acme.com';
export const PASSWORD = 'Sup3r secret!';
export const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWx1';

export async function scriptedCore(answers: Script[] = [], options: { org?: Partial<OrgDraft>; record?: Partial<OrgRecord>; secrets?: SecretStore } = {}) {
  const settings = memorySettings();
  const secrets = options.secrets ?? memorySecrets();
  let now = START;
  const clock = { now: () => now };
  const gateway = scriptedGateway(answers);
  const open = (salesforce: ScriptedGateway): Core => createCore({ settings, secrets, clock, salesforce, newId: () => 'org-1' }, { host: 'browser', version: 'test' });
  const core = open(gateway);
  const { org } = await core.orgs.add({ alias: 'Prod', environment: 'production', username: USERNAME, password: PASSWORD, token: TOKEN, ...options.org });
  if (options.record) settings.update((doc) => ({ ...doc, orgs: doc.orgs.map((o) => ({ ...o, ...options.record })) }));
  return {
    core,
    settings,
    secrets,
    gateway,
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
