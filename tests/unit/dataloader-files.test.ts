/**
 * The text of an export: Java properties written and read as java.util.Properties does, the
 * process-conf.xml beans, in-place rewriting of sfdc.password, and the settings each org gets.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBeans, replaceEntryValues } from '../../electron/core/dataloader/process-conf';
import { getProperty, parseProperties, propertyLine, replaceProperty } from '../../electron/core/dataloader/properties';
import { beanId, configProperties, environmentOf, processConf, readme, type ExportLayout } from '../../electron/core/dataloader/templates';
import type { DataLoaderJob } from '../../shared/domain';

describe('properties', () => {
  it('escapes backslashes, leading spaces, control and non-ASCII characters, and reads them back', () => {
    const values = ['C:\\Users\\Ana\\dataloader\\key', ' leading space', 'tab\there', 'line\nbreak', 'Ünïcødé €', 'emoji 🔑', 'a=b:c#d!e'];
    for (const value of values) {
      const line = propertyLine('some.key', value);
      expect(line).toMatch(/^[\x20-\x7e]+$/);
      expect(getProperty(`${line}\n`, 'some.key')).toBe(value);
    }
    expect(propertyLine('process.encryptionKeyFile', 'C:\\k')).toBe('process.encryptionKeyFile=C:\\\\k');
  });

  it('reads comments, every separator, continuation lines and escaped keys like Java', () => {
    const text = [
      '# a comment',
      '! another',
      '   indented.key   =   spaced value',
      'colon.key:colon value',
      'space.key space value',
      'multi.key = first \\',
      '    second',
      'escaped\\ key\\=x = v',
      'empty.key',
      'dup=1',
      'dup=2',
    ].join('\r\n');
    const entries = new Map(parseProperties(text).map((entry) => [entry.key, entry.value]));
    expect(entries.get('indented.key')).toBe('spaced value');
    expect(entries.get('colon.key')).toBe('colon value');
    expect(entries.get('space.key')).toBe('space value');
    expect(entries.get('multi.key')).toBe('first second');
    expect(entries.get('escaped key=x')).toBe('v');
    expect(entries.get('empty.key')).toBe('');
    expect(getProperty(text, 'dup')).toBe('2');
    expect(entries.has('# a comment')).toBe(false);
  });

  it('replaces a value in place, keeping every other line, the separator and the line breaks', () => {
    const text = ['# keep me', 'sfdc.username = a@b.c', 'sfdc.password : old\\', '   continued', 'other=1', 'sfdc.password=again', 'last=2'].join('\r\n') + '\r\n';
    const { text: next, replaced } = replaceProperty(text, 'sfdc.password', 'NEW');
    expect(replaced).toBe(2);
    expect(next).toBe(['# keep me', 'sfdc.username = a@b.c', 'sfdc.password : NEW', 'other=1', 'sfdc.password=NEW', 'last=2'].join('\r\n') + '\r\n');
    expect(replaceProperty(text, 'absent.key', 'x')).toEqual({ text, replaced: 0 });
  });
});

const jobs: DataLoaderJob[] = [
  { operation: 'extract', object: 'Account' },
  { operation: 'insert', object: 'Invoice__c' },
  { operation: 'update', object: 'Account' },
  { operation: 'upsert', object: 'Account', externalIdField: 'Ext_Id__c' },
  { operation: 'delete', object: 'Contact' },
];

function layout(overrides: Partial<Omit<ExportLayout, 'org'>> & { org?: Partial<ExportLayout['org']> } = {}): ExportLayout {
  const { org, ...rest } = overrides;
  return {
    org: { alias: 'Acme -- prod', username: 'admin@acme.example', environment: 'production', loginUrl: 'https://login.salesforce.com', ...org },
    folder: '/home/ana/dl/acme',
    keyFile: '/home/ana/dl/acme/dataLoader.key',
    jobs,
    encryptedPassword: '0011aabb',
    writtenAt: new Date('2026-11-28T12:00:00Z'),
    ...rest,
  };
}

describe('which Data Loader environment and endpoints an org gets', () => {
  const cases: Array<[Partial<ExportLayout['org']>, string, string, string]> = [
    [{ environment: 'production', loginUrl: 'https://login.salesforce.com' }, 'Production', 'https://login.salesforce.com', 'https://test.salesforce.com'],
    [{ environment: 'sandbox', loginUrl: 'https://test.salesforce.com' }, 'Sandbox', 'https://login.salesforce.com', 'https://test.salesforce.com'],
    [{ environment: 'custom', loginUrl: 'https://acme.my.salesforce.com' }, 'Production', 'https://acme.my.salesforce.com', 'https://test.salesforce.com'],
    [
      { environment: 'custom', loginUrl: 'https://acme--uat.sandbox.my.salesforce.com' },
      'Sandbox',
      'https://login.salesforce.com',
      'https://acme--uat.sandbox.my.salesforce.com',
    ],
    // Scratch orgs are sandboxes (Organization.IsSandbox); Data Loader logs in to them as Sandbox.
    [
      { environment: 'custom', loginUrl: 'https://acme-1.scratch.my.salesforce.com' },
      'Sandbox',
      'https://login.salesforce.com',
      'https://acme-1.scratch.my.salesforce.com',
    ],
    [{ environment: 'custom', loginUrl: 'https://acme-dev-ed.develop.my.salesforce.com' }, 'Production', 'https://acme-dev-ed.develop.my.salesforce.com', 'https://test.salesforce.com'],
    [
      { environment: 'custom', loginUrl: 'https://acme--uat.sandbox.my.salesforce.mil' },
      'Sandbox',
      'https://login.salesforce.com',
      'https://acme--uat.sandbox.my.salesforce.mil',
    ],
  ];
  for (const [org, environment, production, sandbox] of cases) {
    it(`${org.loginUrl} → ${environment}`, () => {
      const text = configProperties(layout({ org }));
      expect(getProperty(text, 'sfdc.oauth.environment')).toBe(environment);
      expect(getProperty(text, 'sfdc.endpoint.Production')).toBe(production);
      expect(getProperty(text, 'sfdc.endpoint.Sandbox')).toBe(sandbox);
      expect(getProperty(text, 'sfdc.endpoint')).toBe(org.loginUrl);
      for (const bean of readBeans(processConf(layout({ org })))) {
        expect(bean.entries.get('sfdc.oauth.environment')).toBe(environment);
        expect(bean.entries.get('sfdc.endpoint')).toBe(org.loginUrl);
      }
    });
  }

  it('a My Domain that a test showed to be a sandbox logs in as Sandbox', () => {
    const org = {
      environment: 'custom' as const,
      loginUrl: 'https://acme--uat.my.salesforce.com',
      lastTest: { ok: true, testedAt: '', latencyMs: 1, via: 'soap' as const, usedToken: true, warnings: [], facts: { isSandbox: true } as never },
    };
    expect(environmentOf({ alias: 'x', username: 'y', ...org })).toBe('Sandbox');
  });
});

describe('config.properties', () => {
  it('has the login, the encrypted password, the key file, and Data Loader’s default timeouts', () => {
    const text = configProperties(layout());
    expect(getProperty(text, 'sfdc.username')).toBe('admin@acme.example');
    expect(getProperty(text, 'sfdc.password')).toBe('0011aabb');
    expect(getProperty(text, 'process.encryptionKeyFile')).toBe('/home/ana/dl/acme/dataLoader.key');
    expect(getProperty(text, 'sfdc.timeoutSecs')).toBe('540');
    expect(getProperty(text, 'sfdc.connectionTimeoutSecs')).toBe('60');
    expect(getProperty(text, 'sfdc.oauth.environments')).toBe('Production,Sandbox');
  });

  it('writes Windows paths so Java reads them back with their backslashes', () => {
    const text = configProperties(layout({ folder: 'C:\\Users\\Ana\\dl', keyFile: 'C:\\Users\\Ana\\.dataloader\\dataLoader.key', paths: path.win32 }));
    expect(text).toContain('process.encryptionKeyFile=C:\\\\Users\\\\Ana\\\\.dataloader\\\\dataLoader.key');
    expect(getProperty(text, 'process.encryptionKeyFile')).toBe('C:\\Users\\Ana\\.dataloader\\dataLoader.key');
    const beans = readBeans(processConf(layout({ folder: 'C:\\Users\\Ana\\dl', paths: path.win32 })));
    expect(beans[0]!.entries.get('dataAccess.name')).toBe('C:\\Users\\Ana\\dl\\data\\extractAccount.csv');
  });
});

describe('process-conf.xml', () => {
  it('has one ProcessRunner bean per job with the connection and the job’s files', () => {
    const xml = processConf(layout());
    const beans = readBeans(xml);
    expect(beans.map((bean) => bean.id)).toEqual(['extractAccount', 'insertInvoice__c', 'updateAccount', 'upsertAccount', 'deleteContact']);
    expect(xml.match(/class="com\.salesforce\.dataloader\.process\.ProcessRunner"/g)).toHaveLength(5);
    const [extract, insert, , upsert, del] = beans;
    for (const bean of beans) {
      expect(bean.entries.get('sfdc.password')).toBe('0011aabb');
      expect(bean.entries.get('sfdc.username')).toBe('admin@acme.example');
      expect(bean.entries.get('process.encryptionKeyFile')).toBe('/home/ana/dl/acme/dataLoader.key');
      expect(bean.entries.get('process.outputError')).toBe(`/home/ana/dl/acme/status/${bean.id}-error.csv`);
    }
    expect(extract!.entries.get('process.operation')).toBe('extract');
    expect(extract!.entries.get('sfdc.extractionSOQL')).toBe('SELECT Id, Name FROM Account');
    expect(extract!.entries.get('dataAccess.type')).toBe('csvWrite');
    expect(insert!.entries.get('sfdc.entity')).toBe('Invoice__c');
    expect(insert!.entries.get('process.mappingFile')).toBe('/home/ana/dl/acme/mappings/insertInvoice__c.sdl');
    expect(insert!.entries.get('dataAccess.type')).toBe('csvRead');
    expect(upsert!.entries.get('sfdc.externalIdField')).toBe('Ext_Id__c');
    expect(del!.entries.get('process.operation')).toBe('delete');
  });

  it('escapes what XML needs and keeps a comment valid whatever the org is called', () => {
    const xml = processConf(layout({ jobs: [{ operation: 'extract', object: 'Account', soql: "SELECT Id FROM Account WHERE Name = 'A&B <x>'" }] }));
    expect(xml).toContain('Acme - - prod');
    expect(readBeans(xml)[0]!.entries.get('sfdc.extractionSOQL')).toBe("SELECT Id FROM Account WHERE Name = 'A&B <x>'");
  });

  it('rewrites only the sfdc.password values, whatever the attribute order and quotes', () => {
    const xml = [
      '<beans><bean id="a"><property name="configOverrideMap"><map>',
      '  <entry key="sfdc.username" value="u@x.y"/>',
      '  <entry key="sfdc.password" value="old1"/>',
      "  <entry value='old2'   key='sfdc.password' />",
      '  <entry key="sfdc.passwordish" value="keep"/>',
      '  <!-- <entry key="other" value="a > b"/> -->',
      '</map></property></bean></beans>',
    ].join('\n');
    const { text, replaced } = replaceEntryValues(xml, 'sfdc.password', 'N&W');
    expect(replaced).toBe(2);
    expect(text.split('\n')).toEqual([
      '<beans><bean id="a"><property name="configOverrideMap"><map>',
      '  <entry key="sfdc.username" value="u@x.y"/>',
      '  <entry key="sfdc.password" value="N&amp;W"/>',
      "  <entry value='N&amp;W'   key='sfdc.password' />",
      '  <entry key="sfdc.passwordish" value="keep"/>',
      '  <!-- <entry key="other" value="a > b"/> -->',
      '</map></property></bean></beans>',
    ]);
  });

  it('refuses XML that is not well-formed', () => {
    expect(() => readBeans('<beans><bean id="a"></beans>')).toThrow(/not well-formed/);
  });
});

describe('README.txt', () => {
  it('gives the exact command for each system with the folder and the first job', () => {
    const text = readme(layout());
    expect(text).toContain('process.bat "/home/ana/dl/acme" extractAccount');
    expect(text).toContain('./dataloader_console "/home/ana/dl/acme" extractAccount run.mode=batch');
    expect(text).toContain('./dataloader.sh "/home/ana/dl/acme" extractAccount run.mode=batch');
    for (const job of jobs) expect(text).toContain(`process.bat "/home/ana/dl/acme" ${beanId(job)}`);
  });
});
