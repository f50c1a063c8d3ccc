/**
 * A scripted `SalesforceGateway` for unit tests of the rules above it (the lockout guard, token
 * proofs, the words of a diagnosis). It speaks only the port's own types: a check's facts or its
 * classified failure, never Salesforce's wire answers or jsforce's errors (those meet real jsforce
 * and the fake org in the integration tests). Every call is recorded; answers are used in order.
 */
import type { TestFailureCode } from '../../shared/domain';
import type { CheckAnswer, CheckFailure, CodeExchange, LoginRequest, OrgFacts, QueryAnswer, QueryRequest, SalesforceGateway, Session, SessionAnswer, SignInGrant } from '../../electron/core/ports';

/** One scripted answer to a check: an answer, a fault the gateway throws, or a function of the request. */
export type Script = CheckAnswer | Error | ((request: LoginRequest) => CheckAnswer | Promise<CheckAnswer>);

/** A good check's facts, as the gateway reports them; `overrides` for the ones a test is about. */
export function orgFacts(overrides: Partial<OrgFacts> = {}): OrgFacts {
  return {
    orgId: '00D000000000001EAA',
    orgName: 'Acme',
    edition: 'Enterprise Edition',
    isSandbox: false,
    instanceName: 'NA1',
    instanceUrl: 'https://acme.my.salesforce.com',
    userId: '005000000000001AAA',
    userName: 'admin@acme.com',
    userFullName: 'Ada Admin',
    apiRequestsRemaining: 14_990,
    apiRequestsMax: 15_000,
    via: 'soap',
    ...overrides,
  };
}

export const succeeds = (facts: Partial<OrgFacts> = {}): CheckAnswer => ({ ok: true, facts: orgFacts(facts) });

export const fails = (code: TestFailureCode, details: Omit<CheckFailure, 'code'> = {}): CheckAnswer => ({ ok: false, failure: { code, ...details } });

/**
 * An answer held back until the test gives it: a login in flight. Like the real gateway, it answers
 * CANCELLED as soon as the request's signal aborts.
 */
export function held(): { script: Script; sent: Promise<LoginRequest>; answer(answer: CheckAnswer): void } {
  let give!: (answer: CheckAnswer) => void;
  let sent!: (request: LoginRequest) => void;
  const given = new Promise<CheckAnswer>((resolve) => (give = resolve));
  return {
    sent: new Promise((resolve) => (sent = resolve)),
    answer: (answer) => give(answer),
    script: (request) => {
      sent(request);
      return new Promise((resolve) => {
        if (request.signal?.aborted) return resolve(fails('CANCELLED'));
        request.signal?.addEventListener('abort', () => resolve(fails('CANCELLED')), { once: true });
        void given.then(resolve);
      });
    },
  };
}

export interface ScriptedGateway extends SalesforceGateway {
  /** Every check asked for, in order. */
  readonly checks: LoginRequest[];
  readonly exchanges: CodeExchange[];
  readonly revocations: Array<{ loginUrl: string; clientId: string; token: string }>;
  /** Every query page asked for, in order, and every session ended. */
  readonly queries: QueryRequest[];
  readonly endedSessions: Session[];
  /** Add answers for later checks. */
  script(...answers: Script[]): void;
}

/**
 * A gateway answering checks with `answers`, in order; a check beyond them is a fault that fails
 * the test (an unexpected login). A code exchange answers with the next of `grants`; a revocation
 * is confirmed unless `revoked` is false.
 */
export function scriptedGateway(
  answers: Script[] = [],
  options: { grants?: Array<SignInGrant | Error>; revoked?: boolean; query?: (session: Session, request: QueryRequest) => QueryAnswer | Promise<QueryAnswer> } = {},
): ScriptedGateway {
  const queue = [...answers];
  const grants = [...(options.grants ?? [])];
  const checks: LoginRequest[] = [];
  const exchanges: CodeExchange[] = [];
  const revocations: ScriptedGateway['revocations'] = [];
  const queries: QueryRequest[] = [];
  const endedSessions: Session[] = [];
  async function answer(request: LoginRequest): Promise<CheckAnswer> {
    checks.push(request);
    const next = queue.shift();
    if (next === undefined) throw new Error(`[scripted gateway] no answer scripted for check ${checks.length}`);
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next(request) : next;
  }
  return {
    checks,
    exchanges,
    revocations,
    queries,
    endedSessions,
    script: (...more) => void queue.push(...more),
    check: answer,
    /** A session is a login like a check (same queue, same record); a good answer's facts name it. */
    async session(request): Promise<SessionAnswer> {
      const result = await answer(request);
      if (!result.ok) return result;
      const { instanceUrl, userName, orgId, via } = result.facts;
      return { ok: true, session: { accessToken: `${orgId}!scripted-session-${checks.length}`, instanceUrl, expiresAt: null, userName, userId: result.facts.userId, orgId, via } };
    },
    async exchangeCode(request) {
      exchanges.push(request);
      const next = grants.shift();
      if (next === undefined) throw new Error('[scripted gateway] no sign-in scripted');
      if (next instanceof Error) throw next;
      return next;
    },
    async revokeToken({ loginUrl, clientId, token }) {
      revocations.push({ loginUrl, clientId, token });
      return options.revoked ?? true;
    },
    /** Pages come from `options.query`, a function of the request (e.g. rows held in memory). */
    async query(session, request) {
      queries.push(request);
      if (!options.query) throw new Error('[scripted gateway] no query scripted');
      return options.query(session, request);
    },
    async endSession(session) {
      endedSessions.push(session);
    },
    /** A frontdoor URL on the session's instance, as the UI Bridge API answers (unit tests only). */
    async singleAccess(session, request) {
      const url = new URL('/secur/frontdoor.jsp', session.instanceUrl);
      url.searchParams.set('otp', 'scripted-otp');
      if (request.path !== undefined) url.searchParams.set('startURL', request.path);
      return { ok: true, url: url.toString() };
    },
  };
}
