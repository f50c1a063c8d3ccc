/**
 * The Data Loader section and export form for each kind of export, rendered to markup: an org whose
 * login method hands Data Loader an access token (browser, client credentials, JWT) is told what is
 * written and how the token is renewed, always gets the key-file choice, and every one of its exports
 * offers Renew with the time of the last renewal; a password org keeps the password wording.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AuthMethod, DataLoaderExportInfo, DataLoaderExportResult, OrgDetail } from '../../shared/domain';
import { ExportForm } from '../../renderer/views/dataloader/ExportForm';
import { DataLoaderSection, ExportResultPanel, ExportRow } from '../../renderer/views/dataloader/DataLoaderSection';
import { formatTimestamp } from '../../renderer/lib/format';
import { PRODUCTION_DEFAULT_COLOR } from '../../shared/org-colors';

const absent = { present: false, length: 0 };
const present = (length: number) => ({ present: true, length });
const FOLDER = '/home/ada/Documents/OrgKey/acme-etl-dataloader';

function record(overrides: Partial<DataLoaderExportInfo> = {}): DataLoaderExportInfo {
  return {
    id: 'e1',
    folder: FOLDER,
    keyFile: `${FOLDER}/dataLoader.key`,
    createdKey: true,
    jobs: [{ operation: 'extract', object: 'Account', soql: 'SELECT Id, Name FROM Account' }],
    beans: ['extractAccount'],
    exportedAt: '2026-12-01T08:00:00.000Z',
    stale: false,
    ...overrides,
  };
}

/** An org of `auth` as the detail view has it, with the secrets such an org keeps (a JWT or browser one: no client secret). */
function org(auth: AuthMethod, exports: DataLoaderExportInfo[] = []): OrgDetail {
  const passwordless = auth !== 'password';
  return {
    id: '7d1c6f1e-2a43-4c39-9a2c-5b1d7a0e4f10',
    alias: 'Acme ETL',
    username: 'etl@acme.com',
    environment: 'custom',
    loginUrl: 'https://acme.my.salesforce.com',
    hasToken: !passwordless,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    passwordUpdatedAt: '2026-11-01T00:00:00.000Z',
    auth,
    ...(passwordless ? { clientId: '3MVG9AbCdEfGhIjKlMnOpQrStUvWxYz0123456789' } : {}),
    consecutiveFailures: 0,
    dataLoaderExports: exports,
    color: PRODUCTION_DEFAULT_COLOR,
    colorIsDefault: true,
    secrets: {
      password: passwordless ? absent : present(9),
      token: passwordless ? absent : present(25),
      clientSecret: auth === 'client-credentials' ? present(64) : absent,
      refreshToken: auth === 'browser' ? present(90) : absent,
      privateKey: auth === 'jwt' ? present(1700) : absent,
      pendingPrivateKey: absent,
    },
  };
}

/** The markup's text, tags dropped and entities of the few characters used undone, for reading like a user. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
const noop = () => undefined;
const section = (detail: OrgDetail) => renderToStaticMarkup(createElement(DataLoaderSection, { org: detail }));
const form = (detail: OrgDetail) => renderToStaticMarkup(createElement(ExportForm, { org: detail, onExported: noop, onCancel: noop }));
const row = (accessToken: boolean, info: DataLoaderExportInfo, error: { code: 'EXPORT_LOGIN_FAILED'; message: string; remedy: string } | null = null) =>
  renderToStaticMarkup(createElement('ul', null, createElement(ExportRow, { record: info, accessToken, refreshing: false, error, onRefresh: noop, onForget: noop })));

const PASSWORDLESS: AuthMethod[] = ['browser', 'client-credentials', 'jwt'];

describe('an access-token org (browser, client credentials, JWT)', () => {
  it.each(PASSWORDLESS)('%s: the section and the form say an encrypted access token and instance URL are written, no password, and how it is renewed', (auth) => {
    for (const text of [textOf(section(org(auth))), textOf(form(org(auth)))]) {
      expect(text).toMatch(/access token/);
      expect(text).toMatch(/instance URL/);
      expect(text).toMatch(/no password/i);
      expect(text).toMatch(/Data Loader never renews the token/);
      expect(text).toContain("orgkey export refresh 'Acme ETL'");
      expect(text).toMatch(/two-line job/);
      expect(text).toMatch(/Renew access token/);
      // Not the wording of a password export, nor of Data Loader's own OAuth through the app.
      expect(text).not.toMatch(/External Client App/);
      expect(text).not.toMatch(/password and token (already )?encrypted/);
    }
  });

  it.each(PASSWORDLESS)('%s: the form offers a new or an existing key file, since the token is encrypted with it', (auth) => {
    const html = form(org(auth));
    expect(html).toContain('Create a new key file in the folder');
    expect(html).toContain('Use an existing key file');
    expect(textOf(html)).toMatch(/The key file encrypts the access token/);
  });

  it('every export offers Renew access token, with when the token was last renewed, never “Up to date”', () => {
    const fresh = textOf(row(true, record()));
    expect(fresh).toContain('Renew access token');
    expect(fresh).toContain(`Renewed ${formatTimestamp('2026-12-01T08:00:00.000Z')}`);
    expect(fresh).not.toMatch(/Up to date|Out of date/);
    const renewed = textOf(row(true, record({ refreshedAt: '2026-12-03T02:00:00.000Z' })));
    expect(renewed).toContain(`Renewed ${formatTimestamp('2026-12-03T02:00:00.000Z')}`);
    expect(renewed).toContain('Token renewed');
    expect(renewed).toMatch(/new access token .*sfdc\.oauth\.accesstoken/);
  });

  it('a refused login shows its message and remedy in the export’s row', () => {
    const html = row(true, record(), {
      code: 'EXPORT_LOGIN_FAILED',
      message: 'OrgKey could not log in for an access token, so it wrote nothing. The app refused the client credentials.',
      remedy: 'Turn the client credentials flow back on in the app.',
    });
    expect(html).toContain('data-error-code="EXPORT_LOGIN_FAILED"');
    expect(textOf(html)).toMatch(/could not log in for an access token, so it wrote nothing\. The app refused .* Turn the client credentials flow back on/);
  });

  it('the result says the token was checked, and shows the renewal before each job', () => {
    const result: DataLoaderExportResult = { export: record(), written: [`${FOLDER}/config.properties`], kept: [], createdFolder: true };
    const text = textOf(renderToStaticMarkup(createElement(ExportResultPanel, { result, alias: 'Acme ETL', accessToken: true, onDismiss: noop })));
    expect(text).toMatch(/sfdc\.oauth\.accesstoken and sfdc\.password decrypt to the access token OrgKey just got/);
    expect(text).toContain(`orgkey export refresh "Acme ETL" process.bat "${FOLDER}" extractAccount`);
    expect(text).toContain(`orgkey export refresh 'Acme ETL' ./dataloader_console "${FOLDER}" extractAccount run.mode=batch`);
    expect(text).not.toMatch(/External Client App/);
  });
});

describe('a password org', () => {
  it('keeps the password wording, the key-file choice, and Refresh only when the export is out of date', () => {
    const text = textOf(section(org('password')) + form(org('password')));
    expect(text).toMatch(/password and token already encrypted/);
    expect(text).not.toMatch(/access token|orgkey export refresh/);
    expect(form(org('password'))).toContain('Use an existing key file');
    expect(textOf(row(false, record()))).toContain('Up to date');
    expect(textOf(row(false, record()))).not.toMatch(/Refresh export|Renew/);
    const stale = textOf(row(false, record({ stale: true, staleReason: 'The security token changed since this export.' })));
    expect(stale).toContain('Refresh export');
    expect(stale).toContain('The security token changed since this export.');
  });
});
