/**
 * What an access-token export writes: config.properties, the jobs in process-conf.xml and README.txt's
 * scheduled job, line by line, as Data Loader's batch mode reads them.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBeans } from '../../electron/core/dataloader/process-conf';
import { getProperty } from '../../electron/core/dataloader/properties';
import { configProperties, processConf, readme, type ExportLayout } from '../../electron/core/dataloader/templates';

const INSTANCE = 'https://acme.my.salesforce.com';
const layout = (overrides: Partial<ExportLayout> = {}): ExportLayout => ({
  org: { alias: 'Acme prod', username: '', environment: 'production', loginUrl: INSTANCE },
  folder: '/home/ann/dl/acme',
  keyFile: '/home/ann/dl/acme/dataLoader.key',
  jobs: [
    { operation: 'extract', object: 'Account' },
    { operation: 'insert', object: 'Account' },
  ],
  session: { encryptedAccessToken: '0a1b2c', instanceUrl: 'https://acme.my.salesforce.com', username: 'integration@acme.example' },
  writtenAt: new Date('2026-05-01T08:00:00Z'),
  ...overrides,
});

describe('an access-token export', () => {
  it('config.properties holds the encrypted token (also as sfdc.password), the instance URL as endpoint, and the token’s user', () => {
    const text = configProperties(layout({ org: { ...layout().org, loginUrl: 'https://login.salesforce.com' } }));
    expect(getProperty(text, 'sfdc.oauth.accesstoken')).toBe('0a1b2c');
    expect(getProperty(text, 'sfdc.password')).toBe('0a1b2c');
    expect(getProperty(text, 'salesforce.oauth.instanceURL')).toBe(INSTANCE);
    // Data Loader sends its calls to the current environment's endpoint: the instance, not the login host.
    expect(getProperty(text, 'sfdc.endpoint.Production')).toBe(INSTANCE);
    expect(getProperty(text, 'sfdc.endpoint')).toBe(INSTANCE);
    expect(getProperty(text, 'sfdc.oauth.environment')).toBe('Production');
    expect(getProperty(text, 'sfdc.username')).toBe('integration@acme.example');
    expect(getProperty(text, 'process.encryptionKeyFile')).toBe('/home/ann/dl/acme/dataLoader.key');
    expect(text).not.toMatch(/eca\.|useExternalClientApp/);
    expect(text).toContain('# No password is stored here.');
  });

  it('a sandbox writes the instance as its Sandbox endpoint', () => {
    const text = configProperties(layout({ org: { ...layout().org, environment: 'sandbox' }, session: { ...layout().session!, instanceUrl: 'https://acme--uat.sandbox.my.salesforce.com' } }));
    expect(getProperty(text, 'sfdc.oauth.environment')).toBe('Sandbox');
    expect(getProperty(text, 'sfdc.endpoint.Sandbox')).toBe('https://acme--uat.sandbox.my.salesforce.com');
    expect(getProperty(text, 'sfdc.endpoint.Production')).toBe('https://login.salesforce.com');
  });

  it('every job in process-conf.xml carries the same login entries', () => {
    const beans = readBeans(processConf(layout()));
    expect(beans.map((bean) => bean.id)).toEqual(['extractAccount', 'insertAccount']);
    for (const bean of beans) {
      expect(bean.entries.get('sfdc.oauth.accesstoken')).toBe('0a1b2c');
      expect(bean.entries.get('sfdc.password')).toBe('0a1b2c');
      expect(bean.entries.get('salesforce.oauth.instanceURL')).toBe(INSTANCE);
      expect(bean.entries.get('sfdc.username')).toBe('integration@acme.example');
    }
  });

  it('README.txt gives the two-line job for cron and Task Scheduler, quoted for each shell', () => {
    const text = readme(layout({ org: { ...layout().org, alias: "Ann's 100% org" } }));
    expect(text).toContain(["    orgkey export refresh 'Ann'\\''s 100% org' || exit 1", "    cd /path/to/dataloader && ./dataloader.sh /home/ann/dl/acme extractAccount run.mode=batch"].join('\n'));
    expect(text).toContain(['    call orgkey export refresh "Ann\'s 100%% org" || exit /b 1', '    cd /d "C:\\path\\to\\dataloader\\bin" && process.bat "/home/ann/dl/acme" extractAccount'].join('\n'));
    expect(text).toContain('crontab -e');
    expect(text).toContain('schtasks /create');
    expect(text).toMatch(/stays valid for the org's session timeout/);
    expect(text).toContain('(integration@acme.example)');
  });

  it('Windows folders are quoted in the batch file', () => {
    const text = readme(layout({ folder: 'C:\\Users\\Ann\\Data Loader\\acme', keyFile: 'C:\\Users\\Ann\\Data Loader\\acme\\dataLoader.key', paths: path.win32 }));
    expect(text).toContain('process.bat "C:\\Users\\Ann\\Data Loader\\acme" extractAccount');
    expect(text).toContain("./dataloader.sh 'C:\\Users\\Ann\\Data Loader\\acme' extractAccount");
  });
});

describe('a password export', () => {
  it('keeps the login URL and has no token properties', () => {
    const text = configProperties(layout({ session: undefined, encryptedPassword: 'ffee', org: { ...layout().org, username: 'ann@acme.example' } }));
    expect(getProperty(text, 'sfdc.password')).toBe('ffee');
    expect(getProperty(text, 'sfdc.username')).toBe('ann@acme.example');
    expect(getProperty(text, 'sfdc.oauth.accesstoken')).toBeUndefined();
    expect(getProperty(text, 'salesforce.oauth.instanceURL')).toBeUndefined();
  });
});
