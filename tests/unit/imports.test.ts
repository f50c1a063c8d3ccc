/**
 * The importers on in-memory ports: each source's reader on files the tests write, the preview's
 * new / duplicate / invalid rows, and apply (for the sources that need no login; the Data Loader
 * proof runs against the fake org in the integration tests).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejection as orgKeyRejection } from '../support/scripted-core';
import { createCore, type Core } from '../../electron/core';
import { encryptForDataLoader, newKey } from '../../electron/core/dataloader/codec';
import { parseCsv } from '../../electron/core/imports/csv';
import type { OrgKeyError } from '../../electron/core/errors';
import type { ImportPreview } from '../../shared/imports';
import { memorySecrets, memorySettings } from '../support/memory';
import { makeTempDir, removeTempDir } from '../support/temp';

let dir: string;
let core: Core;
let settings: ReturnType<typeof memorySettings>;
let secrets: ReturnType<typeof memorySecrets>;
beforeEach(() => {
  dir = makeTempDir('imports-unit');
  settings = memorySettings();
  secrets = memorySecrets();
  core = createCore({ settings, secrets, clock: { now: () => new Date('2026-11-28T10:00:00Z') }, homeDir: dir }, { host: 'browser', version: 'test' });
});
afterEach(() => removeTempDir(dir));

const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
};

const rejection = async (promise: Promise<unknown>): Promise<OrgKeyError['appError']> => (await orgKeyRejection(promise)).appError;

const includeNew = (preview: ImportPreview) => preview.rows.filter((row) => row.status === 'new').map((row) => ({ key: row.key, include: true }));

describe('parseCsv', () => {
  it('reads RFC 4180 quoting, CRLF and blank lines, and gives each record its first line', () => {
    const { records } = parseCsv('a,b\r\n\r\n"x, y","say ""hi""\nthere"\n\nlast,1\n');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['x, y', 'say "hi"\nthere'] },
      { line: 6, fields: ['last', '1'] },
    ]);
  });

  it('reports an unclosed quote with the line it opened on', () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n').unclosedQuoteAt).toBe(2);
  });
});

describe('CSV import', () => {
  it('previews new, duplicate and invalid rows with their lines and reasons, then adds the new ones awaiting their password', async () => {
    await core.orgs.add({ alias: 'Existing', environment: 'production', username: 'admin@acme.com', password: 'pw-1' });
    const file = write(
      'orgs.csv',
      '\uFEFFUsername,ENVIRONMENT,alias,Group,color\n' +
        'uat@acme.com.uat,sandbox,UAT,Client A,teal\n' +
        'ADMIN@acme.com,production,Prod again,,\n' +
        'x@acme.com,prod,Bad env,,\n' +
        '\n' +
        'dev@acme.com,https://acme-dev.my.salesforce.com/lightning,"Dev, main",,\n' +
        'uat@acme.com.uat,Sandbox,UAT twin,,\n' +
        'nope,production,No user,,\n' +
        'dev2@acme.com,production,Bad colour,Client A,reddish\n',
    );
    const preview = await core.imports.preview({ source: 'csv', path: file });
    expect(preview.rows.map((row) => [row.status, row.alias, row.origin.line])).toEqual([
      ['new', 'UAT', 2],
      ['duplicate', 'Prod again', 3],
      ['invalid', 'Bad env', 4],
      ['new', 'Dev, main', 6],
      ['duplicate', 'UAT twin', 7],
      ['invalid', 'No user', 8],
      ['invalid', 'Bad colour', 9],
    ]);
    expect(preview.rows[6]!.reason).toMatch(/^line 9: the colour: /);
    expect(preview.rows[2]!.reason).toBe('line 4: environment ‘prod’ is not production, sandbox or a My Domain URL');
    expect(preview.rows[1]!.duplicateOf).toMatchObject({ alias: 'Existing' });
    expect(preview.rows[4]!.duplicateOf).toMatchObject({ key: 'row-1' });
    expect(preview.rows[5]!.reason).toMatch(/^line 8: the username: /);
    expect(preview.rows[3]).toMatchObject({ environment: 'custom', loginUrl: 'https://acme-dev.my.salesforce.com' });
    expect(preview.rows[0]).toMatchObject({ group: 'Client A', color: '#0b827c', secrets: { password: { present: false } } });
    expect(preview.counts).toEqual({ new: 2, duplicate: 2, invalid: 3 });
    // A group typed at the confirmation is checked before anything is stored.
    const badGroup = includeNew(preview).map((choice) => ({ ...choice, group: 'Client\u0007A' }));
    expect(await rejection(core.imports.apply({ previewId: preview.previewId, rows: badGroup }))).toMatchObject({ code: 'INVALID_INPUT', field: 'rows.0.group' });
    expect(core.orgs.findByName('UAT')).toBeUndefined();
    expect(preview.notes.map((note) => note.code)).toEqual(['awaiting-secrets']);

    const result = await core.imports.apply({ previewId: preview.previewId, rows: includeNew(preview) });
    expect(result.counts).toEqual({ imported: 2, failed: 0, skipped: 5 });
    const uat = core.orgs.findByName('UAT')!;
    expect(uat).toMatchObject({ awaitingSecrets: true, auth: 'password', environment: 'sandbox', hasToken: false });
    expect([...secrets.entries.keys()].filter((account) => account.includes(uat.id))).toEqual([]);
    // Applied once: the preview is gone.
    expect(await rejection(core.imports.apply({ previewId: preview.previewId, rows: includeNew(preview) }))).toMatchObject({ code: 'IMPORT_PREVIEW_GONE' });
  });

  it('a test of an org awaiting its password sends no login and says so; storing the password clears the flag', async () => {
    const file = write('one.csv', 'alias,environment,username\nUAT,sandbox,uat@acme.com.uat\n');
    const preview = await core.imports.preview({ source: 'csv', path: file });
    const [imported] = (await core.imports.apply({ previewId: preview.previewId, rows: includeNew(preview) })).rows;
    const id = (imported as { orgId: string }).orgId;
    const outcome = await core.tester.test(id);
    expect(outcome).toMatchObject({ ok: false, latencyMs: 0, failure: { code: 'SECRET_MISSING', message: 'This org was imported without its password, and none has been entered yet. No login was sent.' } });
    await core.tokens.changePassword(id, { password: 'new-password-1', saveAnyway: true });
    expect(core.orgs.findByName('UAT')!.awaitingSecrets).toBeUndefined();
  });

  it('refuses a header with secret or unknown columns, naming them, and a file that is not there', async () => {
    const secret = write('secret.csv', 'alias,environment,username,Password\nA,production,a@acme.com,hunter2\n');
    expect(await rejection(core.imports.preview({ source: 'csv', path: secret }))).toMatchObject({ code: 'INVALID_INPUT', field: 'path', message: expect.stringMatching(/^The column “Password” would hold secrets, and OrgKey never reads secrets from a CSV/) });
    const extra = write('extra.csv', 'alias,environment,username,owner\n');
    expect(await rejection(core.imports.preview({ source: 'csv', path: extra }))).toMatchObject({ field: 'path', message: expect.stringContaining('“owner”') });
    const missing = write('missing.csv', 'alias,username\n');
    expect(await rejection(core.imports.preview({ source: 'csv', path: missing }))).toMatchObject({ field: 'path', message: expect.stringContaining('“environment”') });
    expect(await rejection(core.imports.preview({ source: 'csv', path: path.join(dir, 'gone.csv') }))).toMatchObject({ field: 'path', message: `There is no file or folder at ${path.join(dir, 'gone.csv')}.` });
    expect(await rejection(core.imports.preview({ source: 'csv', path: 'relative.csv' }))).toMatchObject({ field: 'path', message: expect.stringMatching(/^Enter a full path/) });
  });

  it('an alias taken by an existing org is flagged in the preview, fails alone at apply, and imports under another name', async () => {
    await core.orgs.add({ alias: 'UAT', environment: 'production', username: 'admin@acme.com', password: 'pw-1' });
    const file = write('clash.csv', 'alias,environment,username\nuat,sandbox,uat@acme.com.uat\nDev,sandbox,dev@acme.com.dev\n');
    const preview = await core.imports.preview({ source: 'csv', path: file });
    expect(preview.rows[0]!.aliasTaken).toMatchObject({ alias: 'UAT' });
    const first = await core.imports.apply({ previewId: preview.previewId, rows: includeNew(preview) });
    expect(first.rows).toEqual([
      { key: 'row-1', status: 'failed', code: 'ALIAS_TAKEN', message: '“UAT” is already in OrgKey. Choose another name.', remedy: expect.any(String), field: 'alias' },
      expect.objectContaining({ key: 'row-2', status: 'imported', alias: 'Dev' }),
    ]);
    const again = await core.imports.preview({ source: 'csv', path: file });
    expect(again.rows.map((row) => row.status)).toEqual(['new', 'duplicate']);
    const second = await core.imports.apply({ previewId: again.previewId, rows: [{ key: 'row-1', include: true, alias: 'UAT sandbox' }] });
    expect(second.rows[0]).toMatchObject({ status: 'imported', alias: 'UAT sandbox' });
  });
});

describe('ORGanizer import', () => {
  it('stores the plain-text password and token as given, maps the login URL, and says to delete the file', async () => {
    const file = write(
      'organizer.json',
      JSON.stringify({
        accounts: [
          { g: 'Client A', n: 'Acme prod', p: 'Pr0d-pass!', r: 'https://login.salesforce.com', t: 'AbCdEfGhIjKlMnOpQrStUvWx1', u: 'admin@acme.com', oid: '00D000000000001' },
          { n: 'Acme UAT', p: 'Uat-pass!', r: 'https://test.salesforce.com', t: '', u: 'admin@acme.com.uat' },
          { n: 'OAuth only', r: 'https://acme.my.salesforce.com', u: 'oauth@acme.com' },
          { n: 'Bad URL', p: 'x', r: 'ftp://acme', u: 'ftp@acme.com' },
        ],
        orgs: [{ c: 'FF0000', l: 'Acme', n: 'NA1', oid: '00D000000000001AAA' }],
      }),
    );
    const preview = await core.imports.preview({ source: 'organizer', path: file });
    expect(preview.rows.map((row) => [row.status, row.alias, row.environment])).toEqual([
      ['new', 'Acme prod', 'production'],
      ['new', 'Acme UAT', 'sandbox'],
      ['invalid', 'OAuth only', 'custom'],
      ['invalid', 'Bad URL', null],
    ]);
    expect(preview.rows[0]).toMatchObject({ group: 'Client A', color: '#ff0000', secrets: { password: { present: true, length: 10 }, token: { present: true, length: 25 } } });
    expect(preview.rows[2]!.reason).toMatch(/^account 3: it has no password/);
    expect(JSON.stringify(preview)).not.toContain('Pr0d-pass!');
    expect(preview.notes.find((note) => note.code === 'delete-file')).toMatchObject({ path: file });
    const result = await core.imports.apply({ previewId: preview.previewId, rows: includeNew(preview) });
    expect(result.counts.imported).toBe(2);
    const prod = core.orgs.findByName('Acme prod')!;
    expect(await core.reveal(prod.id, 'password')).toEqual({ value: 'Pr0d-pass!' });
    expect(await core.reveal(prod.id, 'token')).toEqual({ value: 'AbCdEfGhIjKlMnOpQrStUvWx1' });
    expect(result.notes.map((note) => note.code)).toEqual(['delete-file', 'untested']);
  });

  it('refuses a file that is not an ORGanizer export', async () => {
    const file = write('other.json', '{"orgs": []}');
    expect(await rejection(core.imports.preview({ source: 'organizer', path: file }))).toMatchObject({ field: 'path', message: expect.stringContaining('no “accounts” list') });
  });
});

describe('sf org list import', () => {
  const ACCESS = '00D000000000001!AQEAQFakeAccessTokenNeverKept';
  const output = () =>
    JSON.stringify({
      status: 0,
      result: {
        nonScratchOrgs: [
          { alias: 'acme', username: 'admin@acme.com', instanceUrl: 'https://acme.my.salesforce.com', loginUrl: 'https://login.salesforce.com', accessToken: ACCESS, isSandbox: false },
          { alias: 'uat', username: 'admin@acme.com.uat', instanceUrl: 'https://acme--uat.sandbox.my.salesforce.com', loginUrl: 'https://test.salesforce.com', accessToken: ACCESS, isSandbox: true },
        ],
        sandboxes: [{ alias: 'uat', username: 'admin@acme.com.uat', instanceUrl: 'https://acme--uat.sandbox.my.salesforce.com', accessToken: ACCESS, isSandbox: true }],
        scratchOrgs: [{ username: 'test-abc@example.com', instanceUrl: 'https://page-ruby-1234.scratch.my.salesforce.com', accessToken: ACCESS, isScratch: true }],
        devHubs: [],
      },
    });

  it('takes each user once, on its My Domain, as browser-login orgs through the given consumer key; the access token goes nowhere', async () => {
    const file = write('orgs.json', output());
    const preview = await core.imports.preview({ source: 'sf', path: file });
    expect(preview.rows.map((row) => [row.status, row.alias, row.loginUrl, row.auth])).toEqual([
      ['new', 'acme', 'https://acme.my.salesforce.com', 'browser'],
      ['new', 'uat', 'https://acme--uat.sandbox.my.salesforce.com', 'browser'],
      ['new', 'test-abc@example.com', 'https://page-ruby-1234.scratch.my.salesforce.com', 'browser'],
    ]);
    expect(preview.needsClientId).toBe(true);
    expect(JSON.stringify(preview)).not.toContain(ACCESS);
    expect(await rejection(core.imports.apply({ previewId: preview.previewId, rows: includeNew(preview) }))).toMatchObject({ code: 'INVALID_INPUT', field: 'clientId' });
    // Refused before anything was stored, and the preview is still there to apply.
    expect(settings.doc.orgs).toEqual([]);
    const result = await core.imports.apply({ previewId: preview.previewId, rows: includeNew(preview), clientId: '3MVG9ExternalClientAppKey' });
    expect(result.counts).toEqual({ imported: 3, failed: 0, skipped: 0 });
    expect(core.orgs.findByName('acme')).toMatchObject({ auth: 'browser', clientId: '3MVG9ExternalClientAppKey', environment: 'custom' });
    expect(JSON.stringify(settings.doc)).not.toContain(ACCESS);
    expect(JSON.stringify([...secrets.entries])).not.toContain(ACCESS);
  });
});

describe('Data Loader import (preview)', () => {
  it('decrypts sfdc.password with the key file the folder names, one row per user and endpoint, and shows lengths only', async () => {
    const key = newKey();
    fs.mkdirSync(path.join(dir, 'keys'));
    fs.writeFileSync(path.join(dir, 'keys/my.key'), key);
    const glued = 'S3cret-pass' + 'AbCdEfGhIjKlMnOpQrStUvWx1';
    const folder = path.join(dir, 'acme');
    write('acme/config.properties', `sfdc.endpoint=https://acme.my.salesforce.com\nsfdc.username=admin@acme.com\nsfdc.password=${encryptForDataLoader(glued, key)}\nprocess.encryptionKeyFile=../keys/my.key\n`);
    write(
      'acme/process-conf.xml',
      `<?xml version="1.0"?><beans>
        <bean id="extract" class="com.salesforce.dataloader.process.ProcessRunner"><property name="configOverrideMap"><map><entry key="process.operation" value="extract"/></map></property></bean>
        <bean id="insert" class="com.salesforce.dataloader.process.ProcessRunner"><property name="configOverrideMap"><map><entry key="process.operation" value="insert"/></map></property></bean>
        <bean id="uat" class="com.salesforce.dataloader.process.ProcessRunner"><property name="configOverrideMap"><map>
          <entry key="sfdc.username" value="admin@acme.com.uat"/><entry key="sfdc.oauth.environment" value="Sandbox"/><entry key="sfdc.endpoint" value=""/>
          <entry key="sfdc.password" value="${encryptForDataLoader('short', key)}"/></map></property></bean>
      </beans>`,
    );
    const broken = path.join(dir, 'broken');
    write('broken/config.properties', `sfdc.username=b@acme.com\nsfdc.password=${encryptForDataLoader('x'.repeat(30), newKey())}\nprocess.encryptionKeyFile=${path.join(dir, 'keys/my.key')}\n`);
    const preview = await core.imports.preview({ source: 'dataloader', paths: [folder, broken] });
    expect(preview.rows.map((row) => [row.status, row.username, row.loginUrl, row.origin.bean ?? null])).toEqual([
      ['new', 'admin@acme.com', 'https://acme.my.salesforce.com', 'extract'],
      ['new', 'admin@acme.com.uat', 'https://test.salesforce.com', 'uat'],
      ['invalid', 'b@acme.com', 'https://login.salesforce.com', null],
    ]);
    expect(preview.rows[0]!.secrets).toEqual({ password: { present: true, length: 11 }, token: { present: true, length: 25 }, glued: { length: 36, tokenLength: 25 } });
    // Too short for a token: the default split is none.
    expect(preview.rows[1]!.secrets.glued).toEqual({ length: 5, tokenLength: 0 });
    expect(preview.rows[2]!.reason).toMatch(/sfdc\.password cannot be decrypted with .*: The text does not decrypt with this key file/);
    expect(JSON.stringify(preview)).not.toContain('S3cret-pass');
    expect(await rejection(core.imports.preview({ source: 'dataloader', paths: [folder, dir] }))).toMatchObject({ field: 'paths.1', message: expect.stringContaining('neither config.properties nor process-conf.xml') });
  });
});
