/**
 * The words of a diagnosis: what each failure code says and what an admin does about it. How
 * errors are classified into codes is tested on real jsforce against the fake org
 * (tests/integration/connection-test.test.ts), since only there do the errors look like Salesforce's.
 */
import { describe, expect, it } from 'vitest';
import { countsTowardLockout, failureOf, limitsUnavailable } from '../../electron/core/connection/diagnosis';
import { TEST_FAILURE_CODES } from '../../shared/codes';

describe('the remedies', () => {
  it.each(TEST_FAILURE_CODES)('%s: a remedy that needs an admin says where in Setup', (code) => {
    const { message, remedy } = failureOf(code);
    expect(message).not.toBe('');
    if (/\badmin\b/i.test(remedy)) expect(remedy).toMatch(/Setup → \S/);
  });

  it('INSUFFICIENT_ACCESS names “Use Any API Auth”, the permission SOAP login() asks for, not “Use Any API Client”', () => {
    const { message, remedy } = failureOf('INSUFFICIENT_ACCESS');
    expect(message).toContain('“Use Any API Auth”');
    expect(message).toContain('SOAP login()');
    expect(remedy).toContain('Setup → Users → Permission Sets or Profiles → System Permissions');
    expect(`${message} ${remedy}`).not.toContain('Use Any API Client');
  });

  it('OAUTH_USER_NOT_APPROVED sends the admin to the app’s pre-approval, and blames neither password nor token', () => {
    const { message, remedy } = failureOf('OAUTH_USER_NOT_APPROVED');
    expect(message).toContain('Admin approved users are pre-authorized');
    expect(remedy).toContain('Manage Connected Apps → the app → Manage Profiles or Manage Permission Sets');
    expect(`${message} ${remedy}`).not.toMatch(/password|token|locked/i);
  });
});

describe('the lockout guard’s view of a failure', () => {
  it('counts wrong credentials, and a user the connected app does not admit (Salesforce records a failed login; whether it counts is not published)', () => {
    expect(countsTowardLockout('INVALID_LOGIN')).toBe(true);
    expect(countsTowardLockout('OAUTH_INVALID_GRANT')).toBe(true);
    expect(countsTowardLockout('OAUTH_USER_NOT_APPROVED')).toBe(true);
    expect(countsTowardLockout('TIMEOUT')).toBe(false);
    expect(TEST_FAILURE_CODES).toContain('OAUTH_USER_NOT_APPROVED');
  });
});

describe('API requests left, when Salesforce refuses the limits after a good login', () => {
  it('names the missing permission and where an admin grants it', () => {
    expect(limitsUnavailable('API_DISABLED_FOR_ORG')).toBe(
      'this user lacks “View Setup and Configuration”, which Salesforce requires to report limits (an admin grants it in Setup → Users → Permission Sets or Profiles → System Permissions)',
    );
  });

  it('shows another refusal’s code, an identifier, never Salesforce’s free text', () => {
    expect(limitsUnavailable('INSUFFICIENT_ACCESS')).toBe('Salesforce refused to report them (INSUFFICIENT_ACCESS)');
  });
});
