import { describe, expect, it } from 'vitest';
import { checkAlias, checkLoginUrl, checkPassword, checkToken, checkUsername } from '../../shared/validation';
import { isSalesforceHost, myDomainForLightningHost, sandboxImpliedByHost } from '../../shared/salesforce-hosts';

const message = (check: { ok: boolean; message?: string }) => (check.ok ? null : check.message);

describe('alias', () => {
  it('trims and collapses inner spaces', () => {
    expect(checkAlias('  UAT   sandbox ')).toMatchObject({ ok: true, value: 'UAT sandbox' });
  });
  it('is required, with an example of a good name', () => {
    expect(message(checkAlias('   '))).toMatch(/Give the org a name/);
  });
  it('is limited to 80 characters', () => {
    expect(message(checkAlias('x'.repeat(81)))).toMatch(/80 characters/);
    expect(checkAlias('x'.repeat(80)).ok).toBe(true);
  });
});

describe('username', () => {
  it('accepts email-shaped usernames including sandbox suffixes', () => {
    expect(checkUsername(' admin@acme.com.uat ')).toMatchObject({ ok: true, value: 'admin@acme.com.uat' });
  });
  it.each([
    ['', /Enter the Salesforce username/],
    ['admin', /look like an email address/],
    ['admin@acme', /look like an email address/],
    ['ad min@acme.com', /cannot contain spaces/],
    [`${'a'.repeat(75)}@b.com`, /at most 80/],
  ])('rejects %j with a specific message', (input, expected) => {
    expect(message(checkUsername(input))).toMatch(expected);
  });
});

describe('password', () => {
  it('keeps the password exactly as typed, spaces included', () => {
    expect(checkPassword(' pass word ')).toMatchObject({ ok: true, value: ' pass word ' });
  });
  it('is required', () => {
    expect(message(checkPassword(''))).toMatch(/Enter the password/);
  });
  it('refuses a pasted line break', () => {
    expect(message(checkPassword('secret\n'))).toMatch(/line break/);
  });
});

describe('security token', () => {
  it('is optional: trusted networks need none', () => {
    expect(checkToken('   ')).toMatchObject({ ok: true, value: '' });
  });
  it('accepts 25 letters and digits, trimmed', () => {
    expect(checkToken(' AbCdEfGhIjKlMnOpQrStUvWx1 ')).toMatchObject({ ok: true, value: 'AbCdEfGhIjKlMnOpQrStUvWx1' });
  });
  it.each([
    ['AbCdEfGh IjKlMnOpQrStUvWx1', /space or line break/],
    ['AbCdEfGhIjKlMnOpQrStUvWx1.', /only letters and digits/],
    ['Ab12', /4 characters long/],
  ])('rejects %j with a specific message', (input, expected) => {
    expect(message(checkToken(input))).toMatch(expected);
  });
});

describe('login URL', () => {
  it('uses the standard hosts for production and sandbox', () => {
    expect(checkLoginUrl('production', undefined)).toMatchObject({ ok: true, value: 'https://login.salesforce.com' });
    expect(checkLoginUrl('sandbox', 'https://ignored.example')).toMatchObject({ ok: true, value: 'https://test.salesforce.com' });
  });
  it('accepts a My Domain URL and reduces it to its origin', () => {
    const check = checkLoginUrl('custom', 'https://acme.my.salesforce.com/');
    expect(check).toMatchObject({ ok: true, value: 'https://acme.my.salesforce.com', notices: [] });
  });
  it('adds https:// when the scheme is left out', () => {
    expect(checkLoginUrl('custom', 'acme--uat.sandbox.my.salesforce.com')).toMatchObject({
      ok: true,
      value: 'https://acme--uat.sandbox.my.salesforce.com',
    });
  });
  it('says so when a path was dropped', () => {
    const check = checkLoginUrl('custom', 'https://acme.my.salesforce.com/lightning/page/home');
    expect(check.ok && check.notices.map((n) => n.code)).toEqual(['URL_NORMALISED']);
  });
  it('refuses plain http except for loopback test servers', () => {
    expect(message(checkLoginUrl('custom', 'http://acme.my.salesforce.com'))).toMatch(/must use https/);
    expect(checkLoginUrl('custom', 'http://127.0.0.1:8443')).toMatchObject({ ok: true, value: 'http://127.0.0.1:8443', notices: [] });
    expect(checkLoginUrl('custom', 'http://localhost:3000')).toMatchObject({ ok: true, value: 'http://localhost:3000' });
  });
  it('accepts a host outside Salesforce with a visible warning', () => {
    const check = checkLoginUrl('custom', 'https://login.example.com');
    expect(check.ok).toBe(true);
    expect(check.ok && check.notices).toEqual([
      expect.objectContaining({ code: 'HOST_NOT_SALESFORCE', field: 'customUrl', message: expect.stringMatching(/not a Salesforce domain/) }),
    ]);
  });
  it('points a pasted Lightning address at the My Domain login host', () => {
    expect(message(checkLoginUrl('custom', 'https://acme.lightning.force.com/one/one.app'))).toMatch(
      /https:\/\/acme\.my\.salesforce\.com/,
    );
    expect(message(checkLoginUrl('custom', 'acme--uat.sandbox.lightning.force.com'))).toMatch(
      /https:\/\/acme--uat\.sandbox\.my\.salesforce\.com/,
    );
  });
  it.each([
    ['', /Enter your My Domain URL/],
    ['https://', /not a web address/],
    ['ftp://acme.my.salesforce.com', /Use an https/],
    ['https://me:pw@acme.my.salesforce.com', /user name and password out/],
  ])('rejects %j with a specific message', (input, expected) => {
    expect(message(checkLoginUrl('custom', input))).toMatch(expected);
  });
});

describe('Salesforce hosts', () => {
  it('recognises Salesforce domains and their subdomains only', () => {
    expect(isSalesforceHost('acme.my.salesforce.com')).toBe(true);
    expect(isSalesforceHost('login.salesforce.com.')).toBe(true);
    expect(isSalesforceHost('acme.my.salesforce.mil')).toBe(true);
    expect(isSalesforceHost('salesforce.com.evil.example')).toBe(false);
    expect(isSalesforceHost('notsalesforce.com')).toBe(false);
  });
  it('maps Lightning hosts to My Domain hosts', () => {
    expect(myDomainForLightningHost('acme.lightning.force.com')).toBe('acme.my.salesforce.com');
    expect(myDomainForLightningHost('acme.my.salesforce.com')).toBeNull();
  });
  it('knows the Lightning and My Domain hosts of the government and China clouds', () => {
    for (const host of ['acme.lightning.crmforce.mil', 'acme.my-lightning.com', 'acme.lightning.sfcrmapps.cn', 'acme.my.sfcrmproducts.cn']) {
      expect(isSalesforceHost(host)).toBe(true);
    }
  });
});

describe('My Domain hosts in every partition and cloud', () => {
  // Lightning UI host → the My Domain login host to use instead, and what that login host implies.
  const hosts: Array<[lightning: string, myDomain: string, sandbox: boolean | null]> = [
    ['acme.lightning.force.com', 'acme.my.salesforce.com', false],
    ['acme--uat.sandbox.lightning.force.com', 'acme--uat.sandbox.my.salesforce.com', true],
    ['acme-dev-ed.develop.lightning.force.com', 'acme-dev-ed.develop.my.salesforce.com', false],
    ['acme-scratch-1.scratch.lightning.force.com', 'acme-scratch-1.scratch.my.salesforce.com', true],
    ['acme-patch.patch.lightning.force.com', 'acme-patch.patch.my.salesforce.com', false],
    ['acme-demo.demo.lightning.force.com', 'acme-demo.demo.my.salesforce.com', false],
    ['acme-play.trailblaze.lightning.force.com', 'acme-play.trailblaze.my.salesforce.com', false],
    ['acme.lightning.crmforce.mil', 'acme.my.salesforce.mil', false],
    ['acme--uat.sandbox.lightning.crmforce.mil', 'acme--uat.sandbox.my.salesforce.mil', true],
    ['acme.my-lightning.com', 'acme.my-salesforce.com', false],
    ['uat.acme.sandbox.my-lightning.com', 'uat.acme.sandbox.my-salesforce.com', true],
    ['acme.lightning.sfcrmapps.cn', 'acme.my.sfcrmproducts.cn', false],
    ['acme--uat.sandbox.lightning.sfcrmapps.cn', 'acme--uat.sandbox.my.sfcrmproducts.cn', true],
    // Before enhanced domains a sandbox was `name--sandbox.my.salesforce.com`: the form alone does not say.
    ['acme--uat.lightning.force.com', 'acme--uat.my.salesforce.com', null],
  ];
  it.each(hosts)('%s is refused as a login host, with %s suggested', (lightning, myDomain) => {
    expect(myDomainForLightningHost(lightning)).toBe(myDomain);
    expect(myDomainForLightningHost(lightning.toUpperCase())).toBe(myDomain);
    expect(message(checkLoginUrl('custom', `https://${lightning}/lightning/page/home`))).toBe(
      `That is the Lightning address of the org. Logins use the My Domain URL: https://${myDomain}`,
    );
    const login = checkLoginUrl('custom', myDomain);
    expect(login.ok && { value: login.value, notices: login.notices }).toEqual({ value: `https://${myDomain}`, notices: [] });
  });
  it.each(hosts)('%s: its My Domain %s implies sandbox %s', (_lightning, myDomain, sandbox) => {
    expect(sandboxImpliedByHost(myDomain)).toBe(sandbox);
  });
  it('reads the generic login hosts, and says nothing about other hosts', () => {
    expect(sandboxImpliedByHost('test.salesforce.com')).toBe(true);
    expect(sandboxImpliedByHost('login.salesforce.com')).toBe(false);
    expect(sandboxImpliedByHost('127.0.0.1')).toBeNull();
    expect(sandboxImpliedByHost('acme.example.com')).toBeNull();
    expect(sandboxImpliedByHost('acme.scratch.lightning.force.com')).toBeNull();
    expect(myDomainForLightningHost('lightning.force.com')).toBeNull();
    expect(myDomainForLightningHost('acme.lightning.force.com.evil.example')).toBeNull();
  });
});
