/**
 * Connection tests: one org, or all of them, without ever locking a user out.
 *
 * OrgKey never retries a login by itself. After `lockoutGuardFailures` failed logins in a row
 * (Salesforce locks users after as few as 3), a further test needs an explicit confirmation. The
 * count resets on success and when the password or token changes. Logins still in flight in any
 * process count too (lockout-guard.ts): each is recorded in the settings file before it is sent.
 */
import { randomUUID } from 'node:crypto';
import type { Notice, OrgFactsSummary, Preferences, TestOutcome } from '../../../shared/domain';
import { sandboxImpliedByHost } from '../../../shared/salesforce-hosts';
import { OrgKeyError } from '../errors';
import type { CorePorts } from '../ports';
import { silentLogger } from '../ports';
import { accountFor } from '../secrets/accounts';
import type { OrgRecord } from '../settings/schema';
import { countsTowardLockout, diagnose, failureOf, limitsUnavailable } from './diagnosis';
import { guardMessage, reserveLogin, settleLogin, type LoginVerdict } from './lockout-guard';
import { checkConnection, type OrgFacts } from './salesforce';

const TAG = '[tester]';

export interface TestOptions {
  /** The user confirmed testing again after repeated failures. */
  confirmRetry?: boolean;
  /** Cancels the test when aborted (used by "test all"). */
  signal?: AbortSignal;
  /**
   * Prove new secrets before storing them: log in with these instead of the stored ones. A failed
   * proof still counts toward the lockout guard but does not replace the org's last result; on
   * success `store` runs first, so the result is only recorded once the secrets are kept.
   */
  candidate?: { password?: string; token?: string; store(): Promise<void> };
}

export interface ConnectionTester {
  test(id: string, options?: TestOptions): Promise<TestOutcome>;
  /** Cancel a running test; resolves whether one was running. */
  cancel(id: string): boolean;
}

/** Which kind of org the login host implies, or null when the host does not say. */
function expectedSandbox(record: OrgRecord): boolean | null {
  if (record.environment === 'sandbox') return true;
  if (record.environment === 'production') return false;
  const host = new URL(record.loginUrl).hostname;
  return sandboxImpliedByHost(host);
}

function sanityWarnings(record: OrgRecord, facts: OrgFacts, usedToken: boolean): Notice[] {
  const warnings: Notice[] = [];
  const expected = expectedSandbox(record);
  if (expected !== null && expected !== facts.isSandbox) {
    warnings.push({
      code: 'SANDBOX_MISMATCH',
      message: facts.isSandbox
        ? 'This org is a sandbox, but it was added as production. Edit it so tools use the sandbox login host.'
        : 'This org is a production org, but it was added as a sandbox. Edit it so tools use the production login host.',
    });
  }
  if (record.lastSuccessOrgId && record.lastSuccessOrgId !== facts.orgId) {
    warnings.push({
      code: 'ORG_ID_CHANGED',
      message: `The org id changed from ${record.lastSuccessOrgId} to ${facts.orgId}: this is a different org than before (a refreshed sandbox is a new org). Check tools that stored the old one.`,
    });
  }
  if (!usedToken) {
    warnings.push({
      code: 'TOKEN_NOT_NEEDED',
      message: 'Logged in without a security token: this network is in the org’s trusted IP ranges. Other networks will still need a token.',
    });
  }
  return warnings;
}

function summary(facts: OrgFacts): OrgFactsSummary {
  const { orgId, orgName, edition, isSandbox, instanceName, instanceUrl, userName, userFullName, apiRequestsRemaining, apiRequestsMax } = facts;
  const unavailable = facts.limitsRefusal ? { apiRequestsUnavailable: limitsUnavailable(facts.limitsRefusal) } : {};
  return { orgId, orgName, edition, isSandbox, instanceName, instanceUrl, userName, userFullName, apiRequestsRemaining, apiRequestsMax, ...unavailable };
}

export function createConnectionTester(ports: CorePorts): ConnectionTester {
  const { settings, secrets, clock } = ports;
  const logger = ports.logger ?? silentLogger;
  const running = new Map<string, AbortController>();

  /**
   * Check the lockout guard and record the login about to be sent, in one step under the settings
   * lock, so other processes see it at once. Throws LOCKOUT_GUARD (or ORG_NOT_FOUND) instead.
   */
  function reserve(id: string, attemptId: string, confirmRetry: boolean): { record: OrgRecord; preferences: Preferences } {
    let result: ReturnType<typeof reserveLogin> | undefined;
    const { preferences } = settings.update((current) => {
      result = reserveLogin(current, { orgId: id, attemptId, now: clock.now(), confirmRetry });
      return result.doc;
    });
    const { record, refused } = result!;
    if (!record) throw new OrgKeyError('ORG_NOT_FOUND');
    if (refused) {
      throw new OrgKeyError('LOCKOUT_GUARD', {
        message: guardMessage(record.username, refused),
        remedy: refused.pending
          ? 'Wait for the test under way to finish, and check the password and security token. Test again only if you are sure.'
          : 'Check the password and security token first, or paste a new token. Test again only if you are sure.',
      });
    }
    return { record, preferences };
  }

  /** Record how the login ended (and, through `change`, the org's result) and release its attempt. */
  function settle(id: string, attemptId: string, verdict: LoginVerdict, change?: (record: OrgRecord) => OrgRecord): void {
    // The org may have been removed while it was being tested; then only the attempt goes.
    settings.update((doc) => settleLogin(doc, { orgId: id, attemptId, verdict }, change));
  }

  async function test(id: string, options: TestOptions = {}): Promise<TestOutcome> {
    if (running.has(id)) throw new OrgKeyError('TEST_RUNNING');
    // Everything up to the login's first await is synchronous: no other test of this org can slip
    // in between the guard's check and `running`, in this process or (through the lock) any other.
    const attemptId = randomUUID();
    const { record, preferences } = reserve(id, attemptId, !!options.confirmRetry);
    const controller = new AbortController();
    running.set(id, controller);
    const forward = () => controller.abort();
    if (options.signal?.aborted) controller.abort();
    options.signal?.addEventListener('abort', forward, { once: true });
    let settled = false;
    try {
      return await attempt(id, record, preferences, controller.signal, options.candidate, (verdict, change) => {
        // Marked first: if this write fails, the attempt is left to lapse as a failure (the safe side)
        // rather than be released as if the login had said nothing.
        settled = true;
        settle(id, attemptId, verdict, change);
      });
    } finally {
      running.delete(id);
      options.signal?.removeEventListener('abort', forward);
      // The keychain or storing the proved secrets failed: no verdict on the password, but the
      // attempt must not hold the guard until it goes stale.
      if (!settled) {
        try {
          settle(id, attemptId, 'not-counted');
        } catch (error) {
          logger.warn(TAG, `org ${id}: could not release the login attempt (${(error as Error).message}); it lapses after the test timeout`);
        }
      }
    }
  }

  /** One login, reserved by `test`: read the secrets, log in, and record the result through `finish`. */
  async function attempt(
    id: string,
    record: OrgRecord,
    preferences: Preferences,
    signal: AbortSignal,
    candidate: TestOptions['candidate'],
    finish: (verdict: LoginVerdict, change?: (record: OrgRecord) => OrgRecord) => void,
  ): Promise<TestOutcome> {
    const browser = record.auth === 'browser';
    const via: TestOutcome['via'] = browser ? 'browser' : record.clientId ? 'oauth' : 'soap';
    const [password, token, clientSecret, refreshToken] = await Promise.all([
      browser ? null : (candidate?.password ?? secrets.get(accountFor(id, 'password'))),
      browser ? null : (candidate?.token ?? secrets.get(accountFor(id, 'token'))),
      record.clientId ? secrets.get(accountFor(id, 'clientSecret')) : Promise.resolve(null),
      browser ? secrets.get(accountFor(id, 'refreshToken')) : Promise.resolve(null),
    ]);
    const usedToken = !!token;
    const started = clock.now();
    const outcomeBase = { testedAt: started.toISOString(), via, usedToken };

    const missing = browser ? (!refreshToken ? failureOf('NOT_SIGNED_IN') : null) : !password || (record.clientId && !clientSecret) ? diagnoseMissing(!password ? 'password' : 'consumer secret') : null;
    if (missing) {
      // No login was tried, so nothing counts toward lockout; the result is kept like any other.
      const outcome: TestOutcome = { ...outcomeBase, ok: false, latencyMs: 0, warnings: [], failure: missing };
      finish('not-counted', candidate ? undefined : (current) => ({ ...current, lastTest: outcome }));
      return outcome;
    }

    // Which stored token this login used; a proof's token gets its date once it is stored.
    const loginBase = { ...outcomeBase, ...(!browser && !candidate?.token && token && record.tokenUpdatedAt ? { tokenAsOf: record.tokenUpdatedAt } : {}) };
    const t0 = performance.now();
    let outcome: TestOutcome;
    try {
      const facts = await checkConnection({
        loginUrl: record.loginUrl,
        username: record.username,
        secret: (password ?? '') + (token ?? ''),
        ...(!browser && record.clientId && clientSecret ? { oauth: { clientId: record.clientId, clientSecret } } : {}),
        ...(browser && refreshToken
          ? {
              refresh: {
                clientId: record.clientId!,
                ...(clientSecret ? { clientSecret } : {}),
                refreshToken,
                // An app with refresh-token rotation hands out a new one each time; the old one is spent.
                onRotated: (rotated: string) => secrets.set(accountFor(id, 'refreshToken'), rotated),
              },
            }
          : {}),
        timeoutMs: preferences.testTimeoutSeconds * 1000,
        signal,
      });
      outcome = {
        ...loginBase,
        ok: true,
        latencyMs: Math.round(performance.now() - t0),
        facts: summary(facts),
        warnings: sanityWarnings(record, facts, usedToken || browser),
      };
    } catch (error) {
      const failure = diagnose(error, {
        via,
        usedToken,
        loginUrl: record.loginUrl,
        passwordUpdatedAt: record.passwordUpdatedAt,
        ...(record.tokenUpdatedAt ? { tokenUpdatedAt: record.tokenUpdatedAt } : {}),
        consecutiveFailures: record.consecutiveFailures + 1,
        sentClientSecret: !!clientSecret,
        timeoutSeconds: preferences.testTimeoutSeconds,
        now: clock.now(),
      });
      outcome = { ...loginBase, ok: false, latencyMs: Math.round(performance.now() - t0), failure, warnings: [] };
    }

    logger.info(TAG, `org ${id}: ${outcome.ok ? 'ok' : outcome.failure?.code} in ${outcome.latencyMs} ms`);
    if (outcome.failure?.code === 'CANCELLED') {
      finish('not-counted'); // a cancelled test says nothing new about the org
      return outcome;
    }
    const verdict: LoginVerdict = outcome.ok ? 'succeeded' : countsTowardLockout(outcome.failure!.code) ? 'failed' : 'not-counted';
    if (outcome.ok && candidate) await candidate.store();
    finish(verdict, (current) => {
      // A proved token is the one just stored: this login tested it.
      if (outcome.ok && candidate?.token && current.tokenUpdatedAt) outcome = { ...outcome, tokenAsOf: current.tokenUpdatedAt };
      return {
        ...current,
        ...(outcome.ok || !candidate ? { lastTest: outcome } : {}),
        ...(outcome.ok && outcome.facts ? { lastSuccessOrgId: outcome.facts.orgId } : {}),
        ...soapLoginSeen(outcome),
      };
    });
    return outcome;
  }

  return {
    test,
    cancel(id) {
      const controller = running.get(id);
      controller?.abort();
      return !!controller;
    },
  };
}

/** What a SOAP login() attempt says about the org's readiness for its retirement (issue 10). */
function soapLoginSeen(outcome: TestOutcome): Pick<OrgRecord, 'soapLogin'> | Record<string, never> {
  if (outcome.via !== 'soap') return {};
  if (outcome.ok) return { soapLogin: { allowed: true, at: outcome.testedAt } };
  if (outcome.failure?.code === 'SOAP_LOGIN_UNAVAILABLE') return { soapLogin: { allowed: false, at: outcome.testedAt } };
  return {};
}

function diagnoseMissing(what: 'password' | 'consumer secret') {
  return {
    code: 'SECRET_MISSING' as const,
    message: `OrgKey has no ${what} for this org in the keychain.`,
    remedy: `Edit the org and enter its ${what} again.`,
    hints: [],
  };
}
