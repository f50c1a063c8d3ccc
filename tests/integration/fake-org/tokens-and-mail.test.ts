/**
 * Security tokens (reference §5): a reset issues a new token and the old one stops working at
 * once; a password change issues one too; each new token is "emailed" like Salesforce's mail.
 */
import jsforce from 'jsforce';
import { describe, expect, it } from 'vitest';
import { FakeOrgControlError, TOKEN_MAIL_SUBJECT } from '../../../e2e/fake-org';
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
