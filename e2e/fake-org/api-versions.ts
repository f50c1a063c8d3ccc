/**
 * API versions: which exist, what they are called, and which may still call SOAP `login()`.
 *
 * Versions up to 30.0 are retired (Summer '25); 31.0 is the oldest still served, 66.0 the newest
 * (Salesforce's SOAP API end-of-life page). SOAP `login()` is gone from 65.0 on.
 */

export const OLDEST_API_VERSION = 31;
export const LATEST_API_VERSION = 66;
/** The first version in which SOAP `login()` answers INVALID_OPERATION (forcedotcom/wsc#363). */
export const SOAP_LOGIN_REMOVED_IN = 65;

const SEASONS = ['Summer', 'Winter', 'Spring'] as const;

/** `64.0` (or `64`) -> 64; anything else -> null. */
export function parseApiVersion(text: string): number | null {
  const match = /^(\d{1,3})(?:\.0)?$/.exec(text);
  return match ? Number(match[1]) : null;
}

/** `64` -> `64.0`, the way Salesforce writes versions in URLs and payloads. */
export function formatApiVersion(version: number): string {
  return `${version}.0`;
}

/** The release name of a version: 31.0 was Summer '14, and three releases follow each year. */
function releaseLabel(version: number): string {
  const index = version - OLDEST_API_VERSION;
  const season = SEASONS[index % 3] ?? 'Summer';
  const year = 14 + Math.floor((index + 2) / 3);
  return `${season} '${String(year).padStart(2, '0')}`;
}

/** The body of `GET /services/data/`: every served version, oldest first (REST API Developer Guide, "Versions"). */
export function listApiVersions(): { label: string; url: string; version: string }[] {
  const versions = [];
  for (let v = OLDEST_API_VERSION; v <= LATEST_API_VERSION; v += 1) {
    versions.push({ label: releaseLabel(v), url: `/services/data/v${formatApiVersion(v)}`, version: formatApiVersion(v) });
  }
  return versions;
}

/** Whether REST serves `/services/data/v{version}/…`. */
export function isServedVersion(version: number | null): version is number {
  return version !== null && version >= OLDEST_API_VERSION && version <= LATEST_API_VERSION;
}
