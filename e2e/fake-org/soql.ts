/**
 * Just enough SOQL for login checks: `SELECT f1, f2 FROM Organization|User
 * [WHERE Field = 'value' | true | false] [LIMIT n]`, answered in the REST query envelope
 * (REST API Developer Guide, "Query"). Comparisons ignore case, like SOQL's on text fields.
 */
import { to18 } from './ids';
import { type OrgRecord, type UserRecord } from './model';

type FieldValue = string | boolean | null;

interface SObjectTable<Row> {
  name: string;
  /** Field getters keyed by the field's canonical name. */
  fields: Record<string, (row: Row) => FieldValue>;
  rows: Row[];
}

/** A REST error; the REST API sends them as a one-element array. */
export interface QueryError {
  status: number;
  errorCode: string;
  message: string;
}

export interface QueryResult {
  totalSize: number;
  done: true;
  records: Record<string, unknown>[];
}

const QUERY_PATTERN = /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(\w+)\s*=\s*('(?:[^'\\]|\\.)*'|true|false))?(?:\s+LIMIT\s+(\d+))?\s*$/is;

function organizationTable(org: OrgRecord): SObjectTable<OrgRecord> {
  return {
    name: 'Organization',
    fields: {
      Id: (o) => to18(o.id),
      Name: (o) => o.name,
      OrganizationType: (o) => o.organizationType,
      IsSandbox: (o) => o.sandbox,
      InstanceName: (o) => o.instanceName,
      // sfdx-core reads these two to tell scratch orgs from sandboxes.
      NamespacePrefix: () => null,
      TrialExpirationDate: () => null,
    },
    rows: [org],
  };
}

function userTable(users: UserRecord[]): SObjectTable<UserRecord> {
  return {
    name: 'User',
    fields: {
      Id: (u) => to18(u.id),
      Username: (u) => u.username,
      Name: (u) => `${u.firstName} ${u.lastName}`,
      FirstName: (u) => u.firstName,
      LastName: (u) => u.lastName,
      Email: (u) => u.email,
      IsActive: () => true,
      ProfileId: (u) => to18(u.profileId),
    },
    rows: users,
  };
}

/** Runs `soql` against the caller's org and its users. */
export function runQuery(soql: string, org: OrgRecord, users: UserRecord[], apiVersion: string): QueryResult | QueryError {
  const match = QUERY_PATTERN.exec(soql);
  const fieldList = match?.[1];
  const objectName = match?.[2];
  if (!match || !fieldList || !objectName) return { status: 400, errorCode: 'MALFORMED_QUERY', message: `unexpected token in query: ${soql}` };
  const [whereField, whereValue, limit] = [match[3], match[4], match[5]];
  const lower = objectName.toLowerCase();
  if (lower === 'organization') return select(organizationTable(org), fieldList, whereField, whereValue, limit, apiVersion);
  if (lower === 'user') return select(userTable(users), fieldList, whereField, whereValue, limit, apiVersion);
  return {
    status: 400,
    errorCode: 'INVALID_TYPE',
    message: `sObject type '${objectName}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  };
}

function select<Row>(
  table: SObjectTable<Row>,
  fieldList: string,
  whereField: string | undefined,
  whereValue: string | undefined,
  limit: string | undefined,
  apiVersion: string,
): QueryResult | QueryError {
  const names = fieldList.split(',').map((name) => name.trim());
  const wanted = whereField === undefined ? names : [...names, whereField];
  const unknown = wanted.find((name) => canonicalField(table, name) === undefined);
  if (unknown !== undefined) return invalidField(table, unknown);
  const filter = whereField === undefined || whereValue === undefined ? () => true : matcher(table, whereField, whereValue);
  const rows = table.rows.filter(filter).slice(0, limit === undefined ? undefined : Number(limit));
  const records = rows.map((row) => toRecord(table, row, names, apiVersion));
  return { totalSize: records.length, done: true, records };
}

function canonicalField<Row>(table: SObjectTable<Row>, name: string): string | undefined {
  return Object.keys(table.fields).find((field) => field.toLowerCase() === name.toLowerCase());
}

function fieldValue<Row>(table: SObjectTable<Row>, row: Row, name: string): FieldValue {
  const field = canonicalField(table, name);
  const getter = field === undefined ? undefined : table.fields[field];
  return getter ? getter(row) : null;
}

function matcher<Row>(table: SObjectTable<Row>, field: string, literal: string): (row: Row) => boolean {
  const expected = literal.startsWith("'") ? literal.slice(1, -1).replace(/\\(.)/g, '$1') : literal;
  return (row) => String(fieldValue(table, row, field)).toLowerCase() === expected.toLowerCase();
}

function toRecord<Row>(table: SObjectTable<Row>, row: Row, names: string[], apiVersion: string): Record<string, unknown> {
  const id = fieldValue(table, row, 'Id');
  const record: Record<string, unknown> = { attributes: { type: table.name, url: `/services/data/v${apiVersion}/sobjects/${table.name}/${String(id)}` } };
  for (const name of names) record[canonicalField(table, name) ?? name] = fieldValue(table, row, name);
  return record;
}

function invalidField<Row>(table: SObjectTable<Row>, name: string): QueryError {
  return {
    status: 400,
    errorCode: 'INVALID_FIELD',
    message: `No such column '${name}' on entity '${table.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  };
}
