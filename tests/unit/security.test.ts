import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY, appPathToFile, isAppUrl, isOpenableExternalUrl, isPermissionAllowed } from '../../electron/security';

describe('app origin check', () => {
  it('trusts pages of the app itself', () => {
    expect(isAppUrl(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isAppUrl(`${APP_ORIGIN}/`)).toBe(true);
  });
  it.each(['https://orgkey/index.html', 'app://evil/index.html', 'file:///index.html', 'about:blank', 'not a url', ''])(
    'does not trust %j',
    (url) => {
      expect(isAppUrl(url)).toBe(false);
    },
  );
});

describe('external URL policy', () => {
  it('allows https Salesforce pages only', () => {
    expect(isOpenableExternalUrl('https://acme.my.salesforce.com/lightning/settings/personal/ResetApiToken/home')).toBe(true);
  });
  it.each([
    'http://acme.my.salesforce.com/',
    'https://salesforce.com.evil.example/',
    'https://user:pw@acme.my.salesforce.com/',
    'javascript:alert(1)',
    'file:///etc/passwd',
  ])('refuses %j', (url) => {
    expect(isOpenableExternalUrl(url)).toBe(false);
  });
});

describe('renderer file mapping', () => {
  const dir = path.join(path.sep, 'app', 'renderer');
  it('maps app URLs into the renderer folder', () => {
    expect(appPathToFile(`${APP_ORIGIN}/assets/index.js`, dir, path.join)).toBe(path.join(dir, 'assets', 'index.js'));
    expect(appPathToFile(`${APP_ORIGIN}/`, dir, path.join)).toBe(path.join(dir, 'index.html'));
  });
  it('never maps outside the folder, even with encoded dots', () => {
    // The URL parser resolves `%2e%2e` segments itself, so this one lands inside the folder.
    expect(appPathToFile(`${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd`, dir, path.join)).toBe(path.join(dir, 'etc', 'passwd'));
    // An encoded slash survives parsing and is refused after decoding.
    expect(appPathToFile(`${APP_ORIGIN}/assets/..%2f..%2fsecret`, dir, path.join)).toBeNull();
  });
  it('refuses other origins', () => {
    expect(appPathToFile('https://example.com/index.html', dir, path.join)).toBeNull();
  });
});

describe('content security policy', () => {
  it('allows nothing but the app itself', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });
});

describe('window permissions', () => {
  it('lets only the app’s own page write text to the clipboard', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', `${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', APP_ORIGIN)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
  });
  it.each(['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal', 'fullscreen'])('refuses %s even to the app', (permission) => {
    expect(isPermissionAllowed(permission, `${APP_ORIGIN}/index.html`)).toBe(false);
  });
});
