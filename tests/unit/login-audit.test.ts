/**
 * The login audit above the gateway: the classifier on every kind of Login History row (and values
 * it does not know), grouping, bounded sets, the order, retirements and where to move each group,
 * the CSV, and the service on a scripted gateway (paging, progress, cancel, scope, the kept result).
 * Real paging through jsforce against the fake org: tests/integration/login-audit.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core';
import { AUDIT_REMEMBERED, BoundedSet, LoginAggregator } from '../../electron/core/audit/aggregate';
import { auditRetirement, classifyLogin, moveToFor, soapLoginRemoved } from '../../electron/core/audit/classify';
import type { QueryAnswer, QueryRequest } from '../../electron/core/ports';
import type { AuditDone, AuditFailed, AuditProgress } from '../../shared/events';
import { AUDIT_CSV_COLUMNS, auditCsv, csvField, type AuditGroup } from '../../shared/login-audit';
import { memorySecrets, memorySettings } from '../support/memory';
import { scriptedGateway, succeeds, fails } from '../support/scripted-gateway';

const NOW = new Date('2026-11-28T10:00:00.000Z');

/** Login History rows as the fake org's README table gives them, per flow. */
const ROWS = {
  soap: { LoginType: 'Other Apex API', LoginSubType: null, Application: 'DataLoaderPartnerBatch/64.1.0', ApiType: 'SOAP Partner', ApiVersion: '64.0' },
  oauthPassword: { LoginType: 'Remote Access 2.0', LoginSubType: 'OAuth Username-Password', Application: 'Acme Nightly Sync', ApiType: 'N/A', ApiVersion: 'N/A' },
  webServer: { LoginType: 'Remote Access 2.0', LoginSubType: 'OAuth Web Server', Application: 'OrgKey Browser Login', ApiType: 'N/A', ApiVersion: 'N/A' },
  refresh: { LoginType: 'Remote Access 2.0', LoginSubType: 'OAuth Refresh Token', Application: 'Tableau Server', ApiType: 'N/A', ApiVersion: 'N/A' },
  clientCredentials: { LoginType: 'Remote Access 2.0', LoginSubType: 'OAuth Client Credential', Application: 'Acme Billing Sync', ApiType: 'N/A', ApiVersion: 'N/A' },
  jwt: { LoginType: 'Remote Access 2.0', LoginSubType: 'OAuth JWT Bearer', Application: 'CI deploy', ApiType: 'N/A', ApiVersion: 'N/A' },
  ui: { LoginType: 'Application', LoginSubType: 'UI Username-Password', Application: 'Browser', ApiType: 'N/A', ApiVersion: 'N/A' },
} as const;

describe('the classifier', () => {
  it.each([
    ['SOAP login()', ROWS.soap, 'soap'],
    ['the OAuth username-password flow', ROWS.oauthPassword, 'oauth-password'],
    ['the web-server flow', ROWS.webServer, 'web-server'],
    ['a refresh token', ROWS.refresh, 'refresh-token'],
    ['client credentials', ROWS.clientCredentials, 'client-credentials'],
    ['a JWT bearer assertion', ROWS.jwt, 'jwt'],
    ['the login page', ROWS.ui, 'ui'],
  ] as const)('tells %s from the row', (_label, row, flow) => {
    expect(classifyLogin(row)).toBe(flow);
  });

  it.each([
    ['Partner Product (some partner clients’ SOAP logins)', { LoginType: 'Partner Product', ApiType: 'SOAP Partner', ApiVersion: '52.0' }, 'soap'],
    ['a SOAP Enterprise login under a LoginType not listed', { LoginType: 'Some New Type', ApiType: 'SOAP Enterprise' }, 'soap'],
    ['subtypes in another case and with spaces', { LoginType: 'remote access 2.0', LoginSubType: '  oauth username-password ' }, 'oauth-password'],
    ['the plural “Client Credentials”', { LoginType: 'Remote Access 2.0', LoginSubType: 'OAuth Client Credentials' }, 'client-credentials'],
    ['another wording of JWT', { LoginType: 'Remote Access 2.0', LoginSubType: 'OAuth JWT' }, 'jwt'],
    ['the user-agent flow', { LoginType: 'Remote Access 2.0', LoginSubType: 'OAuth User-Agent' }, 'other'],
    ['a subtype Salesforce adds later', { LoginType: 'Remote Access 2.0', LoginSubType: 'OAuth Device Flow' }, 'other'],
    ['an OAuth row without subtype', { LoginType: 'Remote Access 2.0', LoginSubType: null }, 'other'],
    ['SAML single sign-on', { LoginType: 'SAML Idp Initiated SSO', Application: 'Browser' }, 'other'],
    ['a row with nothing in it', {}, 'other'],
    ['values of the wrong type', { LoginType: 42, LoginSubType: { x: 1 } }, 'other'],
  ] as const)('reads %s', (_label, row, flow) => {
    expect(classifyLogin(row)).toBe(flow);
  });

  it('knows SOAP login() is gone from API 65.0', () => {
    expect(soapLoginRemoved('64.0')).toBe(false);
    expect(soapLoginRemoved('65.0')).toBe(true);
    expect(soapLoginRemoved('66.0')).toBe(true);
    expect(soapLoginRemoved('N/A')).toBe(false);
    expect(soapLoginRemoved(null)).toBe(false);
  });
});

describe('retirements and where to move', () => {
  it('gives each flow its retirement, the same object as orgkey list --json’s, plus alreadyOff', () => {
    expect(auditRetirement('oauth-password', NOW)).toEqual({ flow: 'oauth-password', affected: true, deadline: '2027-02-20', deadlineLabel: '20 Feb 2027', daysLeft: 84, alreadyOff: false });
    expect(auditRetirement('soap', NOW)).toEqual({ flow: 'soap', affected: true, deadline: null, deadlineLabel: 'Summer ’27', daysLeft: null, alreadyOff: false });
    expect(auditRetirement('soap', NOW, { soapRemoved: true })).toEqual({ flow: 'soap', affected: true, deadline: null, deadlineLabel: 'API 65.0', daysLeft: null, alreadyOff: true });
    expect(auditRetirement('refresh-token', NOW)).toMatchObject({ flow: 'browser', affected: false, alreadyOff: false });
    expect(auditRetirement('client-credentials', NOW)).toMatchObject({ flow: 'client-credentials', affected: false });
    expect(auditRetirement('ui', NOW)).toMatchObject({ flow: null, affected: false });
    expect(auditRetirement('other', NOW)).toMatchObject({ flow: null, affected: null });
    expect(auditRetirement('oauth-password', new Date('2027-02-20T08:00:00Z'))).toMatchObject({ daysLeft: 0, alreadyOff: true });
  });

  it('moves a person to browser login and a program to client credentials', () => {
    expect(moveToFor('soap', true)).toBe('browser');
    expect(moveToFor('soap', false)).toBe('client-credentials');
    expect(moveToFor('oauth-password', false)).toBe('client-credentials');
    expect(moveToFor('ui', true)).toBe('browser');
    expect(moveToFor('jwt', false)).toBe('jwt');
    expect(moveToFor('other', false)).toBeNull();
  });
});

const at = (iso: string) => `${iso.replace('Z', '')}+0000`;
const row = (userId: string, values: object, extra: Record<string, unknown> = {}) => ({ UserId: userId, LoginTime: at('2026-11-20T02:00:00.000Z'), Status: 'Success', SourceIp: '203.0.113.10', ...values, ...extra });

describe('grouping', () => {
  it('counts logins and failures per user + application + flow, with first and last seen', () => {
    const aggregator = new LoginAggregator();
    aggregator.add(row('005A', ROWS.soap, { LoginTime: at('2026-11-01T02:00:00.000Z') }));
    aggregator.add(row('005A', ROWS.soap, { LoginTime: at('2026-11-27T02:00:00.000Z'), Status: 'Invalid Password' }));
    aggregator.add(row('005A', ROWS.soap, { LoginTime: at('2026-11-10T02:00:00.000Z'), ApiVersion: '58.0' }));
    aggregator.add(row('005B', ROWS.oauthPassword));
    const groups = aggregator.result(new Map([['005A', { username: 'dataloader.job@acme.example', name: 'Nightly Data Loader' }]]), NOW);
    expect(aggregator.rows).toBe(4);
    expect(groups).toHaveLength(2);
    expect(groups.find((group) => group.flow === 'soap')).toMatchObject({
      username: 'dataloader.job@acme.example',
      name: 'Nightly Data Loader',
      application: 'DataLoaderPartnerBatch/64.1.0',
      loginType: 'Other Apex API',
      loginSubType: null,
      apiType: 'SOAP Partner',
      apiVersions: ['58.0', '64.0'],
      count: 3,
      failures: 1,
      firstSeen: '2026-11-01T02:00:00.000Z',
      lastSeen: '2026-11-27T02:00:00.000Z',
      moveTo: 'client-credentials',
    });
    // A user whose name could not be read keeps the id, never nothing.
    expect(groups.find((group) => group.flow === 'oauth-password')).toMatchObject({ username: '005B', name: '', apiVersions: [] });
  });

  it('puts SOAP logins at API 65.0+ in a group of their own, already off', () => {
    const aggregator = new LoginAggregator();
    aggregator.add(row('005A', ROWS.soap));
    aggregator.add(row('005A', ROWS.soap, { ApiVersion: '65.0', Status: 'Failed: Invalid Operation' }));
    const groups = aggregator.result(new Map(), NOW);
    expect(groups.map((group) => [group.apiVersions, group.retirement.alreadyOff])).toEqual([
      [['65.0'], true],
      [['64.0'], false],
    ]);
  });

  it('sorts by deadline (already off, 20 Feb 2027, Summer ’27, unknown, not affected), then by logins', () => {
    const aggregator = new LoginAggregator();
    const add = (userId: string, values: object, times: number, extra: Record<string, unknown> = {}) => {
      for (let i = 0; i < times; i += 1) aggregator.add(row(userId, values, extra));
    };
    add('005U', ROWS.ui, 50);
    add('005O', { LoginType: 'SAML Idp Initiated SSO' }, 40);
    add('005S', ROWS.soap, 5);
    add('005T', ROWS.soap, 9, { Application: 'Talend' });
    add('005P', ROWS.oauthPassword, 1);
    add('005X', ROWS.soap, 2, { ApiVersion: '66.0' });
    add('005C', ROWS.clientCredentials, 100);
    const order = aggregator.result(new Map(), NOW).map((group) => `${group.flow}:${group.count}`);
    expect(order).toEqual(['soap:2', 'oauth-password:1', 'soap:9', 'soap:5', 'other:40', 'client-credentials:100', 'ui:50']);
  });

  it('moves a user who also signs in on the login page to browser login, and follows Data Loader’s window or batch mode', () => {
    const aggregator = new LoginAggregator();
    aggregator.add(row('005P', ROWS.ui));
    aggregator.add(row('005P', ROWS.soap, { Application: 'Workbench' }));
    aggregator.add(row('005Q', ROWS.soap, { Application: 'DataLoaderBulkUI/64.1.0' }));
    aggregator.add(row('005P', ROWS.soap, { Application: 'DataLoaderPartnerBatch/64.1.0' }));
    const moveTo = Object.fromEntries(aggregator.result(new Map(), NOW).map((group) => [`${group.username} ${group.application}`, group.moveTo]));
    expect(moveTo).toEqual({
      '005P Browser': 'browser',
      '005P Workbench': 'browser',
      '005Q DataLoaderBulkUI/64.1.0': 'browser',
      '005P DataLoaderPartnerBatch/64.1.0': 'client-credentials',
    });
  });

  it('keeps its memory bounded: ten addresses listed, the rest counted up to the cap', () => {
    const set = new BoundedSet();
    for (let i = 0; i < 1000; i += 1) set.add(`10.0.${Math.floor(i / 256)}.${i % 256}`);
    set.add(null);
    expect(set.size).toBe(AUDIT_REMEMBERED);
    expect(set.shown((a, b) => a.localeCompare(b))).toHaveLength(10);
    expect(set.more).toBe(AUDIT_REMEMBERED - 10);
    const aggregator = new LoginAggregator();
    for (let i = 0; i < 5000; i += 1) aggregator.add(row('005A', ROWS.soap, { SourceIp: `198.51.${Math.floor(i / 256)}.${i % 256}` }));
    const [group] = aggregator.result(new Map(), NOW);
    expect(group).toMatchObject({ count: 5000, sourceIpsMore: AUDIT_REMEMBERED - 10 });
    expect(group!.sourceIps).toHaveLength(10);
  });
});

const group = (overrides: Partial<AuditGroup>): AuditGroup => ({
  username: 'etl@acme.example',
  name: 'ETL',
  application: 'Acme Nightly Sync',
  flow: 'oauth-password',
  loginType: 'Remote Access 2.0',
  loginSubType: 'OAuth Username-Password',
  apiType: null,
  apiVersions: [],
  apiVersionsMore: 0,
  sourceIps: ['198.51.100.20', '198.51.100.21'],
  sourceIpsMore: 3,
  count: 12,
  failures: 1,
  firstSeen: '2026-11-01T13:00:00.000Z',
  lastSeen: '2026-11-27T13:00:00.000Z',
  retirement: auditRetirement('oauth-password', NOW),
  moveTo: 'client-credentials',
  ...overrides,
});

describe('the CSV', () => {
  it('has the columns in order, one line per group, CRLF line ends', () => {
    const csv = auditCsv([group({}), group({ flow: 'soap', apiVersions: ['58.0', '64.0'], sourceIps: [], sourceIpsMore: 0, retirement: auditRetirement('soap', NOW) })]);
    expect(csv).toBe(
      [
        AUDIT_CSV_COLUMNS.join(','),
        'etl@acme.example,ETL,Acme Nightly Sync,oauth-password,12,1,2026-11-01T13:00:00.000Z,2026-11-27T13:00:00.000Z,,198.51.100.20 198.51.100.21 (+3 more),2027-02-20,client-credentials',
        'etl@acme.example,ETL,Acme Nightly Sync,soap,12,1,2026-11-01T13:00:00.000Z,2026-11-27T13:00:00.000Z,58.0 64.0,,Summer ’27,client-credentials',
        '',
      ].join('\r\n'),
    );
    expect(AUDIT_CSV_COLUMNS.join(',')).toBe('username,name,application,flow,count,failures,first_seen,last_seen,api_versions,source_ips,deadline,move_to');
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvField('Smith, Jane')).toBe('"Smith, Jane"');
    expect(csvField('the "sync" app')).toBe('"the ""sync"" app"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(csvField('plain')).toBe('plain');
    expect(csvField(42)).toBe('42');
  });

  it('never lets a cell start a spreadsheet formula', () => {
    expect(csvField('=HYPERLINK("https://evil.example","x")')).toBe('"\'=HYPERLINK(""https://evil.example"",""x"")"');
    expect(csvField('+1+1')).toBe("'+1+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe('"\'\r=1"');
    const line = auditCsv([group({ name: '=cmd|\'/c calc\'!A1', application: '@evil' })]).split('\r\n')[1]!;
    expect(line.split(',').slice(1, 3)).toEqual(["'=cmd|'/c calc'!A1", "'@evil"]);
  });

  it('writes the deadline as the date, the release, API 65.0, or nothing', () => {
    const cells = (flow: AuditGroup['flow'], soapRemoved = false) => auditCsv([group({ flow, retirement: auditRetirement(flow, NOW, { soapRemoved }) })]).split('\r\n')[1]!.split(',')[10];
    expect(cells('oauth-password')).toBe('2027-02-20');
    expect(cells('soap')).toBe('Summer ’27');
    expect(cells('soap', true)).toBe('API 65.0');
    expect(cells('ui')).toBe('');
  });
});

/** LoginHistory and User rows served in pages of `pageSize`, as Salesforce pages a query. */
function pagedOrg(rows: Array<Record<string, unknown>>, pageSize: number, users: Record<string, { Username: string; Name: string }>) {
  return (_session: unknown, request: QueryRequest): QueryAnswer => {
    if (request.soql?.includes('FROM User')) {
      const ids = [...request.soql.matchAll(/'(\w+)'/g)].map((match) => match[1]!);
      return { ok: true, page: { records: ids.filter((id) => users[id]).map((id) => ({ Id: id, ...users[id] })), totalSize: ids.length, nextRecordsUrl: null } };
    }
    const own = /UserId = '(\w+)'/.exec(request.soql ?? '')?.[1];
    const matching = own ? rows.filter((r) => r.UserId === own) : rows;
    const offset = request.nextRecordsUrl ? Number(request.nextRecordsUrl.split('-').pop()) : 0;
    const next = offset + pageSize < matching.length ? `/services/data/v64.0/query/01gX-${offset + pageSize}` : null;
    return { ok: true, page: { records: matching.slice(offset, offset + pageSize), totalSize: matching.length, nextRecordsUrl: next } };
  };
}

async function auditCore(query: ReturnType<typeof pagedOrg>, userId = '005ADMIN0000001AAA') {
  const settings = memorySettings();
  const gateway = scriptedGateway([succeeds({ userId })], { query });
  const core = createCore({ settings, secrets: memorySecrets(), clock: { now: () => NOW }, salesforce: gateway, newId: () => '00000000-0000-4000-8000-000000000009' }, { host: 'browser', version: 'test' });
  const { org } = await core.orgs.add({ alias: 'Prod', environment: 'production', username: 'admin@acme.com', password: 'pw-Secret-1', token: '' });
  return { core, gateway, settings, id: org.id };
}

const manyRows = (count: number) => Array.from({ length: count }, (_, i) => row(i % 2 ? '005JOB000000001AAA' : '005ADMIN0000001AAA', i % 2 ? ROWS.soap : ROWS.ui));
const USERS = { '005JOB000000001AAA': { Username: 'job@acme.com', Name: 'Nightly Job' }, '005ADMIN0000001AAA': { Username: 'admin@acme.com', Name: 'Ada Admin' } };

describe('the audit service', () => {
  it('reads every page, reports progress, names the users, keeps the result and ends the session', async () => {
    const { core, gateway, settings, id } = await auditCore(pagedOrg(manyRows(450), 200, USERS));
    const progress: Array<{ rows: number; pages: number }> = [];
    const audit = await core.audits.run(id, { days: 30, onProgress: (step) => progress.push(step) });
    expect(progress).toEqual([
      { rows: 200, pages: 1 },
      { rows: 400, pages: 2 },
      { rows: 450, pages: 3 },
    ]);
    expect(audit).toMatchObject({ alias: 'Prod', days: 30, from: '2026-10-29T10:00:00.000Z', to: NOW.toISOString(), rows: 450, complete: true, scope: 'org' });
    expect(audit.groups.map((g) => [g.username, g.flow, g.count])).toEqual([
      ['job@acme.com', 'soap', 225],
      ['admin@acme.com', 'ui', 225],
    ]);
    expect(gateway.queries[0]!.soql).toBe(
      'SELECT UserId, LoginTime, LoginType, LoginSubType, Application, ApiType, ApiVersion, Status, SourceIp FROM LoginHistory WHERE LoginTime >= 2026-10-29T10:00:00Z ORDER BY LoginTime DESC',
    );
    expect(gateway.endedSessions).toHaveLength(1);
    expect(core.audits.last(id)).toEqual(audit);
    expect(settings.doc.orgs[0]!.lastAudit).toEqual({ at: NOW.toISOString(), days: 30, rows: 450, complete: true, scope: 'org', flows: { soap: 225, ui: 225 } });
    // Removing the org takes its audit along.
    await core.orgs.remove(id);
    expect(() => core.audits.last(id)).toThrow(expect.objectContaining({ appError: expect.objectContaining({ code: 'ORG_NOT_FOUND' }) }));
  });

  it('stops between pages when cancelled: what was read, complete false', async () => {
    const controller = new AbortController();
    const { core, gateway, id } = await auditCore(pagedOrg(manyRows(1000), 200, USERS));
    const audit = await core.audits.run(id, { days: 30, signal: controller.signal, onProgress: ({ pages }) => pages === 2 && controller.abort() });
    expect(audit).toMatchObject({ rows: 400, complete: false });
    // Two history pages, then the names; the session still ended.
    expect(gateway.queries.filter((q) => !q.soql?.includes('FROM User'))).toHaveLength(2);
    expect(gateway.endedSessions).toHaveLength(1);
    expect(core.audits.last(id)).toMatchObject({ rows: 400, complete: false });
  });

  it('says so when only the user’s own logins were visible', async () => {
    const own = manyRows(10).filter((r) => r.UserId === '005ADMIN0000001AAA');
    const { core, id } = await auditCore(pagedOrg(own, 200, USERS));
    expect(await core.audits.run(id, { days: 7 })).toMatchObject({ scope: 'own', rows: 5 });
  });

  it('refuses days outside 1–180 next to the field, before logging in', async () => {
    const { core, gateway, id } = await auditCore(pagedOrg([], 200, USERS));
    for (const days of [0, 181, 2.5, Number.NaN]) {
      await expect(core.audits.run(id, { days })).rejects.toMatchObject({ appError: { code: 'INVALID_INPUT', field: 'days' } });
      expect(() => core.audits.start(id, { days, runId: 'r' })).toThrow(expect.objectContaining({ appError: expect.objectContaining({ field: 'days' }) }));
    }
    expect(gateway.checks).toHaveLength(0);
  });

  it('answers a refused login with the login’s failure and keeps nothing', async () => {
    const settings = memorySettings();
    const gateway = scriptedGateway([fails('INVALID_LOGIN')], { query: pagedOrg([], 200, USERS) });
    const core = createCore({ settings, secrets: memorySecrets(), clock: { now: () => NOW }, salesforce: gateway }, { host: 'browser', version: 'test' });
    const { org } = await core.orgs.add({ alias: 'Prod', environment: 'production', username: 'admin@acme.com', password: 'pw-Secret-1', token: '' });
    await expect(core.audits.run(org.id, { days: 30 })).rejects.toMatchObject({ appError: { code: 'LOGIN_FAILED', details: ['INVALID_LOGIN'] } });
    expect(core.audits.last(org.id)).toBeNull();
    expect(settings.doc.orgs[0]!.consecutiveFailures).toBe(1);
  });

  it('in the background, stops at the lockout guard unless the admin confirms, as a test does', async () => {
    const { core, gateway, settings, id } = await auditCore(pagedOrg(manyRows(10), 200, USERS));
    // Two failed logins in a row: the guard's default refuses the third.
    settings.update((doc) => ({ ...doc, orgs: doc.orgs.map((o) => ({ ...o, consecutiveFailures: 2 })) }));
    const ended = (runId: string) =>
      new Promise<AuditDone | AuditFailed>((resolve) => {
        const ours = (payload: AuditDone | AuditFailed) => payload.runId === runId && resolve(payload);
        core.events.on('audit.done', ours);
        core.events.on('audit.failed', ours);
      });
    const guarded = ended('guarded');
    core.audits.start(id, { days: 30, runId: 'guarded' });
    expect(await guarded).toMatchObject({ error: { code: 'LOCKOUT_GUARD' } });
    expect(gateway.checks).toHaveLength(0);

    const confirmed = ended('confirmed');
    core.audits.start(id, { days: 30, runId: 'confirmed', confirmRetry: true });
    expect(await confirmed).toMatchObject({ result: { rows: 10, complete: true } });
    expect(gateway.checks).toHaveLength(1);
    expect(settings.doc.orgs[0]!.consecutiveFailures).toBe(0);
  });

  it('runs in the background for the window: progress, then done, each naming its run', async () => {
    const { core, id } = await auditCore(pagedOrg(manyRows(300), 200, USERS));
    const events: Array<[string, AuditProgress | AuditDone | AuditFailed]> = [];
    core.events.on('audit.progress', (payload) => events.push(['progress', payload]));
    const done = new Promise<AuditDone>((resolve) => core.events.on('audit.done', resolve));
    expect(core.audits.start(id, { days: 30, runId: 'run-1' })).toEqual({ runId: 'run-1' });
    expect(() => core.audits.start(id, { days: 30, runId: 'run-2' })).toThrow(expect.objectContaining({ appError: expect.objectContaining({ code: 'TEST_RUNNING' }) }));
    const { runId, result } = await done;
    expect(runId).toBe('run-1');
    expect(result).toMatchObject({ rows: 300, complete: true });
    expect(events).toEqual([
      ['progress', { runId: 'run-1', rows: 200, pages: 1 }],
      ['progress', { runId: 'run-1', rows: 300, pages: 2 }],
    ]);
    expect(core.audits.cancel('run-1')).toBe(false);
  });
});
