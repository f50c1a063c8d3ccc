/**
 * Lockout (Setup → Password Policies): after the org's maximum invalid attempts the user is locked
 * for the lockout period, and the API keeps answering the generic INVALID_LOGIN, right password or
 * not.
 * Time moves through the fake clock, never through sleeps.
 */
import jsforce from 'jsforce';
import { describe, expect, it } from 'vitest';
import { API_VERSION, PROD_ADMIN, rejection, useFakeOrg } from './support';

const INVALID_LOGIN = 'INVALID_LOGIN: Invalid username, password, security token; or user locked out.';

const fake = useFakeOrg();

function login(password: string) {
  return new jsforce.Connection({ loginUrl: fake.loginUrl, version: API_VERSION }).login(PROD_ADMIN, password);
}

function rightPassword(): string {
  const admin = fake.user(PROD_ADMIN);
  return admin.password + admin.token;
}

async function failTimes(count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) await rejection(login('wrong-password'));
}

async function statuses(): Promise<string[]> {
  return (await fake.control.loginHistory(PROD_ADMIN)).map((entry) => entry.status);
}

describe('lockout', () => {
  it('locks the user after the maximum attempts and keeps answering INVALID_LOGIN for the right password', async () => {
    await fake.control.patchOrg(fake.user(PROD_ADMIN).orgId, { maxLoginAttempts: 3 });
    await failTimes(3);
    expect((await rejection(login(rightPassword()))).message).toBe(INVALID_LOGIN);
    expect(await statuses()).toEqual(['Invalid Password', 'Invalid Password', 'Invalid Password', 'Password Lockout']);
  });

  it('uses 10 attempts by default', async () => {
    await failTimes(9);
    await expect(login(rightPassword())).resolves.toBeTruthy();
    expect(fake.user(PROD_ADMIN).failedAttempts).toBe(0);
    await failTimes(10);
    expect((await rejection(login(rightPassword()))).message).toBe(INVALID_LOGIN);
  });

  it('lifts the lockout once the fake clock passes the 15-minute lockout period', async () => {
    await fake.control.patchOrg(fake.user(PROD_ADMIN).orgId, { maxLoginAttempts: 3 });
    await failTimes(3);
    const lockedUntil = fake.user(PROD_ADMIN).lockedUntil;
    const now = (await fake.control.state()).now;
    expect(Date.parse(lockedUntil ?? '') - Date.parse(now)).toBeGreaterThan(14 * 60_000);
    await fake.control.advanceClock(14);
    await rejection(login(rightPassword()));
    await fake.control.advanceClock(1);
    await expect(login(rightPassword())).resolves.toBeTruthy();
    expect(fake.user(PROD_ADMIN)).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it('lifts the lockout at once when an admin unlocks the user', async () => {
    await fake.control.patchOrg(fake.user(PROD_ADMIN).orgId, { maxLoginAttempts: 3 });
    await failTimes(3);
    await fake.control.patchUser(PROD_ADMIN, { unlock: true });
    await expect(login(rightPassword())).resolves.toBeTruthy();
  });

  it('keeps a "Forever" lockout (period 0) until an admin unlocks', async () => {
    await fake.control.patchOrg(fake.user(PROD_ADMIN).orgId, { maxLoginAttempts: 3, lockoutMinutes: 0 });
    await failTimes(3);
    await fake.control.advanceClock(7 * 24 * 60);
    expect(fake.user(PROD_ADMIN).lockedUntil).toBe('forever');
    expect((await rejection(login(rightPassword()))).message).toBe(INVALID_LOGIN);
    await fake.control.patchUser(PROD_ADMIN, { unlock: true });
    await expect(login(rightPassword())).resolves.toBeTruthy();
  });

  it('counts a missing security token as a failed attempt', async () => {
    await fake.control.patchOrg(fake.user(PROD_ADMIN).orgId, { maxLoginAttempts: 3 });
    for (let i = 0; i < 3; i += 1) await rejection(login(fake.user(PROD_ADMIN).password));
    expect(await statuses()).toEqual(Array(3).fill('Failed: API security token required'));
    expect((await rejection(login(rightPassword()))).message).toBe(INVALID_LOGIN);
  });

  it('does not count attempts for no limit (maximum 0)', async () => {
    await fake.control.patchOrg(fake.user(PROD_ADMIN).orgId, { maxLoginAttempts: 0 });
    await failTimes(12);
    await expect(login(rightPassword())).resolves.toBeTruthy();
  });

  it('records every attempt with time, channel, API version and source address', async () => {
    await rejection(login('wrong-password'));
    await login(rightPassword());
    const history = await fake.control.loginHistory(PROD_ADMIN.toUpperCase());
    expect(history).toEqual([
      expect.objectContaining({ at: expect.any(String), username: PROD_ADMIN, via: 'soap', status: 'Invalid Password', apiVersion: API_VERSION, sourceIp: '127.0.0.1' }),
      expect.objectContaining({ at: expect.any(String), username: PROD_ADMIN, via: 'soap', status: 'Success', apiVersion: API_VERSION, sourceIp: '127.0.0.1' }),
    ]);
  });

  it('records refusals before the credential check with their own statuses', async () => {
    await fake.control.patchUser(PROD_ADMIN, { frozen: true });
    await rejection(login(rightPassword()));
    await rejection(new jsforce.Connection({ loginUrl: fake.loginUrl, version: '30.0' }).login(PROD_ADMIN, rightPassword()));
    await rejection(new jsforce.Connection({ loginUrl: fake.loginUrl, version: API_VERSION }).login('nobody@acme.example', 'x'));
    expect(await statuses()).toEqual(['User Is Frozen', 'Failed: API Version Removed']);
    expect((await fake.control.loginHistory('nobody@acme.example')).map((entry) => entry.status)).toEqual(['Invalid Login']);
  });
});
