/**
 * Orgs for the list benchmarks: metadata only, written straight to a settings file, as listing
 * them needs nothing from the keychain. Names and hosts vary so that filtering has work to do.
 */
import { openConfSettings } from '../electron/core/settings/store';

const COMPANIES = ['acme', 'globex', 'initech', 'umbrella', 'stark'];
const STAGES = ['prod', 'uat', 'dev', 'qa'];

/**
 * `grouped`: each org in its company's group (“Acme”, …) but every seventh, in none, so the list
 * draws group headings and the filter regroups on every keystroke.
 */
export function seedListedOrgs(dir: string, count: number, { grouped = false } = {}): void {
  const now = new Date().toISOString();
  openConfSettings(dir).update((doc) => ({
    ...doc,
    orgs: Array.from({ length: count }, (_, i) => {
      const company = COMPANIES[i % COMPANIES.length]!;
      const production = i % STAGES.length === 0;
      return {
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        alias: `${company[0]!.toUpperCase()}${company.slice(1)} ${STAGES[i % STAGES.length]} ${i}`,
        username: `admin${i}@${company}.example`,
        environment: production ? ('production' as const) : ('sandbox' as const),
        loginUrl: production ? 'https://login.salesforce.com' : 'https://test.salesforce.com',
        auth: 'password' as const,
        hasToken: true,
        createdAt: now,
        updatedAt: now,
        passwordUpdatedAt: now,
        tokenUpdatedAt: now,
        consecutiveFailures: 0,
        dataLoaderExports: [],
        ...(grouped && i % 7 !== 0 ? { group: `${company[0]!.toUpperCase()}${company.slice(1)}` } : {}),
      };
    }),
  }));
}
