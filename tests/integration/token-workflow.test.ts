/**
 * The security-token workflow on real parts: reset through the fake org's control API, read the
 * mail from its outbox, paste it, prove it with a real login, and store it in the real keychain.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { checkConnection } from '../../electron/core/connection/salesforce';
import type { OrgKeyError } from '../../electron/core/errors';
import type { ClipboardPort } from '../../electron/core/ports';
import { openConfSettings } from '../../electron/core/settings/store';
import { testedSinceTokenSet } from '../../cli/format';
import { useCoreSuite, type CoreSuite } from '../support/core';
import { credentials, PROD_ADMIN, SANDBOX_ADMIN, type Control } from '../support/fake-org';
import { keychainEntries } from '../support/keychain';
import { readAllFiles } from '../support/temp';
import { MAIL_LANGUAGES } from '../../e2e/fake-org';
import { secretsFromEntries } from '../support/org-secrets';

let board: { text: string };
const opened: string[] = [];
const suite = useCoreSuite('token', () => {
  board = { text: '' };
  opened.length = 0;
  const clipboard: ClipboardPort = {
    writeSecret: async (text) => void (board.text = text),
    readText: async () => board.text,
    clear: async () => void (board.text = ''),
  };
  return { clipboard, opener: { open: async (url) => void opened.push(url) } };
});
let fake: CoreSuite['fake'];
let control: Control;
let core: Core;
let dir: string;
let service: string;
beforeEach(() => ({ fake, control, core, dir, service } = suite));
// Registered after the suite's hooks, so it runs before them: the clipboard timer stops while the core is alive.
afterEach(() => core.clipboard.clearNow());

async function addProdOrg() {
  const creds = await credentials(control, PROD_ADMIN);
  const { org } = await core.orgs.add({ alias: 'Prod', environment: 'custom', customUrl: fake.org.loginUrl, username: PROD_ADMIN, password: creds.password, token: creds.token });
  return { id: org.id, ...creds };
}

const latestMail = async (username: string) => (await control.outbox(username)).at(-1)!.text;
const storedToken = async (id: string) => secretsFromEntries(await keychainEntries(service), id).token;

describe('pasting a reset email', () => {
  it('finds the token, proves it, stores it, and the old token is refused from then on', async () => {
    const { id, token: oldToken, password } = await addProdOrg();
    const newToken = await control.resetToken(PROD_ADMIN);
    const mail = await latestMail(PROD_ADMIN);

    const inspection = await core.tokens.inspect(id, mail);
    expect(inspection).toEqual({ length: 25, preview: `${newToken.slice(0, 2)}${'•'.repeat(21)}${newToken.slice(-2)}`, from: 'email', mailUsername: PROD_ADMIN, wrongOrg: false, sameAsStored: false });
    expect(JSON.stringify(inspection)).not.toContain(newToken);

    const result = await core.tokens.replaceToken(id, { pasted: mail });
    expect(result).toMatchObject({ stored: true, outcome: { ok: true } });
    expect(await storedToken(id)).toBe(newToken);
    const org = core.orgs.list()[0]!;
    expect(org.lastTest?.ok).toBe(true);
    expect(Date.parse(org.tokenUpdatedAt!)).toBeGreaterThan(Date.parse(org.createdAt) - 1);
    // Proved by a login before it was stored: tested, though stored after the proof's test began.
    expect(testedSinceTokenSet(org)).toBe(true);

    expect((await core.tester.test(id)).ok).toBe(true);
    await expect(
      checkConnection({ loginUrl: fake.org.loginUrl, username: PROD_ADMIN, secret: password + oldToken, timeoutMs: 5000 }),
    ).rejects.toMatchObject({ failure: { message: expect.stringMatching(/^INVALID_LOGIN/) } });
  });

  it('reads a Japanese admin’s whole email, proves the token and stores it', async () => {
    const { id } = await addProdOrg();
    await control.patchUser(PROD_ADMIN, { language: 'ja' });
    const newToken = await control.resetToken(PROD_ADMIN);
    const mail = await latestMail(PROD_ADMIN);
    expect(mail).toContain(`セキュリティトークン (大文字と小文字を区別): ${newToken}`);

    expect(await core.tokens.inspect(id, mail)).toMatchObject({ length: 25, from: 'email', mailUsername: PROD_ADMIN, wrongOrg: false });
    expect(await core.tokens.replaceToken(id, { pasted: mail })).toMatchObject({ stored: true, outcome: { ok: true } });
    expect(await storedToken(id)).toBe(newToken);
  });

  it.each(MAIL_LANGUAGES)('finds the token and the username in the fake org’s %s mail', async (language) => {
    const { id } = await addProdOrg();
    await control.patchUser(PROD_ADMIN, { language });
    const newToken = await control.resetToken(PROD_ADMIN);
    const inspection = await core.tokens.inspect(id, await latestMail(PROD_ADMIN));
    expect(inspection).toEqual({ length: 25, preview: `${newToken.slice(0, 2)}${'•'.repeat(21)}${newToken.slice(-2)}`, from: 'email', mailUsername: PROD_ADMIN, wrongOrg: false, sameAsStored: false });
  });

  it('warns when the email is for another username', async () => {
    const { id } = await addProdOrg();
    await control.resetToken(SANDBOX_ADMIN);
    const inspection = await core.tokens.inspect(id, await latestMail(SANDBOX_ADMIN));
    expect(inspection).toMatchObject({ wrongOrg: true, mailUsername: SANDBOX_ADMIN });
  });

  it('refuses garbage with a clear message and stores nothing', async () => {
    const { id, token } = await addProdOrg();
    for (const pasted of ['hello there', '']) {
      const error = await core.tokens.replaceToken(id, { pasted }).catch((e: unknown) => e);
      expect((error as OrgKeyError).appError).toMatchObject({ code: 'INVALID_INPUT', field: 'pasted' });
    }
    expect(await storedToken(id)).toBe(token);
    expect(await control.loginHistory(PROD_ADMIN)).toEqual([]);
  });

  it('keeps the old token when a superseded token is pasted, and explains the newer email', async () => {
    const { id } = await addProdOrg();
    await control.resetToken(PROD_ADMIN);
    const firstMail = await latestMail(PROD_ADMIN);
    const newest = await control.resetToken(PROD_ADMIN);
    const result = await core.tokens.replaceToken(id, { pasted: firstMail });
    expect(result.stored).toBe(false);
    expect(result.outcome?.failure?.code).toBe('INVALID_LOGIN');
    expect(result.outcome?.failure?.hints[0]).toMatch(/newer reset email exists/);
    const stored = await storedToken(id);
    expect(stored).not.toBe(newest);
    // The failed proof counts toward the guard but does not replace the org's last result.
    expect(core.orgs.list()[0]).toMatchObject({ consecutiveFailures: 1 });
    expect(core.orgs.list()[0]?.lastTest).toBeUndefined();

    const saved = await core.tokens.replaceToken(id, { pasted: firstMail, saveAnyway: true });
    expect(saved).toEqual({ stored: true });
    expect(core.orgs.list()[0]?.consecutiveFailures).toBe(0);
    expect(testedSinceTokenSet(core.orgs.list()[0]!)).toBe(false);
  });

  it('is stopped by the lockout guard after two failed proofs', async () => {
    const { id } = await addProdOrg();
    await control.resetToken(PROD_ADMIN);
    const stale = await latestMail(PROD_ADMIN);
    await control.resetToken(PROD_ADMIN);
    await core.tokens.replaceToken(id, { pasted: stale });
    await core.tokens.replaceToken(id, { pasted: stale });
    const error = await core.tokens.replaceToken(id, { pasted: stale }).catch((e: unknown) => e);
    expect((error as OrgKeyError).appError.code).toBe('LOCKOUT_GUARD');
    expect(await control.loginHistory(PROD_ADMIN)).toHaveLength(2);
  });
});

describe('changing the password', () => {
  it('proves the new password together with the token Salesforce emails after the change', async () => {
    const { id } = await addProdOrg();
    const newToken = await control.setPassword(PROD_ADMIN, 'Fresh-Password-2027');
    const mail = await latestMail(PROD_ADMIN);
    const result = await core.tokens.changePassword(id, { password: 'Fresh-Password-2027', pasted: mail });
    expect(result).toMatchObject({ stored: true, outcome: { ok: true } });
    expect(secretsFromEntries(await keychainEntries(service), id)).toMatchObject({ password: 'Fresh-Password-2027', token: newToken });
    expect(testedSinceTokenSet(core.orgs.list()[0]!)).toBe(true);
  });

  it('keeps the old password when the new one does not log in, with the reason', async () => {
    const { id, password } = await addProdOrg();
    await control.setPassword(PROD_ADMIN, 'Fresh-Password-2027');
    const result = await core.tokens.changePassword(id, { password: 'Fresh-Password-2027' });
    expect(result.stored).toBe(false);
    expect(result.outcome?.failure?.hints[0]).toMatch(/emails a new security token/);
    expect(secretsFromEntries(await keychainEntries(service), id).password).toBe(password);
  });
});

describe('copying and revealing', () => {
  it('copies password + token, and clears the clipboard after the delay if it still holds the copy', async () => {
    const { id, password, token } = await addProdOrg();
    openConfSettings(dir).update((doc) => ({ ...doc, preferences: { ...doc.preferences, clipboardClearSeconds: 1 } }));
    const state = await core.clipboard.copy(id, 'combined');
    expect(board.text).toBe(password + token);
    expect(state).toMatchObject({ orgId: id, what: 'combined', clearsAt: expect.any(String) });
    expect(JSON.stringify(state)).not.toContain(password);
    await expect.poll(() => core.clipboard.status(), { timeout: 5000 }).toBeNull();
    expect(board.text).toBe('');
  });

  it('leaves the clipboard alone when someone else changed it meanwhile', async () => {
    const { id } = await addProdOrg();
    openConfSettings(dir).update((doc) => ({ ...doc, preferences: { ...doc.preferences, clipboardClearSeconds: 1 } }));
    await core.clipboard.copy(id, 'token');
    board.text = 'something the user copied';
    await expect.poll(() => core.clipboard.status(), { timeout: 5000 }).toBeNull();
    expect(board.text).toBe('something the user copied');
  });

  it('copies username, password or token alone', async () => {
    const { id, password, token } = await addProdOrg();
    await core.clipboard.copy(id, 'username');
    expect(board.text).toBe(PROD_ADMIN);
    await core.clipboard.copy(id, 'password');
    expect(board.text).toBe(password);
    await core.clipboard.copy(id, 'token');
    expect(board.text).toBe(token);
  });

  it('reveals a secret only when asked, and never writes it to any file', async () => {
    const { id, password } = await addProdOrg();
    expect(await core.reveal(id, 'password')).toEqual({ value: password });
    for (const { file, text } of readAllFiles(dir)) expect(text, file).not.toContain(password);
  });
});

describe('the reset assistant', () => {
  it('opens the Lightning reset page on the org’s My Domain, https Salesforce only', async () => {
    const creds = await credentials(control, PROD_ADMIN);
    const { org } = await core.orgs.add({ alias: 'Acme', environment: 'custom', customUrl: 'https://acme.my.salesforce.com', username: PROD_ADMIN, password: creds.password });
    expect(await core.tokens.openResetPage(org.id)).toEqual({ url: 'https://acme.my.salesforce.com/lightning/settings/personal/ResetApiToken/home' });
    const { org: local } = await core.orgs.add({ alias: 'Local', environment: 'custom', customUrl: fake.org.loginUrl, username: PROD_ADMIN, password: creds.password });
    const error = await core.tokens.openResetPage(local.id).catch((e: unknown) => e);
    expect((error as OrgKeyError).appError.code).toBe('URL_NOT_ALLOWED');
    expect(opened).toEqual(['https://acme.my.salesforce.com/lightning/settings/personal/ResetApiToken/home']);
  });

  it('uses the login host for a production org not yet tested', async () => {
    const { org } = await core.orgs.add({ alias: 'P', environment: 'production', username: PROD_ADMIN, password: 'x-password-1' });
    expect((await core.tokens.openResetPage(org.id)).url).toBe('https://login.salesforce.com/lightning/settings/personal/ResetApiToken/home');
  });
});
