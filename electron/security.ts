/**
 * The app's security policy in one place, as plain functions that tests can call.
 *
 * The renderer is served from `app://orgkey/`; only that origin may call the API, nothing may
 * navigate away from it, and only `https:` Salesforce pages, the org's own login host and loopback
 * addresses may be handed to the OS browser, through core/external-opener.ts. Any other page could use
 * the API to reveal or copy secrets, and the OS browser is where the user types a password
 * (Electron security checklist items 13–15; docs/ARCHITECTURE.md, "Processes").
 */
export { isOpenableExternalUrl } from '../shared/salesforce-hosts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'orgkey';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The page's Content-Security-Policy: nothing but the app's own files. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True when `url` is a page of the app itself (the only origin allowed to call the API). */
export function isAppUrl(url: string, appOrigin: string = APP_ORIGIN): boolean {
  const parsed = parse(url);
  const origin = parse(appOrigin);
  return !!parsed && !!origin && parsed.protocol === origin.protocol && parsed.host === origin.host;
}


/**
 * The one browser permission the window gets: writing text to the clipboard, for the app's own
 * page, so Copy works for what the page already shows (the callback URL to register). Secrets are
 * copied by the main process (clipboard guard), never through this. Everything else is refused.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl);
}

/** Map a request path under `app://orgkey/` to a file inside the renderer folder, or null if it escapes. */
export function appPathToFile(url: string, rendererDir: string, join: (...parts: string[]) => string): string | null {
  const parsed = parse(url);
  if (!parsed || !isAppUrl(url)) return null;
  const relative = decodeURIComponent(parsed.pathname).replace(/^\/+/, '') || 'index.html';
  if (relative.split(/[\\/]/).some((part) => part === '..')) return null;
  return join(rendererDir, relative);
}
