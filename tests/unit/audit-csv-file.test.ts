/** The app's *Export CSV*: the core writes the org's kept audit with the shared CSV writer, to the chosen path only. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core';
import type { QueryAnswer, QueryRequest } from '../../electron/core/ports';
import { auditCsv } from '../../shared/login-audit';
import { memorySecrets, memorySettings } from '../support/memory';
import { scriptedGateway, succeeds } from '../support/scripted-gateway';
import { makeTempDir, removeTempDir } from '../support/temp';

const NOW = new Date('2026-11-28T10:00:00.000Z');
const JOB = '005JOB000000001AAA';
const soapRow = { UserId: JOB, LoginTime: '2026-11-20T02:00:00.000+0000', Status: 'Success', SourceIp: '203.0.113.10', LoginType: 'Other Apex API', LoginSubType: null, Application: '=cmd|calc', ApiType: 'SOAP Partner', ApiVersion: '64.0' };

/** One page of history (one Data Loader-like job whose application name a spreadsheet would run), and its user. */
function history(_session: unknown, request: QueryRequest): QueryAnswer {
  if (request.soql?.includes('FROM User')) return { ok: true, page: { records: [{ Id: JOB, Username: 'job@acme.com', Name: 'Nightly Job' }], totalSize: 1, nextRecordsUrl: null } };
  return { ok: true, page: { records: [soapRow, soapRow], totalSize: 2, nextRecordsUrl: null } };
}

async function setUp() {
  const core = createCore(
    { settings: memorySettings(), secrets: memorySecrets(), clock: { now: () => NOW }, salesforce: scriptedGateway([succeeds({ userId: JOB })], { query: history }), newId: () => '00000000-0000-4000-8000-000000000009' },
    { host: 'browser', version: 'test' },
  );
  const { org } = await core.orgs.add({ alias: 'Prod', environment: 'production', username: 'admin@acme.com', password: 'pw-Secret-1', token: '' });
  return { core, id: org.id };
}

let dir = '';
afterEach(() => dir && removeTempDir(dir));

describe('audit.saveCsv', () => {
  it('refuses before there is an audit, then writes the kept one as the shared writer does, owner-only', async () => {
    dir = makeTempDir('audit-csv');
    const file = path.join(dir, 'prod.csv');
    const { core, id } = await setUp();
    expect(() => core.auditCsv.save(id, { path: file })).toThrow(expect.objectContaining({ appError: expect.objectContaining({ code: 'INVALID_INPUT', message: 'This org has no login audit to export yet.' }) }));
    expect(fs.existsSync(file)).toBe(false);

    const audit = await core.audits.run(id, { days: 30 });
    expect(core.auditCsv.save(id, { path: file })).toEqual({ path: file });
    const csv = fs.readFileSync(file, 'utf8');
    expect(csv).toBe(auditCsv(audit.groups));
    expect(csv.split('\r\n')[1]).toBe("job@acme.com,Nightly Job,'=cmd|calc,soap,2,0,2026-11-20T02:00:00.000Z,2026-11-20T02:00:00.000Z,64.0,203.0.113.10,Summer ’27,client-credentials");
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('replaces an existing file only when told to, and takes no relative path', async () => {
    dir = makeTempDir('audit-csv');
    const file = path.join(dir, 'prod.csv');
    fs.writeFileSync(file, 'mine');
    const { core, id } = await setUp();
    await core.audits.run(id, { days: 30 });
    expect(() => core.auditCsv.save(id, { path: file })).toThrow(expect.objectContaining({ appError: expect.objectContaining({ code: 'FILES_EXIST', field: 'path' }) }));
    expect(fs.readFileSync(file, 'utf8')).toBe('mine');
    expect(() => core.auditCsv.save(id, { path: 'relative.csv' })).toThrow(expect.objectContaining({ appError: expect.objectContaining({ code: 'INVALID_INPUT', field: 'path' }) }));
    core.auditCsv.save(id, { path: file, overwrite: true });
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^username,name,application,flow,/);
  });
});
