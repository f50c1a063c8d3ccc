/**
 * Which hosts belong to Salesforce, and how login URLs are normalised.
 *
 * Used to warn about a login host outside Salesforce's domains and, later, to decide which URLs
 * may be opened in the OS browser (only `https:` Salesforce hosts, STYLE.md practice 7).
 */

/** Registrable domains Salesforce serves logins and UI from (reference §7; sfdx-core sfdcUrl.ts). */
export const SALESFORCE_DOMAINS = [
  'salesforce.com',
  'force.com',
  'my-salesforce.com',
  'salesforce.mil',
  'crmforce.mil',
  'sfcrmproducts.cn',
  'cloudforce.com',
  'database.com',
  'salesforce-setup.com',
  'salesforce-sites.com',
] as const;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

export function isSalesforceHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return SALESFORCE_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/**
 * The My Domain login host for a Lightning UI host, if the user pasted the address bar.
 *
 * `acme.lightning.force.com` serves the UI but answers API logins with a redirect (reference §7),
 * so the login URL must be `acme.my.salesforce.com` (sandbox: `acme--uat.sandbox.my.salesforce.com`).
 */
export function myDomainForLightningHost(hostname: string): string | null {
  const host = hostname.toLowerCase();
  const sandbox = /^([a-z0-9-]+)\.sandbox\.lightning\.force\.com$/.exec(host);
  if (sandbox) return `${sandbox[1]}.sandbox.my.salesforce.com`;
  const plain = /^([a-z0-9-]+)\.lightning\.force\.com$/.exec(host);
  if (plain) return `${plain[1]}.my.salesforce.com`;
  return null;
}

/** True when a My Domain host is a sandbox's (`name--sbx.sandbox.my.salesforce.com`). */
export function isSandboxMyDomain(hostname: string): boolean {
  return /\.sandbox\.my\.salesforce\.com$/i.test(hostname);
}

/**
 * True when `url` may go to the OS browser: an `https:` page on a Salesforce domain, an `https:` page
 * on one of `allowedOrigins` (the org's own login host, which a My Domain on a custom domain is not
 * on a Salesforce domain: its credentials go there anyway), or `http:`/`https:` on a loopback address
 * (a local test org). Never with a user name or password in the URL; nothing else.
 */
export function isOpenableExternalUrl(url: string, allowedOrigins: readonly string[] = []): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  if (parsed.protocol === 'http:') return isLoopbackHost(parsed.hostname);
  if (parsed.protocol !== 'https:') return false;
  if (isLoopbackHost(parsed.hostname) || isSalesforceHost(parsed.hostname)) return true;
  return allowedOrigins.some((origin) => {
    try {
      return new URL(origin).origin === parsed.origin;
    } catch {
      return false;
    }
  });
}
