/**
 * The SOQL a login check, a login audit and a password-expiry forecast need:
 * `SELECT f1, f2 FROM Organization|User|LoginHistory|UserPermissionAccess [WHERE cond AND cond …]
 * [ORDER BY Field [ASC|DESC]] [LIMIT n]`, each condition `Field op value` with `=`, `!=`, `<`,
 * `<=`, `>`, `>=` or `IN (…)`, values quoted text, `true`/`false`/`null`, datetime literals
 * (`2024-05-01T00:00:00Z`) and `LAST_N_DAYS:n` (SOQL and SOSL Reference, "Date Formats and Date
 * Literals"). Answers in the REST query envelope (REST API Developer Guide, "Query"); rows are
 * produced lazily, so a query over months of login history pages through it without copying it.
 * Text compares without regard to case, ids in their 15- or 18-character form alike.
 */
import { canonicalId, to18 } from './ids';
import { type LoginHistoryLog, type LoginRow } from './login-history';
import { type OrgRecord, type UserRecord } from './model';

type FieldValue = string | number | boolean | null;
type FieldType = 'id' | 'text' | 'datetime' | 'boolean';

interface FieldDef<Row> {
  type: FieldType;
  get(row: Row): FieldValue;
  /** Whether WHERE may use it; LoginHistory lets few of its fields be filtered. Default true. */
  filterable?: boolean;
}

/** One object's rows for one query: filters are applied while reading, never to a copy. */
interface SObjectTable<Row> {
  name: string;
  /** Field definitions keyed by the field's canonical name. */
  fields: Record<string, FieldDef<Row>>;
  /** The rows matching `conditions`, in `order`, lazily. */
  scan(conditions: Condition[], order: Order | null): Iterable<Row>;
  /** Fields ORDER BY may name (all when absent). */
  orderable?: string[];
  /** Parent relationships SELECT may follow (`Profile.Name`), keyed by relationship name. */
  relationships?: Record<string, Relationship<Row>>;
}

/** A lookup to a parent record: its type, its id, and the parent's fields a query may read. */
interface Relationship<Row> {
  type: string;
  id(row: Row): string | null;
  fields: Record<string, FieldDef<Row>>;
}

/** A REST error; the REST API sends them as a one-element array. */
export interface QueryError {
  status: number;
  errorCode: string;
  message: string;
}

/** A query's answer before paging: how many rows, and the records one by one. */
export interface QueryPlan {
  totalSize: number;
  records: Iterator<Record<string, unknown>>;
}

/** Who asks, and what they may read. */
export interface QueryContext {
  org: OrgRecord;
  users: UserRecord[];
  history: LoginHistoryLog;
  /** The asking user: LoginHistory shows only their own rows unless they may read everyone's. */
  user: UserRecord;
  apiVersion: string;
  now: number;
}

type Comparison = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'IN' | 'NOT IN';

interface Condition {
  field: string;
  op: Comparison;
  /** The literal(s) as parsed: text, number (a datetime as ms), boolean or null. */
  values: FieldValue[];
  /** Whether the literal was a datetime (or date literal), to check against the field's type. */
  kinds: LiteralKind[];
}

type LiteralKind = 'text' | 'datetime' | 'boolean' | 'null' | 'number';

interface Order {
  field: string;
  descending: boolean;
}

const QUERY_PATTERN =
  /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?(?:\s+ORDER\s+BY\s+([\w.]+)(?:\s+(ASC|DESC))?(?:\s+NULLS\s+(?:FIRST|LAST))?)?(?:\s+LIMIT\s+(\d+))?\s*$/is;

/** Every user may read their own LoginHistory from API 37.0 (object reference, "LoginHistory", Special Access Rules). */
const OWN_LOGIN_HISTORY_SINCE = 37;

interface ParsedQuery {
  names: string[];
  conditions: Condition[];
  order: Order | null;
  limit: number;
}

/** Runs `soql` as `context.user` against that user's org. */
export function runQuery(soql: string, context: QueryContext): QueryPlan | QueryError {
  const match = QUERY_PATTERN.exec(soql);
  const [, fieldList, objectName, whereText, orderField, direction, limitText] = match ?? [];
  if (!match || !fieldList || !objectName) return malformed(soql);
  const conditions = whereText === undefined ? [] : parseConditions(whereText, context.now);
  if ('errorCode' in conditions) return conditions;
  const query: ParsedQuery = {
    names: fieldList.split(',').map((name) => name.trim()),
    conditions,
    order: orderField === undefined ? null : { field: orderField, descending: direction?.toUpperCase() === 'DESC' },
    limit: limitText === undefined ? Infinity : Number(limitText),
  };
  switch (objectName.toLowerCase()) {
    case 'organization':
      return plan(arrayTable('Organization', organizationFields(), [context.org]), query, context.apiVersion);
    case 'user':
      return plan({ ...arrayTable('User', userFields(), context.users), relationships: userRelationships() }, query, context.apiVersion);
    case 'userpermissionaccess':
      return plan(arrayTable('UserPermissionAccess', userPermissionAccessFields(context.now), [context.user]), query, context.apiVersion);
    case 'loginhistory': {
      const table = loginHistoryTable(context);
      return table ? plan(table, query, context.apiVersion) : invalidType(objectName);
    }
    default:
      return invalidType(objectName);
  }
}

/** Checks the query against the table, counts its rows, and reads them lazily. */
function plan<Row>(table: SObjectTable<Row>, query: ParsedQuery, apiVersion: string): QueryPlan | QueryError {
  const problem = checkFields(table, query.names, query.conditions, query.order);
  if (problem) return problem;
  const order = query.order && { ...query.order, field: canonicalField(table, query.order.field) ?? query.order.field };
  const conditions = query.conditions.map((condition) => ({ ...condition, field: canonicalField(table, condition.field) ?? condition.field }));
  let totalSize = 0;
  for (const _row of table.scan(conditions, order)) {
    if (totalSize >= query.limit) break;
    totalSize += 1;
  }
  return { totalSize, records: recordsOf(table, table.scan(conditions, order), query.names, query.limit, apiVersion) };
}

function* recordsOf<Row>(table: SObjectTable<Row>, rows: Iterable<Row>, names: string[], limit: number, apiVersion: string): Generator<Record<string, unknown>> {
  let served = 0;
  for (const row of rows) {
    if (served >= limit) return;
    served += 1;
    yield toRecord(table, row, names, apiVersion);
  }
}

function organizationFields(): Record<string, FieldDef<OrgRecord>> {
  return {
    Id: { type: 'id', get: (o) => to18(o.id) },
    Name: { type: 'text', get: (o) => o.name },
    OrganizationType: { type: 'text', get: (o) => o.organizationType },
    IsSandbox: { type: 'boolean', get: (o) => o.sandbox },
    InstanceName: { type: 'text', get: (o) => o.instanceName },
    // sfdx-core reads these two to tell scratch orgs from sandboxes.
    NamespacePrefix: { type: 'text', get: () => null },
    TrialExpirationDate: { type: 'datetime', get: () => null },
  };
}

function userFields(): Record<string, FieldDef<UserRecord>> {
  return {
    Id: { type: 'id', get: (u) => to18(u.id) },
    Username: { type: 'text', get: (u) => u.username },
    Name: { type: 'text', get: (u) => `${u.firstName} ${u.lastName}` },
    FirstName: { type: 'text', get: (u) => u.firstName },
    LastName: { type: 'text', get: (u) => u.lastName },
    Email: { type: 'text', get: (u) => u.email },
    IsActive: { type: 'boolean', get: () => true },
    ProfileId: { type: 'id', get: (u) => to18(u.profileId) },
    LastPasswordChangeDate: { type: 'datetime', get: (u) => u.passwordChangedAt },
  };
}

function userRelationships(): Record<string, Relationship<UserRecord>> {
  return {
    Profile: {
      type: 'Profile',
      id: (u) => to18(u.profileId),
      fields: { Id: { type: 'id', get: (u) => to18(u.profileId) }, Name: { type: 'text', get: (u) => u.profileName } },
    },
  };
}

/**
 * UserPermissionAccess: one row, the asking user's effective user permissions from their profile
 * and permission sets together (object reference, "UserPermissionAccess"). The API names
 * `PermissionsUseAnyApiAuth` ("Use Any API Auth") and `PermissionsTwoFactorApi` ("Multi-Factor
 * Authentication for API Logins") are those of PermissionSet and Profile; that UserPermissionAccess
 * carries them too is UNCONFIRMED. Its `Id` is a placeholder of zeros (UNCONFIRMED).
 */
function userPermissionAccessFields(now: number): Record<string, FieldDef<UserRecord>> {
  const permission = (get: (u: UserRecord) => boolean | undefined): FieldDef<UserRecord> => ({ type: 'boolean', get: (u) => get(u) ?? false });
  return {
    Id: { type: 'id', get: () => '000000000000000AAA' },
    LastCacheUpdate: { type: 'datetime', get: () => now },
    PermissionsApiEnabled: permission((u) => u.apiEnabled),
    PermissionsApiUserOnly: permission((u) => u.apiOnly),
    PermissionsPasswordNeverExpires: permission((u) => u.passwordNeverExpires),
    PermissionsUseAnyApiAuth: permission((u) => u.useAnyApiAuth),
    PermissionsTwoFactorApi: permission((u) => u.mfaForApi),
    PermissionsViewSetup: permission((u) => u.viewSetup),
    PermissionsManageUsers: permission((u) => u.manageUsers),
    PermissionsMonitorLoginHistory: permission((u) => u.monitorLoginHistory),
    PermissionsModifyAllData: permission((u) => u.modifyAllData),
    PermissionsModifyMetadata: permission((u) => u.modifyAllData),
  };
}

/** A small object held in memory: filtered and sorted in full, then read. */
function arrayTable<Row>(name: string, fields: Record<string, FieldDef<Row>>, rows: Row[]): SObjectTable<Row> {
  return {
    name,
    fields,
    scan(conditions, order) {
      const matching = rows.filter((row) => conditions.every((condition) => holds(fields, row, condition)));
      if (order) {
        const field = fields[order.field];
        matching.sort((a, b) => compareValues(field?.get(a) ?? null, field?.get(b) ?? null) * (order.descending ? -1 : 1));
      }
      return matching;
    },
  };
}

/**
 * LoginHistory of the asking user's org. Readable in full with "Manage Users" or "Monitor Login
 * History"; without them, from API 37.0, only the user's own rows (the documented exception; that
 * a query for everyone's rows then answers just the user's own rather than an error is
 * UNCONFIRMED), and before 37.0 not at all (answered as an object the user cannot see).
 */
function loginHistoryTable(context: QueryContext): SObjectTable<number> | null {
  const { history, org, user } = context;
  const seesEveryone = (user.manageUsers ?? false) || (user.monitorLoginHistory ?? false);
  if (!seesEveryone && Number(context.apiVersion) < OWN_LOGIN_HISTORY_SINCE) return null;
  // Field getters read one row at a time; the row is built once and reused for its fields.
  let cachedIndex = -1;
  let cached: LoginRow | null = null;
  const row = (index: number): LoginRow => {
    if (index !== cachedIndex || cached === null) {
      cached = history.row(index);
      cachedIndex = index;
    }
    return cached;
  };
  const text = (get: (r: LoginRow) => string | null, filterable = false): FieldDef<number> => ({ type: 'text', get: (i) => get(row(i)), filterable });
  const fields: Record<string, FieldDef<number>> = {
    Id: { type: 'id', get: (i) => row(i).id, filterable: true },
    UserId: { type: 'id', get: (i) => idOrNull(history.ownerAt(i).userId), filterable: true },
    LoginTime: { type: 'datetime', get: (i) => history.timeAt(i), filterable: true },
    LoginType: text((r) => r.loginType, true),
    // Filterable like LoginType, its sibling picklist (UNCONFIRMED: the reference lists no properties for it).
    LoginSubType: text((r) => r.loginSubType, true),
    LoginUrl: text((r) => r.loginUrl, true),
    Application: text((r) => r.application),
    ApiType: text((r) => r.apiType),
    ApiVersion: text((r) => r.apiVersion ?? 'N/A'),
    Status: text((r) => r.status),
    SourceIp: text((r) => r.sourceIp),
    Platform: text((r) => r.platform),
    Browser: text((r) => r.browser),
    ClientVersion: text(() => 'N/A'),
    AuthenticationServiceId: { type: 'id', get: () => null, filterable: true },
    AuthMethodReference: text(() => null, true),
    CountryIso: text(() => null, true),
    LoginGeoId: { type: 'id', get: () => null },
    NetworkId: { type: 'id', get: () => null, filterable: true },
    TlsProtocol: text(() => 'TLS 1.3', true),
    CipherSuite: text(() => 'TLS_AES_256_GCM_SHA384', true),
  };
  return {
    name: 'LoginHistory',
    fields,
    orderable: ['LoginTime'],
    scan: (conditions, order) => scanLoginHistory(history, fields, conditions, order, org.id, seesEveryone ? null : user.id),
  };
}

/** Rows of `orgId` (and of `onlyUser`, when set) in login-time order, `LoginTime` bounds found by binary search. */
function* scanLoginHistory(history: LoginHistoryLog, fields: Record<string, FieldDef<number>>, conditions: Condition[], order: Order | null, orgId: string, onlyUser: string | null): Generator<number> {
  let start = 0;
  let end = history.length;
  const others: Condition[] = [];
  for (const condition of conditions) {
    const [value] = condition.values;
    if (condition.field !== 'LoginTime' || typeof value !== 'number') {
      others.push(condition);
      continue;
    }
    if (condition.op === '>=') start = Math.max(start, history.firstAtOrAfter(value));
    else if (condition.op === '>') start = Math.max(start, history.firstAtOrAfter(value + 1));
    else if (condition.op === '<') end = Math.min(end, history.firstAtOrAfter(value));
    else if (condition.op === '<=') end = Math.min(end, history.firstAtOrAfter(value + 1));
    else others.push(condition);
  }
  const descending = order?.descending ?? false;
  for (let step = 0; step < end - start; step += 1) {
    const index = descending ? end - 1 - step : start + step;
    const owner = history.ownerAt(index);
    // An attempt with an unknown username has no UserId, so it is no LoginHistory record.
    if (owner.orgId !== orgId || owner.userId === null || (onlyUser !== null && owner.userId !== onlyUser)) continue;
    if (others.every((condition) => holds(fields, index, condition))) yield index;
  }
}

function idOrNull(id: string | null): string | null {
  return id === null ? null : to18(id);
}

/** Splits a WHERE clause on top-level `AND`s and parses each comparison; `OR` and `NOT` are not served. */
function parseConditions(text: string, now: number): Condition[] | QueryError {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (char === "'" && text.charAt(i - 1) !== '\\') quoted = !quoted;
    if (!quoted && char === '(') depth += 1;
    if (!quoted && char === ')') depth -= 1;
    if (!quoted && depth === 0 && /^\s+AND\s+/i.test(text.slice(i)) && /\s/.test(char)) {
      const and = /^\s+AND\s+/i.exec(text.slice(i))?.[0] ?? '';
      parts.push(current);
      current = '';
      i += and.length - 1;
      continue;
    }
    current += char;
  }
  parts.push(current);
  const conditions: Condition[] = [];
  for (const part of parts) {
    const condition = parseCondition(part.trim(), now);
    if (!condition) return malformed(text);
    conditions.push(condition);
  }
  return conditions;
}

const CONDITION_PATTERN = /^([\w.]+)\s*(=|!=|<>|<=|>=|<|>|\s+NOT\s+IN\s+|\s+IN\s+)\s*(.+)$/is;

function parseCondition(text: string, now: number): Condition | null {
  const match = CONDITION_PATTERN.exec(text);
  const [, field, rawOp, rawValue] = match ?? [];
  if (!field || !rawOp || rawValue === undefined) return null;
  const op = rawOp.trim().toUpperCase().replace(/\s+/g, ' ').replace('<>', '!=') as Comparison;
  if (op === 'IN' || op === 'NOT IN') {
    const list = /^\((.*)\)$/s.exec(rawValue.trim())?.[1];
    if (list === undefined) return null;
    const literals = splitList(list).map((item) => parseLiteral(item, now));
    if (literals.some((literal) => literal === null)) return null;
    const parsed = literals as { value: FieldValue; kind: LiteralKind }[];
    return { field, op, values: parsed.map((l) => l.value), kinds: parsed.map((l) => l.kind) };
  }
  const literal = parseLiteral(rawValue.trim(), now);
  return literal && { field, op, values: [literal.value], kinds: [literal.kind] };
}

function splitList(list: string): string[] {
  const items = list.match(/'(?:[^'\\]|\\.)*'|[^,\s][^,]*/g) ?? [];
  return items.map((item) => item.trim());
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/;
const DAY_MS = 86_400_000;

function parseLiteral(text: string, now: number): { value: FieldValue; kind: LiteralKind } | null {
  if (/^'(?:[^'\\]|\\.)*'$/s.test(text)) return { value: text.slice(1, -1).replace(/\\(.)/g, '$1'), kind: 'text' };
  if (/^(true|false)$/i.test(text)) return { value: text.toLowerCase() === 'true', kind: 'boolean' };
  if (/^null$/i.test(text)) return { value: null, kind: 'null' };
  if (DATETIME.test(text)) {
    const ms = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return Number.isNaN(ms) ? null : { value: ms, kind: 'datetime' };
  }
  // Date literals count from midnight UTC (Salesforce uses the user's time zone; the fake org's users are on UTC).
  const lastDays = /^LAST_N_DAYS:(\d+)$/i.exec(text);
  if (lastDays?.[1]) return { value: Math.floor(now / DAY_MS) * DAY_MS - Number(lastDays[1]) * DAY_MS, kind: 'datetime' };
  if (/^TODAY$/i.test(text)) return { value: Math.floor(now / DAY_MS) * DAY_MS, kind: 'datetime' };
  if (/^-?\d+(\.\d+)?$/.test(text)) return { value: Number(text), kind: 'number' };
  return null;
}

function checkFields<Row>(table: SObjectTable<Row>, names: string[], conditions: Condition[], order: Order | null): QueryError | null {
  for (const name of names) {
    const path = relationshipPath(table, name);
    if (path === null) return unknownRelationship(name);
    if (path === undefined && canonicalField(table, name) === undefined) return invalidField(table, name);
    if (path && path.field === undefined) return invalidField({ name: path.relationship.type, fields: path.relationship.fields }, name.split('.')[1] ?? name);
  }
  // Relationship paths are served in the SELECT list only (a limit of the fake org).
  for (const name of [...conditions.map((c) => c.field), ...(order ? [order.field] : [])]) {
    if (name.includes('.')) return unknownRelationship(name);
    if (canonicalField(table, name) === undefined) return invalidField(table, name);
  }
  for (const condition of conditions) {
    const field = table.fields[canonicalField(table, condition.field) ?? ''];
    if (field?.filterable === false) {
      // UNCONFIRMED wording; the code is what SOQL answers for a field without the Filter property.
      return { status: 400, errorCode: 'INVALID_FIELD', message: `field '${condition.field}' can not be filtered in a query call` };
    }
    if (field?.type === 'datetime' && condition.kinds.some((kind) => kind !== 'datetime' && kind !== 'null')) {
      return { status: 400, errorCode: 'INVALID_FIELD', message: `value of filter criterion for field '${condition.field}' must be of type dateTime and should not be enclosed in quotes` };
    }
  }
  if (order && table.orderable && !table.orderable.includes(canonicalField(table, order.field) ?? '')) {
    // A limit of the fake org, not of Salesforce: months of history are read in login-time order only.
    return { status: 400, errorCode: 'MALFORMED_QUERY', message: `The fake org orders ${table.name} by ${table.orderable.join(', ')} only` };
  }
  return null;
}

/**
 * `Relationship.Field` on `table`: undefined when `name` is no path, null when the relationship is
 * unknown, else the relationship with the parent field's canonical name (undefined if unknown).
 */
function relationshipPath<Row>(table: SObjectTable<Row>, name: string): { name: string; relationship: Relationship<Row>; field: string | undefined } | null | undefined {
  const [relationshipName, fieldName, ...rest] = name.split('.');
  if (fieldName === undefined || relationshipName === undefined) return undefined;
  const key = Object.keys(table.relationships ?? {}).find((candidate) => candidate.toLowerCase() === relationshipName.toLowerCase());
  const relationship = key === undefined ? undefined : table.relationships?.[key];
  if (key === undefined || !relationship || rest.length > 0) return null;
  return { name: key, relationship, field: Object.keys(relationship.fields).find((field) => field.toLowerCase() === fieldName.toLowerCase()) };
}

function canonicalField<Row>(table: Pick<SObjectTable<Row>, 'fields'>, name: string): string | undefined {
  return Object.keys(table.fields).find((field) => field.toLowerCase() === name.toLowerCase());
}

function holds<Row>(fields: Record<string, FieldDef<Row>>, row: Row, condition: Condition): boolean {
  const field = fields[condition.field];
  if (!field) return false;
  const actual = field.get(row);
  const matchesAny = () => condition.values.some((value) => equalValues(field.type, actual, value));
  const [value = null] = condition.values;
  switch (condition.op) {
    case '=':
      return equalValues(field.type, actual, value);
    case '!=':
      return !equalValues(field.type, actual, value);
    case 'IN':
      return matchesAny();
    case 'NOT IN':
      return !matchesAny();
    default: {
      if (actual === null || value === null) return false;
      const sign = compareValues(actual, value);
      return condition.op === '<' ? sign < 0 : condition.op === '<=' ? sign <= 0 : condition.op === '>' ? sign > 0 : sign >= 0;
    }
  }
}

function equalValues(type: FieldType, actual: FieldValue, expected: FieldValue): boolean {
  if (actual === null || expected === null) return actual === expected;
  if (type === 'id') return canonicalId(String(actual)) !== null && canonicalId(String(actual)) === canonicalId(String(expected));
  if (typeof actual === 'string' || typeof expected === 'string') return String(actual).toLowerCase() === String(expected).toLowerCase();
  return actual === expected;
}

function compareValues(a: FieldValue, b: FieldValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).toLowerCase() < String(b).toLowerCase() ? -1 : 1;
}

/** A datetime as the REST API writes it: `2024-05-01T09:30:00.000+0000`. */
function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

function toRecord<Row>(table: SObjectTable<Row>, row: Row, names: string[], apiVersion: string): Record<string, unknown> {
  const id = table.fields.Id?.get(row) ?? null;
  const record: Record<string, unknown> = { attributes: { type: table.name, url: `/services/data/v${apiVersion}/sobjects/${table.name}/${String(id)}` } };
  for (const name of names) {
    const path = relationshipPath(table, name);
    if (path?.field !== undefined) {
      // A parent's fields come nested under the relationship's name, with the parent's attributes; no parent is null.
      const parentId = path.relationship.id(row);
      const parent = (record[path.name] ??= parentId === null ? null : { attributes: { type: path.relationship.type, url: `/services/data/v${apiVersion}/sobjects/${path.relationship.type}/${parentId}` } }) as Record<string, unknown> | null;
      if (parent) parent[path.field] = path.relationship.fields[path.field]?.get(row) ?? null;
      continue;
    }
    const canonical = canonicalField(table, name) ?? name;
    const field = table.fields[canonical];
    const value = field?.get(row) ?? null;
    record[canonical] = field?.type === 'datetime' && typeof value === 'number' ? formatDateTime(value) : value;
  }
  return record;
}

function malformed(soql: string): QueryError {
  return { status: 400, errorCode: 'MALFORMED_QUERY', message: `unexpected token in query: ${soql}` };
}

function invalidType(objectName: string): QueryError {
  return {
    status: 400,
    errorCode: 'INVALID_TYPE',
    message: `sObject type '${objectName}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  };
}

/**
 * Relationship paths such as `User.Username` on LoginHistory: refused, so an audit that works here
 * reads user names with a query of its own (UNCONFIRMED whether Salesforce serves that path;
 * e2e/fake-org/README.md, "Login history rows").
 */
function unknownRelationship(path: string): QueryError {
  const relationship = path.split('.')[0] ?? path;
  return {
    status: 400,
    errorCode: 'INVALID_FIELD',
    message: `Didn't understand relationship '${relationship}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
  };
}

function invalidField<Row>(table: Pick<SObjectTable<Row>, 'name' | 'fields'>, name: string): QueryError {
  return {
    status: 400,
    errorCode: 'INVALID_FIELD',
    message: `No such column '${name}' on entity '${table.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  };
}
