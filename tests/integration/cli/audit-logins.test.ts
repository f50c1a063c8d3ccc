/**
 * `orgkey audit-logins` end to end: the built command, the real keychain and jsforce against the
 * fake org's seeded Login History — the table, `--json` in the documented shape, `--csv`, the
 * filters, a bad `--days`, the non-admin note, and Ctrl-C in the middle (exit 130, complete false).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_CSV_COLUMNS } from '../../../shared/login-audit';
import { errorLineOf, onTerminal, runCli, startCli, useCliSuite, waitFor, type CliEnv, type CliSuite } from '../../support/cli';
import { credentials, PROD_ADMIN, type Control } from '../../support/fake-org';

const suite = useCliSuite('cli-audit');
let fake: CliSuite['fake'];
let control: Control;
let target: CliEnv;
beforeEach(() => ({ fake, control, target } = suite));

const AUDIT_KEYS = ['alias', 'days', 'from', 'to', 'rows', 'complete', 'scope', 'groups'];
const GROUP_KEYS = [
  'username', 'name', 'application', 'flow', 'loginType', 'loginSubType', 'apiType', 'apiVersions', 'apiVersionsMore', 'sourceIps', 'sourceIpsMore', 'count', 'failures', 'firstSeen', 'lastSeen', 'retirement', 'moveTo',
];

async function seeded(seed: { days: number; perDay: number }) {
  const { password, token, orgId } = await credentials(control, PROD_ADMIN);
  const added = await runCli(target, ['add', 'Acme', '--username', PROD_ADMIN, '--env', fake.org.loginUrl, '--secrets-stdin'], { input: `${password}\n${token}\n` });
  expect(added.code, added.stderr).toBe(0);
  return control.seedLoginHistory(orgId, seed);
}

describe('orgkey audit-logins', () => {
  it('prints the documented JSON: every group, its deadline and where to move it', async () => {
    const history = await seeded({ days: 5, perDay: 500 });
    const result = await runCli(target, ['audit-logins', 'Acme', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const audit = JSON.parse(result.stdout) as Record<string, unknown> & { groups: Array<Record<string, unknown>> };
    expect(Object.keys(audit)).toEqual(AUDIT_KEYS);
    expect(audit).toMatchObject({ alias: 'Acme', days: 30, rows: history.rows + 1, complete: true, scope: 'org' });
    for (const group of audit.groups) expect(Object.keys(group)).toEqual(GROUP_KEYS);
    expect(audit.groups[0]).toMatchObject({
      flow: 'oauth-password',
      retirement: { flow: 'oauth-password', affected: true, deadline: '2027-02-20', deadlineLabel: '20 Feb 2027', daysLeft: expect.any(Number), alreadyOff: false },
      moveTo: 'client-credentials',
    });
    // No progress line where stderr is no terminal.
    expect(result.stderr).toBe('');
  });

  it('writes the CSV with the documented columns, filtered by flow and user', async () => {
    await seeded({ days: 3, perDay: 200 });
    const result = await runCli(target, ['audit-logins', 'Acme', '--csv', '--flow', 'soap', '--user', 'DATALOADER']);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\r\n');
    expect(lines[0]).toBe(AUDIT_CSV_COLUMNS.join(','));
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(1, -1).map((line) => line.split(','));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.slice(0, 4)).toEqual([expect.stringMatching(/^dataloader\.job@/), 'Nightly Data Loader', expect.stringMatching(/^DataLoaderPartnerBatch\//), 'soap']);
      expect(row.slice(10)).toEqual(['Summer ’27', 'client-credentials']);
    }
  });

  it('prints a table by default, what stops first on top', async () => {
    await seeded({ days: 2, perDay: 100 });
    const result = await runCli(target, ['audit-logins', 'Acme', '--days', '7']);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Acme: \d+ logins in the last 7 days \(\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\), 7 of 7 groups shown\.$/);
    expect(lines[2]).toMatch(/^DEADLINE\s+FLOW\s+USER\s+APPLICATION\s+LOGINS\s+LAST SEEN\s+MOVE TO$/);
    expect(lines[3]).toMatch(/^20 Feb 2027 \(in \d+ d\)\s+oauth-password\s+etl\.script@\S+ \(ETL Script\)\s+Acme Nightly Sync\s+/);
    expect(lines.at(-1)).toMatch(/^not affected\s+/);
  });

  it('shows its progress on a terminal, then the table', async () => {
    await seeded({ days: 3, perDay: 1000 });
    const terminal = onTerminal(target, ['audit-logins', 'Acme']);
    const { code, screen } = await terminal.finish();
    expect(code, screen).toBe(0);
    expect(screen).toMatch(/Reading Login History: 2000 rows, 1 page…/);
    expect(screen).toMatch(/Reading Login History: 3001 rows, 2 pages…/);
    expect(screen).toMatch(/Acme: 3001 logins in the last 30 days/);
  });

  it.each([['0'], ['181'], ['7.5'], ['a week']])('refuses --days %s with what it takes, exit 2', async (days) => {
    const result = await runCli(target, ['audit-logins', 'Acme', '--days', days]);
    expect(result.code).toBe(2);
    expect(errorLineOf(result)).toBe(
      'orgkey: USAGE: --days: Choose a whole number of days from 1 to 180: Salesforce keeps Login History for six months (180 days). Run “orgkey audit-logins --help”.',
    );
  });

  it('notes that only an admin sees the whole org when the user sees only their own logins', async () => {
    await seeded({ days: 2, perDay: 100 });
    await control.patchUser(PROD_ADMIN, { manageUsers: false });
    const result = await runCli(target, ['audit-logins', 'Acme', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ scope: 'own', rows: 1 });
    expect(result.stderr).toMatch(/^note: Only your own logins were found\. Only an admin sees the whole org/);
  });

  it('stops on Ctrl-C between pages: what was read, complete false, exit 130', async () => {
    await seeded({ days: 30, perDay: 2000 });
    // Each page takes a while; Ctrl-C arrives while the second page is being asked for.
    await control.injectFaults({ path: '/services/data/v64.0/query', latencyMs: 300, count: 100 });
    const before = fake.org.requests();
    const run = startCli(target, ['audit-logins', 'Acme', '--json', '--days', '30']);
    // The login, its identity read, the first page, the second page's request.
    await waitFor(() => fake.org.requests() >= before + 4, () => `four requests; ${fake.org.requests() - before} arrived`);
    run.child.kill('SIGINT');
    const result = await run.result;
    expect(result.code, result.stderr).toBe(130);
    expect(JSON.parse(result.stdout)).toMatchObject({ complete: false, rows: 2000 });
    expect(errorLineOf(result)).toMatch(/^orgkey: CANCELLED: Interrupted: the audit stopped after \d+ rows/);
  });
});
