/**
 * The Import orgs view's logic (renderer/lib/importForm.ts): the preview request and where a field
 * error on it lands, the rows' changes kept across previews, the names checked before apply, and the
 * apply request those changes make.
 */
import { describe, expect, it } from 'vitest';
import type { ImportPreview, ImportRow } from '../../shared/imports';
import {
  applyRequestOf,
  boundaryOptions,
  checkEdits,
  fieldOfPreviewError,
  folderField,
  initialEdits,
  INITIAL_SOURCE_VALUES,
  previewRequestOf,
  type SourceValues,
} from '../../renderer/lib/importForm';

const absent = { present: false, length: 0 };

function row(key: string, overrides: Partial<ImportRow> = {}): ImportRow {
  return {
    key,
    status: 'new',
    origin: { file: '/tmp/orgs.csv', line: 2, label: 'orgs.csv, line 2' },
    alias: key,
    username: `${key}@acme.com`,
    environment: 'production',
    loginUrl: 'https://login.salesforce.com',
    auth: 'password',
    secrets: { password: absent, token: absent },
    notes: [],
    ...overrides,
  };
}

function preview(rows: ImportRow[], overrides: Partial<ImportPreview> = {}): ImportPreview {
  return {
    previewId: '6f1c1c5e-2f4b-4d7a-9a53-0d1f7a0c2b11',
    source: 'csv',
    files: ['/tmp/orgs.csv'],
    rows,
    notes: [],
    counts: { new: rows.filter((r) => r.status === 'new').length, duplicate: 0, invalid: 0 },
    needsClientId: false,
    expiresAt: '2026-11-28T10:30:00Z',
    ...overrides,
  };
}

describe('the source step', () => {
  it('sends the filled folders only, and maps a field error back to the field it came from', () => {
    const values: SourceValues = { ...INITIAL_SOURCE_VALUES, folders: ['/a', '  ', '/c'] };
    expect(previewRequestOf(values).request).toEqual({ source: 'dataloader', paths: ['/a', '/c'] });
    // paths.1 is the second folder sent: the third field.
    expect(fieldOfPreviewError(values, 'paths.1')).toBe(folderField(2));
    expect(fieldOfPreviewError(values, 'paths.0')).toBe(folderField(0));
    expect(fieldOfPreviewError(values, 'other')).toBeNull();
  });

  it('asks for a folder or a file before sending anything', () => {
    expect(previewRequestOf(INITIAL_SOURCE_VALUES).errors).toEqual({ [folderField(0)]: expect.stringContaining('config.properties') });
    const csv: SourceValues = { ...INITIAL_SOURCE_VALUES, source: 'csv' };
    expect(previewRequestOf(csv).errors).toEqual({ 'importFile-csv': 'Choose the CSV file to read.' });
    expect(fieldOfPreviewError({ ...csv, files: { ...csv.files, csv: '/x.csv' } }, 'path')).toBe('importFile-csv');
  });
});

describe('the preview', () => {
  it('includes new rows only, and keeps what the admin changed for rows previewed again', () => {
    const rows = [row('a'), row('b', { status: 'duplicate' }), row('c', { status: 'invalid', reason: 'line 4: …' })];
    const first = initialEdits(preview(rows));
    expect(Object.values(first).map((edit) => edit.include)).toEqual([true, false, false]);
    const again = initialEdits(preview(rows), { ...first, a: { include: false, alias: 'Renamed' } });
    expect(again.a).toEqual({ include: false, alias: 'Renamed' });
  });

  it('offers the three token boundaries, refusing one that leaves no password', () => {
    expect(boundaryOptions(25)).toEqual([
      { value: 25, label: 'password 0 + token 25 characters', disabled: true },
      { value: 24, label: 'password 1 + token 24 characters', disabled: false },
      { value: 0, label: 'password 25 characters, no token', disabled: false },
    ]);
  });

  it('refuses a taken name, in any case, and two chosen rows under one name, next to the later row', () => {
    const p = preview([row('a', { alias: 'UAT' }), row('b', { alias: 'Dev' }), row('c', { alias: 'dev' }), row('d', { alias: 'Other' })]);
    const edits = initialEdits(p);
    const { errors, first } = checkEdits(p, { ...edits, d: { include: true, alias: '  ' } }, ['uat']);
    expect(errors).toEqual({
      a: 'An org named “uat” is in OrgKey already: give this one another name.',
      c: 'The org from orgs.csv, line 2 is imported under this name too: give this one another name.',
      d: expect.stringMatching(/^Give the org a name/),
    });
    expect(first).toBe('a');
    // A row left out clashes with nothing.
    expect(checkEdits(p, { ...edits, a: { include: false, alias: 'UAT' }, b: { include: false, alias: 'Dev' } }, ['uat']).errors).toEqual({});
  });

  it('sends every row, with the alias only where changed, the boundary, the batch group and consumer key', () => {
    const glued = { password: { present: true, length: 11 }, token: { present: true, length: 25 }, glued: { length: 36, tokenLength: 25 as const } };
    const p = preview([row('a', { secrets: glued }), row('b'), row('c', { status: 'duplicate' })], { needsClientId: true });
    const edits = { ...initialEdits(p), a: { include: true, alias: ' Acme  prod ', tokenLength: 24 as const }, b: { include: false, alias: 'b' } };
    expect(applyRequestOf(p, edits, { group: ' Client A ', clientId: ' key ' })).toEqual({
      previewId: p.previewId,
      rows: [
        { key: 'a', include: true, alias: 'Acme prod', tokenLength: 24, group: 'Client A' },
        { key: 'b', include: false },
        { key: 'c', include: false },
      ],
      clientId: 'key',
    });
  });
});
