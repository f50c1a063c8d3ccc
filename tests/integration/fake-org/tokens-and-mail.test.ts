/**
 * Security tokens: a reset issues a new token and the old one stops working at once; a password
 * change issues one too; each new token is "emailed" like Salesforce's mail, in the user's language.
 */
import jsforce from 'jsforce';
import { describe, expect, it } from 'vitest';
import { FakeOrgControlError, MAIL_LANGUAGES, TOKEN_MAIL_SUBJECT } from '../../../e2e/fake-org';
import { API_VERSION, EXPIRED_USER, PROD_ADMIN, SANDBOX_ADMIN, rejection, useFakeOrg } from './support';

const fake = useFakeOrg();

function login(username: string, password: string) {
  return new jsforce.Connection({ loginUrl: fake.loginUrl, version: API_VERSION }).login(username, password);
}

describe('security token reset', () => {
  it('issues a new 25-character token and the old one stops working at once', async () => {
    const before = fake.user(PROD_ADMIN);
    const token = await fake.control.resetToken(PROD_ADMIN);
    expect(token).toMatch(/^[A-Za-z0-9]{25}$/);
    expect(token).not.toBe(before.token);
    expect((await rejection(login(PROD_ADMIN, before.password + before.token))).message).toMatch(/^INVALID_LOGIN: /);
    await expect(login(PROD_ADMIN, before.password + token)).resolves.toBeTruthy();
  });

  it('mails the new token in Salesforce’s format', async () => {
    const token = await fake.control.resetToken(PROD_ADMIN);
    const { now } = await fake.control.state();
    const [mail, ...others] = await fake.control.outbox(PROD_ADMIN);
    expect(others).toEqual([]);
    expect(mail).toMatchObject({ to: 'avery.admin@acme.example', username: PROD_ADMIN, subject: TOKEN_MAIL_SUBJECT });
    expect(TOKEN_MAIL_SUBJECT).toBe('Your new Salesforce security token');
    expect(Math.abs(Date.parse(mail?.sentAt ?? '') - Date.parse(now))).toBeLessThan(5_000);
    const lines = (mail?.text ?? '').split('\n');
    expect(lines[0]).toBe('Hello Avery Admin,');
    expect(lines).toContainEqual(expect.stringMatching(/recently changed your password or requested to reset your security token/));
    expect(lines).toContain(`Username: ${PROD_ADMIN}`);
    expect(lines).toContain(`Security token (case-sensitive): ${token}`);
    expect(lines).toContainEqual(expect.stringMatching(/^For more information on using your security token/));
    expect(lines.indexOf(`Username: ${PROD_ADMIN}`)).toBeLessThan(lines.indexOf(`Security token (case-sensitive): ${token}`));
  });

  it('keeps mail newest last and filters by username or email address', async () => {
    const first = await fake.control.resetToken(PROD_ADMIN);
    const second = await fake.control.resetToken(SANDBOX_ADMIN);
    expect((await fake.control.outbox()).map((mail) => mail.username)).toEqual([PROD_ADMIN, SANDBOX_ADMIN]);
    expect((await fake.control.outbox(SANDBOX_ADMIN)).map((mail) => mail.text)).toEqual([expect.stringContaining(second)]);
    // Both admins are one person with one mailbox, so the address finds both mails.
    expect((await fake.control.outbox('Avery.Admin@acme.example')).map((mail) => mail.text)).toEqual([expect.stringContaining(first), expect.stringContaining(second)]);
  });
});

describe('the mail in the user’s language', () => {
  it('comes in the language set with PATCH /__fake/users/{username}, after a reset and after a password change', async () => {
    expect(fake.user(PROD_ADMIN).language).toBe('en_US');
    await expect(fake.control.patchUser(PROD_ADMIN, { language: 'ja' })).resolves.toMatchObject({ language: 'ja' });
    const reset = await fake.control.resetToken(PROD_ADMIN);
    const changed = await fake.control.setPassword(PROD_ADMIN, 'Brand-New-Pass-2025');
    const mails = await fake.control.outbox(PROD_ADMIN);
    expect(mails.map((mail) => mail.subject)).toEqual(['新しい Salesforce セキュリティトークン', '新しい Salesforce セキュリティトークン']);
    for (const [mail, token] of [[mails[0], reset], [mails[1], changed]] as const) {
      const lines = (mail?.text ?? '').split('\n');
      // The two lines exactly as in Japanese mail captured from Salesforce, one after the other.
      const at = lines.indexOf(`ユーザ名: ${PROD_ADMIN}`);
      expect(at).toBeGreaterThan(0);
      expect(lines[at + 1]).toBe(`セキュリティトークン (大文字と小文字を区別): ${token}`);
    }
    // Other users keep theirs.
    await fake.control.resetToken(SANDBOX_ADMIN);
    expect((await fake.control.outbox(SANDBOX_ADMIN))[0]?.subject).toBe(TOKEN_MAIL_SUBJECT);
  });

  it.each(MAIL_LANGUAGES)('%s: a username line, then the token line, each label and value', async (language) => {
    await fake.control.patchUser(PROD_ADMIN, { language });
    const token = await fake.control.resetToken(PROD_ADMIN);
    const lines = ((await fake.control.outbox(PROD_ADMIN))[0]?.text ?? '').split('\n');
    const at = lines.findIndex((line) => line.endsWith(` ${PROD_ADMIN}`));
    expect(lines[at]).toMatch(/^\S.*[:：] admin@acme\.example$/);
    expect(lines[at + 1]).toMatch(new RegExp(`^\\S.*[:：] ${token}$`));
  });

  it('is what identity and SOAP login() report as the user’s language', async () => {
    await fake.control.patchUser(PROD_ADMIN, { language: 'de' });
    const admin = fake.user(PROD_ADMIN);
    const conn = new jsforce.Connection({ loginUrl: fake.loginUrl, version: API_VERSION });
    await conn.login(PROD_ADMIN, admin.password + admin.token);
    await expect(conn.identity()).resolves.toMatchObject({ language: 'de' });
    const soap = await fetch(`${fake.loginUrl}/services/Soap/u/${API_VERSION}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: 'login' },
      body: `<?xml version="1.0" encoding="utf-8"?><env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><n1:login xmlns:n1="urn:partner.soap.sforce.com"><n1:username>${PROD_ADMIN}</n1:username><n1:password>${admin.password}${admin.token}</n1:password></n1:login></env:Body></env:Envelope>`,
    });
    expect(await soap.text()).toContain('<userLanguage>de</userLanguage>');
  });
});

describe('password change', () => {
  it('sets the password, issues a new token and mails it', async () => {
    const before = fake.user(PROD_ADMIN);
    const token = await fake.control.setPassword(PROD_ADMIN, 'Brand-New-Pass-2025');
    expect(token).not.toBe(before.token);
    expect(fake.user(PROD_ADMIN)).toMatchObject({ password: 'Brand-New-Pass-2025', token });
    expect((await rejection(login(PROD_ADMIN, before.password + token))).message).toMatch(/^INVALID_LOGIN: /);
    await expect(login(PROD_ADMIN, `Brand-New-Pass-2025${token}`)).resolves.toBeTruthy();
    expect((await fake.control.outbox(PROD_ADMIN)).map((mail) => mail.text)).toEqual([expect.stringContaining(`Security token (case-sensitive): ${token}`)]);
  });

  it('ends an expired password, so the user can log in again', async () => {
    const token = await fake.control.setPassword(EXPIRED_USER, 'Spring-Rain-2025');
    await expect(login(EXPIRED_USER, `Spring-Rain-2025${token}`)).resolves.toBeTruthy();
  });

  it('enforces the default password policy and refuses the current password', async () => {
    const tooShort = await rejection(fake.control.setPassword(PROD_ADMIN, 'a1'));
    expect(tooShort).toBeInstanceOf(FakeOrgControlError);
    expect(tooShort.message).toBe('password: Your password must be at least 8 characters long.');
    expect((await rejection(fake.control.setPassword(PROD_ADMIN, 'lettersonly'))).message).toBe('password: Your password must have a mix of letters and numbers.');
    expect((await rejection(fake.control.setPassword(PROD_ADMIN, fake.user(PROD_ADMIN).password))).message).toBe('password: You cannot reuse this old password.');
  });
});
