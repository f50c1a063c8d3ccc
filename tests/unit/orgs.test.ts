import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core';
import { OrgKeyError } from '../../electron/core/errors';
import type { SecretStore } from '../../electron/core/ports';
import type { OrgDraft } from '../../shared/api';
import { callbackPortFor } from '../../shared/domain';
import { PRODUCTION_DEFAULT_COLOR, SANDBOX_DEFAULT_COLOR } from '../../shared/org-colors';
import { memorySecrets, memorySettings } from '../support/memory';
import { rejection } from '../support/scripted-core';
import { storedSecret } from '../support/org-secrets';

const fixedClock = { now: () => new Date('2026-11-28T10:00:00Z') };

function setup(secrets: SecretStore = memorySecrets()) {
  const settings = memorySettings();
  let n = 0;
  const core = createCore({ settings, secrets, clock: fixedClock, newId: () => `org-${++n}` }, { host: 'browser', version: 'test' });
  return { core, settings, secrets };
}

const draft = (overrides: Partial<OrgDraft> = {}): OrgDraft => ({
  alias: 'Production',
  environment: 'production',
  username: 'admin@acme.com',
  password: 'Sup3r secret!',
  token: 'AbCdEfGhIjKlMnOpQrStUvWx1',
  ...overrides,
});

describe('adding an org', () => {
  it('keeps metadata in settings and the password and token in the secret store only', async () => {
    const { core, settings, secrets } = setup();
    const { org, notices } = await core.orgs.add(draft());
    expect(notices).toEqual([]);
    expect(org).toMatchObject({ alias: 'Production', environment: 'production', loginUrl: 'https://login.salesforce.com', hasToken: true });
    expect(JSON.stringify(settings.doc)).not.toContain('Sup3r secret!');
    expect(JSON.stringify(settings.doc)).not.toContain('AbCdEfGhIjKlMnOpQrStUvWx1');
    expect(await storedSecret(secrets, org.id, 'password')).toBe('Sup3r secret!');
    expect(await storedSecret(secrets, org.id, 'token')).toBe('AbCdEfGhIjKlMnOpQrStUvWx1');
  });

  it('stores no token entry when the token is left empty', async () => {
    const { core, secrets } = setup();
    const { org } = await core.orgs.add(draft({ token: '' }));
    expect(org.hasToken).toBe(false);
    expect(await storedSecret(secrets, org.id, 'token')).toBeNull();
  });

  it('refuses a name already used by another org, whatever its case', async () => {
    const { core } = setup();
    await core.orgs.add(draft());
    const error = await rejection(core.orgs.add(draft({ alias: '  PRODUCTION ' })));
    expect(error.appError).toMatchObject({ code: 'ALIAS_TAKEN', field: 'alias', message: expect.stringContaining('“Production”') });
  });

  it('names the first bad field with its own message and stores nothing', async () => {
    const { core, settings, secrets } = setup();
    const error = await rejection(core.orgs.add(draft({ username: 'not-an-email' })));
    expect(error.appError).toMatchObject({ code: 'INVALID_INPUT', field: 'username', message: expect.stringMatching(/email address/) });
    expect(settings.doc.orgs).toEqual([]);
    expect((secrets as ReturnType<typeof memorySecrets>).entries.size).toBe(0);
  });

  it('returns a warning for a login host outside Salesforce but still adds the org', async () => {
    const { core } = setup();
    const { org, notices } = await core.orgs.add(draft({ environment: 'custom', customUrl: 'https://sso.example.com/' }));
    expect(org.loginUrl).toBe('https://sso.example.com');
    expect(notices.map((n) => n.code)).toEqual(['HOST_NOT_SALESFORCE']);
  });

  it('leaves no half org behind when the keychain refuses the secrets', async () => {
    const inner = memorySecrets();
    const failing: SecretStore = {
      ...inner,
      set: async (account, secret) => {
        if (secret.includes('AbCdEfGhIjKlMnOpQrStUvWx1')) throw new OrgKeyError('KEYCHAIN_UNAVAILABLE');
        return inner.set(account, secret);
      },
    };
    const { core, settings } = setup(failing);
    const error = await rejection(core.orgs.add(draft()));
    expect(error.appError.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(settings.doc.orgs).toEqual([]);
    expect(settings.doc.secretsInFlight).toBeUndefined();
    expect(inner.entries.size).toBe(0);
  });

  it('removes the secrets again when the settings file cannot be written', async () => {
    const secrets = memorySecrets();
    const { core, settings } = setup(secrets);
    settings.update = () => {
      throw new OrgKeyError('SETTINGS_UNAVAILABLE');
    };
    const error = await rejection(core.orgs.add(draft()));
    expect(error.appError.code).toBe('SETTINGS_UNAVAILABLE');
    expect(secrets.entries.size).toBe(0);
  });
});

describe('listing orgs', () => {
  it('sorts by name without regard to case, numbers in natural order', async () => {
    const { core } = setup();
    for (const alias of ['zeta', 'Alpha', 'org 10', 'org 9', 'beta']) {
      await core.orgs.add(draft({ alias }));
    }
    expect(core.orgs.list().map((o) => o.alias)).toEqual(['Alpha', 'beta', 'org 9', 'org 10', 'zeta']);
  });

  it('shows whether each secret is stored and how long it is, never the secret', async () => {
    const { core } = setup();
    const { org } = await core.orgs.add(draft({ token: '' }));
    const detail = await core.orgs.get(org.id);
    expect(detail.secrets).toEqual({
      password: { present: true, length: 13 },
      token: { present: false, length: 0 },
      refreshToken: { present: false, length: 0 },
      privateKey: { present: false, length: 0 },
      pendingPrivateKey: { present: false, length: 0 },
      clientSecret: { present: false, length: 0 },
    });
    expect(JSON.stringify(detail)).not.toContain('Sup3r secret!');
  });

  it('says the org is gone when asked for an unknown id', async () => {
    const { core } = setup();
    expect((await rejection(core.orgs.get('nope'))).appError.code).toBe('ORG_NOT_FOUND');
  });
});

describe('editing an org', () => {
  it('changes name, environment and username and keeps the secrets under the same entries', async () => {
    const { core, secrets } = setup();
    const { org } = await core.orgs.add(draft());
    const { org: edited } = await core.orgs.update(org.id, {
      alias: 'Acme prod',
      environment: 'custom',
      customUrl: 'acme.my.salesforce.com',
      username: 'ops@acme.com',
    });
    expect(edited).toMatchObject({ id: org.id, alias: 'Acme prod', loginUrl: 'https://acme.my.salesforce.com', username: 'ops@acme.com' });
    expect(core.orgs.list()).toEqual([edited]);
    expect(await storedSecret(secrets, org.id, 'password')).toBe('Sup3r secret!');
  });

  it('keeps the My Domain URL when only the name changes', async () => {
    const { core } = setup();
    const { org } = await core.orgs.add(draft({ environment: 'custom', customUrl: 'https://acme.my.salesforce.com' }));
    const { org: edited } = await core.orgs.update(org.id, { alias: 'Renamed' });
    expect(edited.loginUrl).toBe('https://acme.my.salesforce.com');
  });

  it('allows changing the case of its own name but not taking another org’s', async () => {
    const { core } = setup();
    const { org } = await core.orgs.add(draft({ alias: 'uat' }));
    await core.orgs.add(draft({ alias: 'Prod' }));
    await expect(core.orgs.update(org.id, { alias: 'UAT' })).resolves.toMatchObject({ org: { alias: 'UAT' } });
    expect((await rejection(core.orgs.update(org.id, { alias: 'prod' }))).appError).toMatchObject({ code: 'ALIAS_TAKEN', field: 'alias' });
  });

  it('changes nothing when a field is invalid', async () => {
    const { core } = setup();
    const { org } = await core.orgs.add(draft());
    const error = await rejection(core.orgs.update(org.id, { alias: 'New', customUrl: 'http://acme.example.com', environment: 'custom' }));
    expect(error.appError).toMatchObject({ field: 'customUrl' });
    expect(core.orgs.list()[0]).toMatchObject({ alias: 'Production', environment: 'production' });
  });
});

describe('an org’s group and colour', () => {
  it('are stored tidied and normalised, and the summary shows the colour chosen', async () => {
    const { core, settings } = setup();
    const { org } = await core.orgs.add(draft({ group: '  Client   A ', color: 'Teal' }));
    expect(org).toMatchObject({ group: 'Client A', color: '#0b827c', colorIsDefault: false });
    expect(settings.doc.orgs[0]).toMatchObject({ group: 'Client A', color: '#0b827c' });
  });

  it('a group typed in another case or spacing joins the group as the other orgs spell it', async () => {
    const { core } = setup();
    await core.orgs.add(draft({ group: 'Client A' }));
    const { org: uat } = await core.orgs.add(draft({ alias: 'UAT', group: 'client  a' }));
    expect(uat.group).toBe('Client A');
    const { org: other } = await core.orgs.add(draft({ alias: 'Other', group: 'Client B' }));
    expect((await core.orgs.update(other.id, { group: 'CLIENT A' })).org.group).toBe('Client A');
    // The only org of a group may change how its name is written.
    expect((await core.orgs.update(other.id, { group: 'Client B' })).org.group).toBe('Client B');
    expect((await core.orgs.update(other.id, { group: 'client b' })).org.group).toBe('client b');
  });

  it('left empty: no group stored, and the environment’s default colour shown', async () => {
    const { core, settings } = setup();
    const { org: production } = await core.orgs.add(draft({ group: ' ', color: '' }));
    const { org: sandbox } = await core.orgs.add(draft({ alias: 'UAT', environment: 'sandbox' }));
    expect(production).toMatchObject({ color: PRODUCTION_DEFAULT_COLOR, colorIsDefault: true });
    expect(production.group).toBeUndefined();
    expect(sandbox).toMatchObject({ color: SANDBOX_DEFAULT_COLOR, colorIsDefault: true });
    expect(settings.doc.orgs.map((record) => Object.keys(record).filter((key) => key === 'group' || key === 'color'))).toEqual([[], []]);
  });

  it('a bad colour or group is refused next to its field and nothing is stored', async () => {
    const { core, settings } = setup();
    const color = await rejection(core.orgs.add(draft({ color: 'crimson' })));
    expect(color.appError).toMatchObject({ code: 'INVALID_INPUT', field: 'color', message: expect.stringContaining('“crimson” is not a colour') });
    const group = await rejection(core.orgs.add(draft({ group: 'g'.repeat(81) })));
    expect(group.appError).toMatchObject({ code: 'INVALID_INPUT', field: 'group', message: expect.stringMatching(/80 characters/) });
    expect(settings.doc.orgs).toEqual([]);
  });

  it('an edit changes them, an empty string clears them, and leaving them out keeps them', async () => {
    const { core, settings } = setup();
    const { org } = await core.orgs.add(draft({ environment: 'sandbox', group: 'Client A', color: 'red' }));
    const renamed = await core.orgs.update(org.id, { alias: 'UAT' });
    expect(renamed.org).toMatchObject({ group: 'Client A', color: '#ba0517', colorIsDefault: false });
    const moved = await core.orgs.update(org.id, { group: 'Client B', color: '#ABC' });
    expect(moved.org).toMatchObject({ group: 'Client B', color: '#aabbcc' });
    const cleared = await core.orgs.update(org.id, { group: '', color: '' });
    expect(cleared.org).toMatchObject({ color: SANDBOX_DEFAULT_COLOR, colorIsDefault: true });
    expect(cleared.org.group).toBeUndefined();
    expect(settings.doc.orgs[0]).not.toHaveProperty('group');
    expect(settings.doc.orgs[0]).not.toHaveProperty('color');
  });

  it('an edit with a bad colour changes nothing', async () => {
    const { core } = setup();
    const { org } = await core.orgs.add(draft({ group: 'Client A' }));
    const error = await rejection(core.orgs.update(org.id, { group: 'Client B', color: '#12' }));
    expect(error.appError).toMatchObject({ field: 'color' });
    expect(core.orgs.list()[0]).toMatchObject({ group: 'Client A', colorIsDefault: true });
  });
});

describe('editing an org while something else writes', () => {
  it('keeps a test result recorded by another writer during the edit, and applies only what the edit changed', async () => {
    const inner = memorySecrets();
    let duringEdit: (() => void) | undefined;
    const secrets: SecretStore = {
      ...inner,
      get: async (account) => {
        duringEdit?.();
        return inner.get(account);
      },
    };
    const { core, settings } = setup(secrets);
    const { org } = await core.orgs.add(draft({ clientId: '3MVG9AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', clientSecret: 'S3cret-consumer' }));
    // Another window or the CLI records two failed logins while this edit is waiting on the keychain.
    duringEdit = () => {
      duringEdit = undefined;
      settings.update((doc) => ({ ...doc, orgs: doc.orgs.map((o) => ({ ...o, consecutiveFailures: 2, lastSuccessOrgId: '00Dxx0000001gPFEAY' })) }));
    };
    // Re-sending the same consumer key makes the edit check the keychain for its secret (that is when the other write lands).
    const { org: saved } = await core.orgs.update(org.id, { clientId: '3MVG9AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', alias: 'Renamed' });
    expect(saved).toMatchObject({ alias: 'Renamed', clientId: '3MVG9AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', consecutiveFailures: 2, lastSuccessOrgId: '00Dxx0000001gPFEAY' });
    expect(core.orgs.list()[0]).toMatchObject({ alias: 'Renamed', clientId: '3MVG9AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', consecutiveFailures: 2 });
  });
});

describe('removing an org', () => {
  it('deletes its keychain entries and its metadata', async () => {
    const secrets = memorySecrets();
    const { core } = setup(secrets);
    const { org } = await core.orgs.add(draft());
    await core.orgs.remove(org.id);
    expect(core.orgs.list()).toEqual([]);
    expect(secrets.entries.size).toBe(0);
  });

  it('keeps the org when the keychain refuses to delete its secrets', async () => {
    const inner = memorySecrets();
    const stuck: SecretStore = {
      ...inner,
      delete: async () => {
        throw new OrgKeyError('KEYCHAIN_UNAVAILABLE');
      },
    };
    const { core } = setup(stuck);
    const { org } = await core.orgs.add(draft());
    expect((await rejection(core.orgs.remove(org.id))).appError.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(core.orgs.list().map((o) => o.id)).toEqual([org.id]);
  });
});

describe('browser-login orgs', () => {
  const KEY = '3MVG9BrowserLoginKey0000001';
  const browserDraft = (overrides: Partial<OrgDraft> = {}) => draft({ auth: 'browser', username: '', password: '', token: '', clientId: KEY, ...overrides });

  it('keep no password or token, need a consumer key and a valid port, and default to port 18717 (not the Salesforce CLI’s 1717)', async () => {
    const { core, secrets } = setup();
    const { org } = await core.orgs.add(browserDraft());
    expect(org).toMatchObject({ auth: 'browser', clientId: KEY, callbackPort: 18717, username: '', hasToken: false });
    expect(await storedSecret(secrets, org.id, 'password')).toBeNull();
    expect((await rejection(core.orgs.add(browserDraft({ alias: 'B', clientId: '' })))).appError).toMatchObject({ field: 'clientId' });
    expect((await rejection(core.orgs.add(browserDraft({ alias: 'C', callbackPort: 80 })))).appError).toMatchObject({ field: 'callbackPort' });
    expect((await rejection(core.orgs.add(browserDraft({ alias: 'D', password: 'typed by mistake' })))).appError).toMatchObject({ field: 'password' });
  });

  it('keep the callback port they were stored with: edits, and orgs stored before ports were recorded, stay on it', async () => {
    const { core, settings } = setup();
    const { org } = await core.orgs.add(browserDraft({ callbackPort: 1717 }));
    expect((await core.orgs.update(org.id, { alias: 'Renamed', clientId: '3MVG9BrowserLoginKey0000002' })).org.callbackPort).toBe(1717);
    // A browser org without a port of its own was set up on 1717, the only default there was then.
    const legacy = await core.orgs.add(browserDraft({ alias: 'Legacy' }));
    settings.update((doc) => ({
      ...doc,
      orgs: doc.orgs.map((record) => {
        if (record.id !== legacy.org.id) return record;
        const { callbackPort: _port, ...withoutPort } = record;
        return withoutPort;
      }),
    }));
    const stored = core.orgs.list().find((o) => o.id === legacy.org.id)!;
    expect(stored.callbackPort).toBeUndefined();
    expect(callbackPortFor(stored)).toBe(1717);
    expect((await core.orgs.update(legacy.org.id, { alias: 'Legacy 2' })).org.callbackPort).toBe(1717);
    // A password org switched to browser login now gets the new default; a given port wins.
    const password = await core.orgs.add(draft({ alias: 'Password' }));
    expect(callbackPortFor(password.org)).toBe(18717);
    expect((await core.orgs.update(password.org.id, { auth: 'browser', clientId: KEY })).org.callbackPort).toBe(18717);
    expect((await core.orgs.update(password.org.id, { callbackPort: 18718 })).org.callbackPort).toBe(18718);
  });

  it('refuse the token and password workflow, which would prove secrets they never use', async () => {
    const { core } = setup();
    const { org } = await core.orgs.add(browserDraft());
    expect((await rejection(core.tokens.replaceToken(org.id, { pasted: 'AbCdEfGhIjKlMnOpQrStUvWx2', saveAnyway: true }))).appError.code).toBe('NOT_PASSWORD_LOGIN');
    expect((await rejection(core.tokens.changePassword(org.id, { password: 'New-pass-1', saveAnyway: true }))).appError.code).toBe('NOT_PASSWORD_LOGIN');
  });

  it('switching back to password drops the browser app’s key instead of asking for its secret, and keeps that secret only until forgotten', async () => {
    const { core, secrets, settings } = setup();
    const { org } = await core.orgs.add(draft());
    await core.orgs.update(org.id, { auth: 'browser', clientId: KEY, clientSecret: 'browser-app-secret' });
    const back = await core.orgs.update(org.id, { auth: 'password' });
    expect(back.org.auth).toBe('password');
    expect(back.org.clientId).toBeUndefined();
    // SOAP login() never sends it; it is the browser method's, kept until a password test proves the switch.
    expect(back.org.previousSecrets).toMatchObject({ auth: 'browser', kinds: ['clientSecret'], clientId: KEY });
    settings.update((doc) => ({ ...doc, orgs: doc.orgs.map((o) => ({ ...o, previousSecrets: { ...o.previousSecrets!, provedAt: '2026-11-28T10:00:00.000Z' } })) }));
    await core.orgs.forgetPreviousSecrets(org.id);
    expect(await storedSecret(secrets, org.id, 'clientSecret')).toBeNull();
  });

  it('a new consumer key never reuses the secret stored for the old one', async () => {
    const { core, secrets } = setup();
    const { org } = await core.orgs.add(draft({ clientId: '3MVG9PasswordFlowKey000001', clientSecret: 'old-app-secret' }));
    const refused = await rejection(core.orgs.update(org.id, { clientId: '3MVG9PasswordFlowKey000002' }));
    expect(refused.appError).toMatchObject({ field: 'clientSecret' });
    expect(await storedSecret(secrets, org.id, 'clientSecret')).toBe('old-app-secret');

    const browser = await core.orgs.add(browserDraft({ alias: 'Browser', clientSecret: 'eca-secret' }));
    await core.orgs.update(browser.org.id, { clientId: '3MVG9BrowserLoginKey0000002' });
    expect(await storedSecret(secrets, browser.org.id, 'clientSecret')).toBeNull();
  });

  it('opens the browser only on the org’s https login host or a loopback http one', async () => {
    const { isAuthorizeUrlAllowed } = await import('../../electron/core/oauth/browser-login');
    expect(isAuthorizeUrlAllowed('https://acme.my.salesforce.com/services/oauth2/authorize?x=1', 'https://acme.my.salesforce.com')).toBe(true);
    expect(isAuthorizeUrlAllowed('https://login.acme.example/services/oauth2/authorize?x=1', 'https://login.acme.example')).toBe(true);
    expect(isAuthorizeUrlAllowed('https://login.acme.example/services/oauth2/authorize?x=1', 'https://acme.my.salesforce.com')).toBe(false);
    expect(isAuthorizeUrlAllowed('http://127.0.0.1:8788/services/oauth2/authorize', 'http://127.0.0.1:8788')).toBe(true);
    expect(isAuthorizeUrlAllowed('http://acme.example.com/services/oauth2/authorize', 'http://acme.example.com')).toBe(false);
    expect(isAuthorizeUrlAllowed('https://user:pw@acme.my.salesforce.com/', 'https://acme.my.salesforce.com')).toBe(false);
    expect(isAuthorizeUrlAllowed('file:///etc/passwd', 'file:///etc')).toBe(false);
  });
});
