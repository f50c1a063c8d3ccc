/**
 * One login of an org, from the lockout guard's reservation to the record of how it went. The
 * tester (a test of the stored secrets) and the token workflow (a proof of new secrets before they
 * are kept) both log in through here, and neither calls the other.
 *
 * A login is two settings writes and nothing more: the reservation before it is sent (lockout-guard.ts,
 * so other processes see it at once) and, after it, one write that releases the attempt, counts its
 * verdict and records whatever the caller keeps of the result. In between, the caller may do its
 * own work (the workflow stores the proved secrets in the keychain) before it settles. Test all's
 * slots let the next login's reservation carry that second write (`defer`, `alongside`).
 */
import { randomUUID } from 'node:crypto';
import { certificateNotice } from '../../../shared/certificates';
import type { AuthMethod, Notice, OrgFactsSummary, Preferences, TestFailure, TestOutcome } from '../../../shared/domain';
import { loginMethodOf, type SecretKind } from '../../../shared/login-methods';
import { passwordExpiryNotice } from '../../../shared/password-expiry';
import { sandboxImpliedByHost } from '../../../shared/salesforce-hosts';
import { CONFIRM_REFRESH_TEXT, sandboxRefreshedText } from '../../../shared/sandbox-refresh';
import { OrgKeyError } from '../errors';
import { promotePendingKey } from '../jwt/certificates';
import { silentLogger, type CheckFailure, type CorePorts, type LoginRequest, type OrgFacts, type Session, type SessionAnswer, type CheckAnswer } from '../ports';
import { orgSecretsOf } from '../secrets/org-secrets';
import { isOwnItemKind, ORG_ITEM_KINDS, type SecretValues } from '../secrets/org-item';
import type { OrgRecord, SettingsDoc } from '../settings/schema';
import { countsTowardLockout, describeFailure, failureOf, limitsUnavailable, reachedNoVerdict } from './diagnosis';
import { gatewayOf } from './jsforce-gateway';
import { jwtGrantFor } from './jwt-assertion';
import { markSameOrg, orgIdSeen } from './sandbox-refresh';
import { guardMessage, reserveLogin, settleLogin, type LoginVerdict } from './lockout-guard';
import { integrationUserReading, passwordPolicyReading } from './password-user';

const TAG = '[tester]';

export interface LoginOptions {
  /** The user confirmed testing again after repeated failures. */
  confirmRetry?: boolean;
  /** Cancels the login when aborted. */
  signal?: AbortSignal;
  /** Log in with these instead of the stored ones: new secrets, proved before they are kept. */
  secrets?: { password?: string; token?: string };
  /** Keep the session for a tool (the gateway's `session`) instead of checking the org and logging out. */
  session?: boolean;
  /** Another login's settle, written in this login's reservation: one settings write for both (Test all). */
  alongside?: DeferredSettle;
}

/**
 * A login's settle kept for another write: the next login's reservation (`LoginOptions.alongside`)
 * or `LoginAttempts.commit`. Until it is written its attempt stays in the file, counted as a login
 * under way (the safe side); a settle never written lapses as a failure, as a failed write does.
 */
export interface DeferredSettle {
  /** The settle's change to the settings document. */
  readonly apply: (doc: SettingsDoc) => SettingsDoc;
  /** Whether a write that carried it is on disk. */
  readonly written: boolean;
}

/** A login that has ended and is not yet recorded: its attempt still holds a place in the guard. */
export interface OpenLogin {
  /** How the login went. */
  readonly outcome: TestOutcome;
  /** With `session`: the live session, when the login worked. */
  readonly session?: Session;
  /**
   * The session's end (its logout), still under way after a check that worked; resolved when there
   * is none to end. Settle while it is under way, so the result's write overlaps the logout's round
   * trip, and wait for it before the login is over: nothing of it leaks into the next one. Never rejects.
   */
  readonly ended: Promise<void>;
  /**
   * Release the attempt and count its verdict, changing the org's record with `change` in the same
   * write. A cancelled login says nothing new about the org: then `change` is not applied.
   */
  settle(change?: (record: OrgRecord) => OrgRecord): void;
  /** As `settle`, but written by a later write (`alongside` of the next login, or `commit`) instead of one of its own. */
  defer(change?: (record: OrgRecord) => OrgRecord): DeferredSettle;
  /**
   * Release an attempt that was not settled (a step after the login failed) without counting it;
   * does nothing after `settle`. Call it in `finally`, so no attempt holds the guard until it lapses.
   */
  release(): void;
}

export interface LoginAttempts {
  /** Reserve a place under the lockout guard and log in. Throws TEST_RUNNING, LOCKOUT_GUARD or ORG_NOT_FOUND instead. */
  login(id: string, options?: LoginOptions): Promise<OpenLogin>;
  /** Cancel the org's login under way; resolves whether one was. */
  cancel(id: string): boolean;
  /** Write a deferred settle that no later login carried. */
  commit(settle: DeferredSettle): void;
}

/** What a check of a password org read about its user, kept on the org's record whoever settles the login. */
type UserReadings = Pick<OrgRecord, 'passwordPolicy' | 'integrationChecklist'>;

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
  if (record.lastSuccessOrgId && record.lastSuccessOrgId !== facts.orgId && facts.isSandbox) {
    warnings.push({ code: 'SANDBOX_REFRESHED', message: `${sandboxRefreshedText({ fromOrgId: record.lastSuccessOrgId, toOrgId: facts.orgId })} ${CONFIRM_REFRESH_TEXT}` });
  } else if (record.lastSuccessOrgId && record.lastSuccessOrgId !== facts.orgId) {
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

/** What a SOAP login() attempt says about the org's readiness for its retirement in Summer ’27. */
function soapLoginSeen(outcome: TestOutcome): Pick<OrgRecord, 'soapLogin'> | Record<string, never> {
  if (outcome.via !== 'soap') return {};
  if (outcome.ok) return { soapLogin: { allowed: true, at: outcome.testedAt } };
  if (outcome.failure?.code === 'SOAP_LOGIN_UNAVAILABLE') return { soapLogin: { allowed: false, at: outcome.testedAt } };
  return {};
}

/** Whether the outcome is a login of the org's current method (an edit may have switched it meanwhile). */
const byCurrentMethod = (record: OrgRecord, outcome: TestOutcome) => loginMethodOf(record).via(record) === outcome.via;

/**
 * What a login's outcome changes in the org's record: the org id of a success, whether SOAP
 * login() is allowed, and, when `asLastTest`, the outcome as the org's last test. A failed proof of
 * new secrets is not the org's result: the stored secrets were not tried. A test that worked also
 * proves a switch of login method (the old method's secrets may then be deleted), and tells a
 * client-credentials org who its app's run-as user is.
 */
export function recordOutcome(outcome: TestOutcome, { asLastTest }: { asLastTest: boolean }): (record: OrgRecord) => OrgRecord {
  return (record) => {
    const worked = outcome.ok && byCurrentMethod(record, outcome);
    const learnt = worked && outcome.facts && loginMethodOf(record).usernameFrom === 'test' ? { username: outcome.facts.userName } : {};
    const proved = worked && asLastTest && record.previousSecrets && !record.previousSecrets.provedAt ? { previousSecrets: { ...record.previousSecrets, provedAt: outcome.testedAt } } : {};
    return {
      ...record,
      ...(asLastTest ? { lastTest: outcome } : {}),
      ...(outcome.ok && outcome.facts ? orgIdSeen(record, outcome.facts, outcome.testedAt, worked) : {}),
      ...soapLoginSeen(outcome),
      ...learnt,
      ...proved,
    };
  };
}

/**
 * How a login counts for the lockout guard: a refused login, a success, or no verdict on the
 * password. A method that sends no user's password (client credentials, a JWT assertion) never
 * counts a failure: there is nothing Salesforce could lock out for it.
 */
function verdictOf(outcome: TestOutcome, record: OrgRecord): LoginVerdict {
  if (outcome.ok) return 'succeeded';
  return loginMethodOf(record).lockoutRisk && countsTowardLockout(outcome.failure!.code) ? 'failed' : 'not-counted';
}

function diagnoseMissing(what: 'password' | 'consumer secret' | 'private key'): TestFailure {
  return {
    code: 'SECRET_MISSING',
    message: `OrgKey has no ${what} for this org in the keychain.`,
    remedy: what === 'private key' ? 'Make a new key and certificate for the org (orgkey cert --rotate), and upload the certificate to the app.' : `Edit the org and enter its ${what} again.`,
    hints: [],
  };
}

/** An org imported without its secrets (a CSV import): nothing was lost, nothing was ever entered. */
function awaitingPassword(): TestFailure {
  return {
    code: 'SECRET_MISSING',
    message: 'This org was imported without its password, and none has been entered yet. No login was sent.',
    remedy: 'Edit the org and enter its password and security token, paste a new token with its password, or switch it to browser login.',
    hints: [],
  };
}

/** The secrets a login may use, as read from the keychain (or given, for a proof). */
interface LoginSecrets {
  password: string | null;
  token: string | null;
  clientSecret: string | null;
  refreshToken: string | null;
  privateKey: string | null;
}

type Grant = { request: Omit<LoginRequest, 'loginUrl' | 'timeoutMs' | 'signal'> } | { missing: TestFailure };

/**
 * What each login method sends, or the failure known without asking Salesforce (a secret missing).
 * Keyed by every `auth` value, so a new login method is a compile error here until it says how it logs in.
 */
const GRANTS: { [A in AuthMethod]: (record: OrgRecord, secrets: LoginSecrets, now: Date, onRotated: (token: string) => Promise<void>) => Grant } = {
  password: (record, { password, token, clientSecret }) => {
    if (!password && record.awaitingSecrets) return { missing: awaitingPassword() };
    if (!password) return { missing: diagnoseMissing('password') };
    if (record.clientId && !clientSecret) return { missing: diagnoseMissing('consumer secret') };
    return { request: { username: record.username, secret: password + (token ?? ''), ...(record.clientId && clientSecret ? { oauth: { clientId: record.clientId, clientSecret } } : {}) } };
  },
  browser: (record, { clientSecret, refreshToken }, _now, onRotated) => {
    if (!refreshToken) return { missing: failureOf('NOT_SIGNED_IN') };
    // An app with refresh-token rotation hands out a new one each time; the old one is spent.
    return { request: { username: '', secret: '', refresh: { clientId: record.clientId!, ...(clientSecret ? { clientSecret } : {}), refreshToken, onRotated } } };
  },
  'client-credentials': (record, { clientSecret }) => {
    if (!clientSecret) return { missing: diagnoseMissing('consumer secret') };
    return { request: { username: '', secret: '', clientCredentials: { clientId: record.clientId ?? '', clientSecret } } };
  },
  jwt: (record, { privateKey }, now) => {
    if (!privateKey) return { missing: diagnoseMissing('private key') };
    return { request: { username: '', secret: '', jwt: jwtGrantFor(record, privateKey, now) } };
  },
};

function grantOf(record: OrgRecord, secrets: LoginSecrets, now: Date, onRotated: (token: string) => Promise<void>): Grant {
  return GRANTS[record.auth](record, secrets, now, onRotated);
}

/**
 * A failure that never reached Salesforce's verdict says nothing about the key. Any other refusal
 * of the current key, during a rotation, is worth one try with the new key (the admin may have
 * uploaded its certificate); a JWT login never counts toward a lockout.
 */
const worthTheNewKey = (failure: CheckFailure) => !reachedNoVerdict(failure.code);

const ROTATED: Notice = {
  code: 'CERTIFICATE_ROTATED',
  message: 'The new certificate works: the app holds it now. OrgKey signs with its key from now on and deleted the old key from the keychain.',
};

/** What a failed JWT login adds about the certificates: the new one refused too, or the current one expired. */
function certificateHints(certificate: OrgRecord['certificate'], newKeyFailure: CheckFailure | undefined, now: Date): string[] {
  const hints: string[] = [];
  if (newKeyFailure) {
    hints.push(
      `The new certificate of the rotation under way was tried too, and refused as well (${newKeyFailure.code}): if you uploaded it to the app, check that it is the one OrgKey shows now; otherwise the current certificate is the one to check.`,
    );
  }
  const expiry = certificateNotice(certificate, now);
  if (expiry?.code === 'CERTIFICATE_EXPIRED') hints.push(expiry.message);
  return hints;
}

export function createLoginAttempts(ports: CorePorts): LoginAttempts {
  const { settings, clock } = ports;
  const orgSecrets = orgSecretsOf(ports);
  const logger = ports.logger ?? silentLogger;
  const gateway = gatewayOf(ports);
  const running = new Map<string, AbortController>();
  const written = new WeakSet<DeferredSettle>();
  /** Each org's login method as its last reservation in this process found it. */
  const methodSeen = new Map<string, AuthMethod>();

  /**
   * Check the lockout guard and record the login about to be sent, in one step under the settings
   * lock, so other processes see it at once. Throws LOCKOUT_GUARD (or ORG_NOT_FOUND) instead.
   */
  function reserve(id: string, attemptId: string, confirmRetry: boolean, alongside?: DeferredSettle): { record: OrgRecord; preferences: Preferences } {
    let result: ReturnType<typeof reserveLogin> | undefined;
    const { preferences } = settings.update((current) => {
      result = reserveLogin(alongside ? alongside.apply(current) : current, { orgId: id, attemptId, now: clock.now(), confirmRetry });
      return result.doc;
    });
    // On disk, whatever this login's guard says below.
    if (alongside) written.add(alongside);
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

  /**
   * Read the secrets (the given ones first; the org's item from `early` when it was read already)
   * and log in once; the outcome, diagnosed, not recorded.
   */
  async function attempt(
    id: string,
    record: OrgRecord,
    preferences: Preferences,
    signal: AbortSignal,
    options: LoginOptions,
    early?: Promise<SecretValues>,
  ): Promise<{ outcome: TestOutcome; session?: Session; readings?: UserReadings; ended?: Promise<void> }> {
    const method = loginMethodOf(record);
    const via = method.via(record);
    const given = options.secrets;
    const wanted = method.secrets.filter(
      (kind) =>
        !(kind === 'password' && given?.password !== undefined) &&
        !(kind === 'token' && given?.token !== undefined) &&
        // A password org keeps a consumer secret only for the OAuth username-password flow.
        (kind !== 'clientSecret' || !!record.clientId) &&
        // A JWT org rotating its key: the new key, tried when Salesforce refuses the current one.
        (kind !== 'pendingPrivateKey' || !!record.pendingCertificate),
    );
    // One keychain read for the login secrets (they share the org's entry), one per private key.
    const stored = early ? await withOwnItems(id, wanted, early) : await orgSecrets.read(id, wanted);
    const password = given?.password ?? stored.password ?? null;
    const token = given?.token ?? stored.token ?? null;
    const clientSecret = stored.clientSecret ?? null;
    const refreshToken = stored.refreshToken ?? null;
    const storedKey = stored.privateKey ?? null;
    const storedPendingKey = stored.pendingPrivateKey ?? null;
    let privateKey = storedKey;
    let pendingKey = storedPendingKey;
    let certificate = record.certificate;
    if (pendingKey && (!privateKey || privateKey === pendingKey)) {
      // No current key, or a promotion stopped halfway (the new key already written over the old):
      // the new key is the only one left, so it signs, and a success promotes it as usual.
      privateKey = pendingKey;
      if (storedKey === pendingKey) {
        certificate = (await promotePendingKey(ports, id, pendingKey)) ?? certificate;
        pendingKey = null;
      }
    }
    const usedToken = !!token;
    const started = clock.now();
    const outcomeBase = { testedAt: started.toISOString(), via, usedToken };

    const grant = grantOf(record, { password, token, clientSecret, refreshToken, privateKey }, started, (rotated) => orgSecrets.write(id, { refreshToken: rotated }));
    // No login was tried, so nothing counts toward lockout; the result is kept like any other.
    if ('missing' in grant) return { outcome: { ...outcomeBase, ok: false, latencyMs: 0, warnings: [], failure: grant.missing } };
    // A signed assertion is a bearer credential until it expires: the log must not show it either.
    if (grant.request.jwt) ports.redactor?.add(grant.request.jwt.assertion);

    // Which stored token this login used; a proof's token gets its date once it is stored.
    const loginBase = { ...outcomeBase, ...(method.usesPassword && !given?.token && token && record.tokenUpdatedAt ? { tokenAsOf: record.tokenUpdatedAt } : {}) };
    const send = (sent: Extract<Grant, { request: unknown }>): Promise<CheckAnswer | SessionAnswer> => {
      const request = { loginUrl: record.loginUrl, ...sent.request, timeoutMs: preferences.testTimeoutSeconds * 1000, signal };
      // A password org's check also reads when its password expires and how its user is set up.
      return options.session ? gateway.session(request) : gateway.check({ ...request, ...(record.auth === 'password' ? { readPasswordUser: true } : {}) });
    };
    const t0 = performance.now();
    let answer = await send(grant);
    const jwtNotes: Notice[] = [];
    const promote = async (key: string) => {
      const promoted = await promotePendingKey(ports, id, key);
      if (!promoted) return;
      certificate = promoted;
      jwtNotes.push(ROTATED);
    };
    if (answer.ok && pendingKey && privateKey === pendingKey) await promote(pendingKey);
    // A rotation under way: the current key refused, so the admin may have uploaded the new
    // certificate. A login the new key gets through proves it and promotes the key.
    let newKeyFailure: CheckFailure | undefined;
    if (!answer.ok && pendingKey && pendingKey !== privateKey && worthTheNewKey(answer.failure) && !signal.aborted) {
      const retry = grantOf(record, { password, token, clientSecret, refreshToken, privateKey: pendingKey }, clock.now(), async () => {});
      if ('request' in retry) {
        if (retry.request.jwt) ports.redactor?.add(retry.request.jwt.assertion);
        const second = await send(retry);
        if (second.ok) {
          answer = second;
          await promote(pendingKey);
        } else newKeyFailure = second.failure;
      }
    }
    const latencyMs = Math.round(performance.now() - t0);
    if (record.auth === 'jwt' && answer.ok) {
      const expiry = certificateNotice(certificate, clock.now());
      if (expiry) jwtNotes.push(expiry);
    }
    if (answer.ok && 'session' in answer) {
      // The token is a live session: the redactor learns it before anything could log it.
      ports.redactor?.add(answer.session.accessToken);
      logger.info(TAG, `org ${id}: session for a tool in ${latencyMs} ms`);
      return { outcome: { ...loginBase, ok: true, latencyMs, warnings: jwtNotes }, session: answer.session };
    }
    const ended = answer.ok && 'facts' in answer ? answer.ended : undefined;
    const user = answer.ok && answer.facts.passwordUser;
    const readings: UserReadings | undefined = user ? { passwordPolicy: passwordPolicyReading(user, clock.now()), integrationChecklist: integrationUserReading(user, clock.now()) } : undefined;
    const expiry = passwordExpiryNotice(readings?.passwordPolicy, clock.now());
    const outcome: TestOutcome = answer.ok
      ? { ...loginBase, ok: true, latencyMs, facts: summary(answer.facts), warnings: [...sanityWarnings(record, answer.facts, usedToken || !method.usesPassword), ...jwtNotes, ...(expiry ? [expiry] : [])] }
      : {
          ...loginBase,
          ok: false,
          latencyMs,
          warnings: [],
          failure: describeFailure(answer.failure, {
            via,
            usedToken,
            loginUrl: record.loginUrl,
            passwordUpdatedAt: record.passwordUpdatedAt,
            ...(record.tokenUpdatedAt ? { tokenUpdatedAt: record.tokenUpdatedAt } : {}),
            consecutiveFailures: record.consecutiveFailures + 1,
            sentClientSecret: !!clientSecret,
            timeoutSeconds: preferences.testTimeoutSeconds,
            now: clock.now(),
            sandbox: expectedSandbox(record) === true || !!record.lastTest?.facts?.isSandbox || !!record.sandboxRefresh,
          }),
        };
    if (!outcome.ok && record.auth === 'jwt') outcome.failure!.hints.push(...certificateHints(certificate, newKeyFailure, clock.now()));
    logger.info(TAG, `org ${id}: ${outcome.ok ? 'ok' : outcome.failure?.code} in ${outcome.latencyMs} ms`);
    return { outcome, ...(readings ? { readings } : {}), ...(ended ? { ended } : {}) };
  }

  /** The kinds wanted: the org's item as read early, and the keys in items of their own read now. */
  async function withOwnItems(id: string, wanted: readonly SecretKind[], early: Promise<SecretValues>): Promise<SecretValues> {
    const own = wanted.filter(isOwnItemKind);
    const [item, keys] = await Promise.all([early, own.length ? orgSecrets.read(id, own) : {}]);
    const values: SecretValues = { ...keys };
    for (const kind of wanted) if (!isOwnItemKind(kind) && item[kind]) values[kind] = item[kind];
    return values;
  }

  async function login(id: string, options: LoginOptions = {}): Promise<OpenLogin> {
    if (running.has(id)) throw new OrgKeyError('TEST_RUNNING');
    // The org's keychain item is asked for first: the keychain answers while the reservation below
    // is written (a synchronous write, the process does nothing else meanwhile), so the read is off
    // the login's path. Proofs bring their own password and token and read only what they need, later.
    // (A JWT org's login needs only its key, in an item of its own: its item is not read early
    // once this process has seen the org is one.)
    const early = options.secrets || methodSeen.get(id) === 'jwt' ? undefined : orgSecrets.read(id, ORG_ITEM_KINDS);
    // A reservation refused below leaves the read unawaited: its failure is nobody's to report.
    early?.catch(() => undefined);
    // In a fresh process (`orgkey test`), loading jsforce takes longer than the keychain's first
    // answer: started now, the two overlap instead of following each other.
    gateway.prepare?.();
    // Everything up to the login's first await is synchronous: no other login of this org can slip
    // in between the guard's check and `running`, in this process or (through the lock) any other.
    const attemptId = randomUUID();
    const { record, preferences } = reserve(id, attemptId, !!options.confirmRetry, options.alongside);
    methodSeen.set(id, record.auth);
    const controller = new AbortController();
    running.set(id, controller);
    const forward = () => controller.abort();
    if (options.signal?.aborted) controller.abort();
    options.signal?.addEventListener('abort', forward, { once: true });

    let open = true;
    /** What the one write after the login changes. The org may have been removed meanwhile; then only the attempt goes. */
    const closeAs = (verdict: LoginVerdict, change?: (record: OrgRecord) => OrgRecord) => {
      // Closed first: if the write fails, the attempt is left to lapse as a failure (the safe side)
      // rather than be released as if the login had said nothing.
      open = false;
      running.delete(id);
      options.signal?.removeEventListener('abort', forward);
      // A sandbox refresh this login noticed marks the other records of the same old org in the same write.
      return (doc: SettingsDoc) => markSameOrg(settleLogin(doc, { orgId: id, attemptId, verdict }, change), id);
    };
    const settleAs = (verdict: LoginVerdict, change?: (record: OrgRecord) => OrgRecord) => void settings.update(closeAs(verdict, change));
    const release = () => {
      if (!open) return;
      try {
        settleAs('not-counted');
      } catch (error) {
        logger.warn(TAG, `org ${id}: could not release the login attempt (${(error as Error).message}); it lapses after the test timeout`);
      }
    };

    let outcome: TestOutcome;
    let session: Session | undefined;
    let readings: UserReadings | undefined;
    let ended: Promise<void> | undefined;
    try {
      ({ outcome, session, readings, ended } = await attempt(id, record, preferences, controller.signal, options, early));
    } catch (error) {
      // The keychain failed: no verdict on the password, but the attempt must not hold the guard.
      release();
      throw error;
    }
    /** Close the login; the change its settle write makes. */
    const closing = (change?: (record: OrgRecord) => OrgRecord) => {
      if (!open) throw new Error(`${TAG} a login is settled once`);
      // What the login read about the user is a fact of the org whatever the caller keeps of the outcome.
      const keep = readings
        ? (current: OrgRecord) => {
            const next = change ? change(current) : current;
            // An edit may have switched the org off password login meanwhile.
            return byCurrentMethod(current, outcome) ? { ...next, ...readings } : next;
          }
        : change;
      return closeAs(verdictOf(outcome, record), outcome.failure?.code === 'CANCELLED' ? undefined : keep);
    };
    return {
      outcome,
      ...(session ? { session } : {}),
      ended: ended ?? Promise.resolve(),
      settle(change) {
        settings.update(closing(change));
      },
      defer(change) {
        const apply = closing(change);
        return {
          apply,
          get written() {
            return written.has(this);
          },
        };
      },
      release,
    };
  }

  return {
    login,
    cancel(id) {
      const controller = running.get(id);
      controller?.abort();
      return !!controller;
    },
    commit(settle) {
      if (written.has(settle)) return;
      settings.update(settle.apply);
      written.add(settle);
    },
  };
}
