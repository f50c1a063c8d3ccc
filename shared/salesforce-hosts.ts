/**
 * Which hosts belong to Salesforce, and how login URLs are normalised.
 *
 * Used to warn about a login host outside Salesforce's domains, and to decide which URLs may be
 * opened in the OS browser (only `https:` pages Salesforce itself serves, checked with `new URL()`).
 */

/** Registrable domains Salesforce serves logins and UI from (as sfdx-core's `SfdcUrl` knows them). */
export const SALESFORCE_DOMAINS = [
  'salesforce.com',
  'force.com',
  'my-salesforce.com',
  'salesforce.mil',
  'crmforce.mil',
  'my-lightning.com',
  'sfcrmproducts.cn',
  'sfcrmapps.cn',
  'cloudforce.com',
  'database.com',
  'salesforce-setup.com',
  'salesforce-sites.com',
] as const;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** A host name as compared here: lower case, without the root's trailing dot. */
const bareHost = (hostname: string) => hostname.toLowerCase().replace(/\.$/, '');

export function isSalesforceHost(hostname: string): boolean {
  const host = bareHost(hostname);
  return SALESFORCE_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/**
 * My Domain login suffixes and the Lightning UI suffix that goes with each: commercial, the two
 * government clouds and the China cloud (the pairs sfdx-core's `SfdcUrl.toLightningDomain` maps).
 */
const MY_DOMAIN_CLOUDS = [
  { myDomain: 'my.salesforce.com', lightning: 'lightning.force.com' },
  { myDomain: 'my.salesforce.mil', lightning: 'lightning.crmforce.mil' },
  { myDomain: 'my-salesforce.com', lightning: 'my-lightning.com' },
  { myDomain: 'my.sfcrmproducts.cn', lightning: 'lightning.sfcrmapps.cn' },
] as const;

/**
 * Partitioned domains put the kind of org before the suffix (`acme.develop.my.salesforce.com`).
 * Sandboxes and scratch orgs report `Organization.IsSandbox = true`; Developer Edition and patch
 * orgs (Developer Edition too) and Trailhead playgrounds are not sandboxes. UNCONFIRMED: demo and
 * free orgs are taken as not sandboxes either.
 */
const SANDBOX_PARTITIONS: ReadonlySet<string> = new Set(['sandbox', 'scratch']);
const OTHER_PARTITIONS: ReadonlySet<string> = new Set(['develop', 'patch', 'demo', 'free', 'trailblaze']);

const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

interface MyDomainHost {
  /** What comes before the suffix: the My Domain name, any sandbox name, the partition. */
  prefix: string;
  partition: string | null;
  cloud: (typeof MY_DOMAIN_CLOUDS)[number];
  /** The Lightning UI host rather than the My Domain login host. */
  lightning: boolean;
}

/** Take a host apart as a My Domain or Lightning host of one of Salesforce's clouds, or null. */
function parseMyDomainHost(hostname: string): MyDomainHost | null {
  const host = bareHost(hostname);
  for (const cloud of MY_DOMAIN_CLOUDS) {
    for (const lightning of [false, true]) {
      const suffix = `.${lightning ? cloud.lightning : cloud.myDomain}`;
      if (!host.endsWith(suffix)) continue;
      const prefix = host.slice(0, -suffix.length);
      const labels = prefix.split('.');
      if (!labels.every((label) => DNS_LABEL.test(label))) return null;
      const last = labels.at(-1)!;
      const partition = labels.length > 1 && (SANDBOX_PARTITIONS.has(last) || OTHER_PARTITIONS.has(last)) ? last : null;
      return { prefix, partition, cloud, lightning };
    }
  }
  return null;
}

/**
 * The My Domain login host for a Lightning UI host, if the user pasted the address bar.
 *
 * `acme.lightning.force.com` serves the UI but does not take API logins, so the login URL must be
 * `acme.my.salesforce.com`; the same holds for every partition (`acme.scratch.lightning.force.com`,
 * `acme--uat.sandbox.lightning.force.com`) and for the government and China clouds.
 */
export function myDomainForLightningHost(hostname: string): string | null {
  const parsed = parseMyDomainHost(hostname);
  return parsed?.lightning ? `${parsed.prefix}.${parsed.cloud.myDomain}` : null;
}

/**
 * Which kind of org a login host implies: a sandbox (`true`: test.salesforce.com, a `sandbox` or
 * `scratch` My Domain), not a sandbox (`false`: login.salesforce.com, any other My Domain), or
 * nothing either way (`null`: other hosts, and a legacy `name--sandbox` My Domain without partition,
 * whose form does not say for certain).
 */
export function sandboxImpliedByHost(hostname: string): boolean | null {
  const host = bareHost(hostname);
  if (host === 'test.salesforce.com') return true;
  if (host === 'login.salesforce.com') return false;
  const parsed = parseMyDomainHost(host);
  if (!parsed || parsed.lightning) return null;
  if (parsed.partition) return SANDBOX_PARTITIONS.has(parsed.partition);
  return parsed.prefix.includes('--') ? null : false;
}

/**
 * Hosts of pages Salesforce itself serves: `*.salesforce.com` (login, test, My Domain, instances),
 * the Setup domain, and My Domain and Lightning hosts of every cloud. Not the rest of
 * `force.com` and `salesforce-sites.com`, where Salesforce's customers publish Sites pages of
 * their own (`name.force.com`, `name.my.salesforce-sites.com`): a link there is anyone's page.
 */
export function isSalesforcePageHost(hostname: string): boolean {
  const host = bareHost(hostname);
  if (['salesforce.com', 'salesforce-setup.com'].some((domain) => host === domain || host.endsWith(`.${domain}`))) return true;
  return parseMyDomainHost(host) !== null;
}

/**
 * True when `url` may go to the OS browser: an `https:` page Salesforce itself serves, an `https:` page
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
  if (isLoopbackHost(parsed.hostname) || isSalesforcePageHost(parsed.hostname)) return true;
  return allowedOrigins.some((origin) => {
    try {
      return new URL(origin).origin === parsed.origin;
    } catch {
      return false;
    }
  });
}
