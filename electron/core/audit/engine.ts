/**
 * One login audit: log in with the org's own method (through the lockout guard, like a test), read
 * `LoginHistory` of the last N days page by page (`query`, then each page's `nextRecordsUrl`; 2,000
 * rows a page), fold every page into groups before asking for the next, read the users' names, and
 * end the session. Memory holds one page and the groups, whatever the number of rows.
 */
import { auditDaysProblem, type LoginAudit } from '../../../shared/login-audit';
import { fieldError, OrgKeyError } from '../errors';
import { findOrgRecord } from '../org-records';
import { silentLogger, type CheckFailure, type CorePorts, type QueryAnswer, type QueryPage, type Session } from '../ports';
import { gatewayOf } from '../connection/jsforce-gateway';
import { recordOutcome, type LoginAttempts } from '../connection/login-attempt';
import { LOGIN_HISTORY_FIELDS, LoginAggregator, type AuditUser } from './aggregate';

const TAG = '[audit]';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Ids per `User WHERE Id IN (…)` query: 200 ids keep the SOQL far below its length limit. */
const USER_IDS_PER_QUERY = 200;

export interface AuditOptions {
  days: number;
  signal?: AbortSignal;
  confirmRetry?: boolean;
  onProgress?: (progress: { rows: number; pages: number }) => void;
}

/** One query page on the audit's session; `cancellable: false` reads it even after a cancel. */
type Read = (request: { soql: string } | { nextRecordsUrl: string }, cancellable?: boolean) => Promise<QueryAnswer>;

/** A Salesforce id, as SOQL may quote it: 15 or 18 letters and digits. */
const SALESFORCE_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

/** SOQL's dateTime literal: no milliseconds, UTC. */
const soqlDateTime = (date: Date) => `${date.toISOString().slice(0, 19)}Z`;

/** Salesforce's refusals of a query on an object the user may not read at all. */
const NOT_READABLE: ReadonlySet<string> = new Set(['INSUFFICIENT_ACCESS', 'INSUFFICIENT_ACCESS_OR_READONLY', 'INVALID_TYPE']);

function queryFailed(failure: CheckFailure, what: string): OrgKeyError {
  return new OrgKeyError('AUDIT_FAILED', {
    ...(what === 'User' ? { message: 'Salesforce did not answer the query for the users’ names, so the audit has no result.' } : {}),
    details: [failure.salesforceCode ? `${failure.code} (Salesforce: ${failure.salesforceCode})` : failure.code],
  });
}

export async function auditOrg(ports: CorePorts, logins: LoginAttempts, id: string, options: AuditOptions): Promise<LoginAudit> {
  const logger = ports.logger ?? silentLogger;
  const problem = auditDaysProblem(options.days);
  if (problem) throw fieldError('days', problem);
  const record = findOrgRecord(ports.settings, id);
  const login = await logins.login(id, { session: true, ...(options.signal ? { signal: options.signal } : {}), ...(options.confirmRetry ? { confirmRetry: true } : {}) });
  try {
    // Counted like any login (a refused password counts toward the guard); not the org's last test.
    login.settle(recordOutcome(login.outcome, { asLastTest: false }));
  } finally {
    login.release();
  }
  const failure = login.outcome.failure;
  if (!login.session) {
    // Cancelled during the login: nothing was read.
    if (failure?.code === 'CANCELLED') return emptyAudit(record.alias, options.days, ports.clock.now());
    throw new OrgKeyError('LOGIN_FAILED', failure ? { message: failure.message, remedy: failure.remedy, details: [failure.code] } : {});
  }
  const session = login.session;
  const gateway = gatewayOf(ports);
  try {
    return await readHistory(ports, session, record.loginUrl, record.alias, options);
  } finally {
    // Nothing lingers: SOAP logout() or the access token revoked, whatever happened.
    await gateway.endSession(session, record.loginUrl);
    logger.info(TAG, `org ${id}: session ended`);
  }
}

function emptyAudit(alias: string, days: number, to: Date): LoginAudit {
  return { alias, days, from: new Date(to.getTime() - days * DAY_MS).toISOString(), to: to.toISOString(), rows: 0, complete: false, scope: 'org', groups: [] };
}

async function readHistory(ports: CorePorts, session: Session, loginUrl: string, alias: string, options: AuditOptions): Promise<LoginAudit> {
  const gateway = gatewayOf(ports);
  const logger = ports.logger ?? silentLogger;
  const timeoutMs = ports.settings.read().preferences.testTimeoutSeconds * 1000;
  const signal = options.signal;
  const to = ports.clock.now();
  const from = new Date(to.getTime() - options.days * DAY_MS);
  const me = session.userId && SALESFORCE_ID.test(session.userId) ? session.userId : null;
  const historySoql = (ownOnly: boolean) =>
    `SELECT ${LOGIN_HISTORY_FIELDS.join(', ')} FROM LoginHistory WHERE ${ownOnly ? `UserId = '${me}' AND ` : ''}LoginTime >= ${soqlDateTime(from)} ORDER BY LoginTime DESC`;
  const read: Read = (request, cancellable = true) => gateway.query(session, { loginUrl, ...request, timeoutMs, ...(signal && cancellable ? { signal } : {}) });
  const cancelled = (failure: CheckFailure) => failure.code === 'CANCELLED' && !!signal?.aborted;

  const aggregator = new LoginAggregator();
  let pages = 0;
  let complete = true;
  let refusedEveryone = false;
  let answer = signal?.aborted ? null : await read({ soql: historySoql(false) });
  if (answer && !answer.ok && me && answer.failure.salesforceCode && NOT_READABLE.has(answer.failure.salesforceCode)) {
    // A user who may not read the whole of LoginHistory can still read their own rows (API 37.0 on).
    refusedEveryone = true;
    answer = await read({ soql: historySoql(true) });
  }
  for (;;) {
    if (answer === null || (!answer.ok && cancelled(answer.failure))) {
      complete = false;
      break;
    }
    if (!answer.ok) throw queryFailed(answer.failure, 'LoginHistory');
    const page: QueryPage = answer.page;
    for (const row of page.records) aggregator.add(row);
    pages += 1;
    options.onProgress?.({ rows: aggregator.rows, pages });
    if (page.nextRecordsUrl === null) break;
    // Cancel takes effect between pages: what was read so far is the result.
    answer = signal?.aborted ? null : await read({ nextRecordsUrl: page.nextRecordsUrl });
  }

  const userIds = aggregator.userIds();
  // Also after a cancel: the rows read so far are the result, and they need their users' names.
  const users = await readUsers((request) => read(request, false), userIds);
  // Salesforce hides other users' rows from a user without "Manage Users" or "Monitor Login
  // History" rather than refusing the query: no one else's row means only the user's own were visible.
  const onlyOwn = userIds.length > 0 && userIds.every((userId) => me !== null && sameId(userId, me));
  const scope = refusedEveryone || onlyOwn ? 'own' : 'org';
  logger.info(TAG, `read ${aggregator.rows} login rows in ${pages} pages (${complete ? 'complete' : 'cancelled'}, scope ${scope})`);
  return {
    alias,
    days: options.days,
    from: from.toISOString(),
    to: to.toISOString(),
    rows: aggregator.rows,
    complete,
    scope,
    groups: aggregator.result(users, to),
  };
}

/** The same record, whether written with 15 or 18 characters. */
const sameId = (a: string, b: string) => a.slice(0, 15) === b.slice(0, 15);

/** The users' usernames and names, a chunk of ids at a time; answered by the 18-character ids the rows carry. */
async function readUsers(read: Read, userIds: string[]): Promise<Map<string, AuditUser>> {
  const users = new Map<string, AuditUser>();
  const quoted = userIds.filter((userId) => SALESFORCE_ID.test(userId));
  for (let start = 0; start < quoted.length; start += USER_IDS_PER_QUERY) {
    const chunk = quoted.slice(start, start + USER_IDS_PER_QUERY);
    let answer = await read({ soql: `SELECT Id, Username, Name FROM User WHERE Id IN (${chunk.map((userId) => `'${userId}'`).join(', ')})` });
    for (;;) {
      if (!answer.ok) throw queryFailed(answer.failure, 'User');
      for (const row of answer.page.records) {
        const userId = typeof row.Id === 'string' ? row.Id : '';
        const user = { username: typeof row.Username === 'string' ? row.Username : '', name: typeof row.Name === 'string' ? row.Name : '' };
        // Rows name users by 18-character ids; a 15-character answer still finds its rows.
        for (const wanted of chunk) if (sameId(wanted, userId)) users.set(wanted, user);
      }
      if (answer.page.nextRecordsUrl === null) break;
      answer = await read({ nextRecordsUrl: answer.page.nextRecordsUrl });
    }
  }
  return users;
}
