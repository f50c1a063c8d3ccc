/**
 * The CSV importer: a header `alias,environment,username` and optionally `group,color`, in any order
 * and any case; RFC 4180 quoting (quoted fields may hold commas, line breaks and doubled quotes);
 * a byte-order mark and blank lines are passed over. `environment` is `production`, `sandbox` or a
 * My Domain URL. Secrets never come from a CSV: a spreadsheet is no place for them, so a password or
 * token column refuses the file. The orgs are stored awaiting their password (service.ts).
 */
import type { ImportNote } from '../../../shared/imports';
import { fieldError } from '../errors';
import { aliasProblem, fileLabel, groupAndColor, readSourceFile, usernameProblem, whereaboutsOf, whereaboutsOfUrl, type Candidate, type SourceReading } from './candidate';

const REQUIRED = ['alias', 'environment', 'username'] as const;
const OPTIONAL = ['group', 'color'] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];
/** Headers that would carry secrets: refused with the reason, not merely as unknown. */
const SECRET_COLUMNS = /^(password|pass|pwd|token|security[ _-]?token|secret|client[ _-]?secret|key|private[ _-]?key)$/;

/** One record of the file: its fields and the line it starts on (1-based). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Split CSV text into records (RFC 4180: fields separated by commas, records by CRLF or LF, a field
 * in double quotes may hold anything, `""` inside it is one quote). Empty lines are no records. An
 * unclosed quote is reported with the line it opened on.
 */
export function parseCsv(text: string): { records: CsvRecord[]; unclosedQuoteAt?: number } {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let touched = false;
  const endRecord = () => {
    if (touched || fields.length > 0) records.push({ line: recordLine, fields: [...fields, field] });
    fields = [];
    field = '';
    touched = false;
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else {
        if (ch === '\n') line += 1;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
      touched = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      touched = true;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      continue;
    } else if (ch === '\n' || ch === '\r') {
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      if (!touched) recordLine = line;
      field += ch;
      touched = true;
    }
  }
  if (quoted) return { records, unclosedQuoteAt: quoteLine };
  endRecord();
  return { records };
}

/** The columns of the header, by name; a header OrgKey cannot use refuses the file (field error on `path`). */
function readHeader(header: CsvRecord | undefined, file: string): Map<Column, number> {
  if (!header) throw fieldError('path', `${file} is empty. The first line must be the header alias,environment,username.`);
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const secrets = header.fields.filter((_name, i) => SECRET_COLUMNS.test(names[i]!));
  if (secrets.length) {
    throw fieldError(
      'path',
      `The column ${secrets.map((name) => `“${name.trim()}”`).join(', ')} would hold secrets, and OrgKey never reads secrets from a CSV (a spreadsheet keeps them in plain text). Remove the column, delete the file's copies, and enter each org's password in OrgKey after the import.`,
    );
  }
  const known: readonly string[] = [...REQUIRED, ...OPTIONAL];
  const extra = header.fields.filter((_name, i) => !known.includes(names[i]!));
  if (extra.length) {
    throw fieldError('path', `The header has column${extra.length === 1 ? '' : 's'} OrgKey does not know: ${extra.map((name) => `“${name.trim()}”`).join(', ')}. The columns are alias, environment, username, and optionally group and color.`);
  }
  const columns = new Map<Column, number>();
  names.forEach((name, i) => {
    if (columns.has(name as Column)) throw fieldError('path', `The header names the column “${name}” twice.`);
    columns.set(name as Column, i);
  });
  const missing = REQUIRED.filter((name) => !columns.has(name));
  if (missing.length) throw fieldError('path', `The header lacks ${missing.map((name) => `“${name}”`).join(', ')}. The first line must be alias,environment,username (optionally with group,color).`);
  return columns;
}

/** The environment cell: production, sandbox (any case) or a My Domain URL; anything else is named in the reason. */
function environmentOf(raw: string) {
  const value = raw.trim();
  const word = value.toLowerCase();
  if (word === 'production' || word === 'sandbox') return whereaboutsOf(word);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.includes('.')) {
    const where = whereaboutsOfUrl(value);
    return where.ok ? where : { ok: false as const, message: `environment ‘${value}’: ${where.message}` };
  }
  return { ok: false as const, message: value ? `environment ‘${value}’ is not production, sandbox or a My Domain URL` : 'the environment is empty (production, sandbox or a My Domain URL)' };
}

export function readCsvSource(file: string): SourceReading {
  const text = readSourceFile(file, 'path');
  const { records, unclosedQuoteAt } = parseCsv(text);
  if (unclosedQuoteAt !== undefined) throw fieldError('path', `Line ${unclosedQuoteAt} opens a quote that is never closed, so OrgKey cannot tell where the row ends. Close the quote and try again.`);
  const [header, ...rows] = records;
  const columns = readHeader(header, fileLabel(file));
  const name = fileLabel(file);
  const candidates = rows.map((record): Candidate => {
    const cell = (column: Column) => {
      const index = columns.get(column);
      return index === undefined ? '' : (record.fields[index] ?? '');
    };
    const origin = { file, line: record.line, label: `${name}, line ${record.line}` };
    const alias = cell('alias').trim();
    const username = cell('username').trim();
    const looks = groupAndColor(cell('group'), cell('color'));
    const base = { origin, alias: alias || username, username, auth: 'password' as const, secrets: {}, notes: ['No password yet: enter it (and the security token) after the import, or switch the org to browser login.'], ...('problem' in looks ? {} : looks) };
    const where = environmentOf(cell('environment'));
    const problem =
      record.fields.length !== header!.fields.length
        ? `it has ${record.fields.length} field${record.fields.length === 1 ? '' : 's'} and the header ${header!.fields.length}; check for a comma inside a value that is not in quotes`
        : !where.ok
          ? where.message
          : (usernameProblem(username) ?? aliasProblem(alias || username) ?? ('problem' in looks ? looks.problem : undefined));
    if (problem || !where.ok) return { ...base, environment: where.ok ? where.environment : null, loginUrl: where.ok ? where.loginUrl : null, invalid: `line ${record.line}: ${problem}` };
    return { ...base, environment: where.environment, loginUrl: where.loginUrl, ...(where.customUrl ? { customUrl: where.customUrl } : {}) };
  });
  const notes: ImportNote[] = [
    { code: 'awaiting-secrets', message: 'A CSV carries no passwords: the orgs are added without one, and OrgKey sends no login for them until you enter each org’s password and security token (or switch it to browser login).' },
  ];
  return { files: [file], candidates, notes };
}
