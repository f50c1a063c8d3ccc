/**
 * What may go to the OS browser: one decision (isOpenableExternalUrl) and the gate every opener is
 * built with (allowListedOpener), which starts nothing for an address the decision refuses.
 */
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core';
import { allowListedOpener } from '../../electron/core/external-opener';
import type { OrgKeyError } from '../../electron/core/errors';
import { isOpenableExternalUrl } from '../../shared/salesforce-hosts';
import { memorySecrets, memorySettings } from '../support/memory';
import { freePort } from '../support/ports';

describe('the browser allow-list', () => {
  it.each([
    'https://acme.my.salesforce.com/lightning/settings/personal/ResetApiToken/home',
    'https://login.salesforce.com/services/oauth2/authorize?client_id=x',
    'https://test.salesforce.com/',
    'https://acme--uat.sandbox.my.salesforce.com/',
    'https://acme.lightning.force.com/',
    'https://acme.my.salesforce-setup.com/lightning/setup/SetupOneHome/home',
    'https://acme.my.salesforce.mil/',
    'https://acme.develop.lightning.force.com/',
    'https://na224.salesforce.com/',
    'http://127.0.0.1:8788/services/oauth2/authorize?state=s',
    'http://localhost:1717/',
    'http://[::1]:8788/',
    'https://127.0.0.1:8443/',
  ])('lets %j through: a Salesforce page over https, or a loopback address', (url) => {
    expect(isOpenableExternalUrl(url)).toBe(true);
  });

  it.each([
    'https://evil.example/',
    'https://salesforce.com.evil.example/',
    // Sites: pages Salesforce's customers publish, on Salesforce's domains but not Salesforce's pages.
    'https://anyone.force.com/promo',
    'https://anyone.secure.force.com/promo',
    'https://anyone.my.salesforce-sites.com/promo',
    'https://evilsalesforce.com/',
    'http://acme.my.salesforce.com/',
    'http://192.168.1.5/',
    'https://user:pw@acme.my.salesforce.com/',
    'https://user@acme.my.salesforce.com/',
    'http://user:pw@127.0.0.1:8788/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'ftp://acme.my.salesforce.com/',
    'data:text/html,<p>x</p>',
    'not a url',
    '',
  ])('refuses %j', (url) => {
    expect(isOpenableExternalUrl(url)).toBe(false);
  });

  it('lets the org’s own login host through only when the caller names its origin, and only over https', () => {
    const authorize = 'https://login.acme.example/services/oauth2/authorize?client_id=x';
    expect(isOpenableExternalUrl(authorize)).toBe(false);
    expect(isOpenableExternalUrl(authorize, ['https://login.acme.example'])).toBe(true);
    expect(isOpenableExternalUrl(authorize, ['https://login.acme.example/some/path'])).toBe(true);
    expect(isOpenableExternalUrl(authorize, ['https://login.acme.example:8443'])).toBe(false);
    expect(isOpenableExternalUrl(authorize, ['https://other.example', 'not an origin'])).toBe(false);
    expect(isOpenableExternalUrl('http://login.acme.example/', ['http://login.acme.example'])).toBe(false);
    expect(isOpenableExternalUrl('https://a:b@login.acme.example/', ['https://login.acme.example'])).toBe(false);
  });
});

describe('an allow-listed opener', () => {
  it('launches an allowed address, and refuses any other with URL_NOT_ALLOWED, naming only its origin, without launching', async () => {
    const launched: string[] = [];
    const opener = allowListedOpener(async (url) => {
      launched.push(url);
    });
    await opener.open('https://acme.my.salesforce.com/x');
    await opener.open('https://login.acme.example/services/oauth2/authorize?state=s', { allowOrigin: 'https://login.acme.example' });
    const refused = (await opener.open('https://evil.example/phish?state=s').catch((error: unknown) => error)) as OrgKeyError;
    expect(refused.appError.code).toBe('URL_NOT_ALLOWED');
    expect(refused.appError.message).toBe(
      'OrgKey opens only Salesforce pages, the org’s own login page and addresses on this computer in your browser, not https://evil.example.',
    );
    await expect(opener.open('javascript:alert(1)')).rejects.toMatchObject({ appError: { code: 'URL_NOT_ALLOWED', message: expect.stringMatching(/not this address\.$/) } });
    expect(launched).toEqual(['https://acme.my.salesforce.com/x', 'https://login.acme.example/services/oauth2/authorize?state=s']);
  });
});

describe('sign-in through an allow-listed opener', () => {
  it('opens the authorize page of an org whose login host is a custom domain: sign-in names that origin', async () => {
    const launched: string[] = [];
    const opener = allowListedOpener(async (url) => {
      launched.push(url);
    });
    const core = createCore({ settings: memorySettings(), secrets: memorySecrets(), clock: { now: () => new Date() }, opener }, { host: 'browser', version: 'test' });
    const { org } = await core.orgs.add({
      alias: 'Acme',
      environment: 'custom',
      customUrl: 'https://login.acme.example',
      auth: 'browser',
      username: '',
      password: '',
      token: '',
      clientId: '3MVG9OrgKeyOpenerTestKey0001',
      callbackPort: await freePort(),
    });
    const started = await core.signIn.start(org.id);
    try {
      expect(started.opened).toBe(true);
      expect(launched).toEqual([started.authorizeUrl]);
      expect(new URL(started.authorizeUrl).origin).toBe('https://login.acme.example');
    } finally {
      core.signIn.cancel(org.id);
      await core.signIn.finish(org.id).catch(() => undefined);
    }
  });
});
