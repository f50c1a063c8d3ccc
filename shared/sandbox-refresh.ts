/**
 * What a sandbox refresh means, in the words the app, the CLI and a failed login's hints share.
 *
 * A refresh replaces the sandbox with a new copy of production: a new org with a new org id. Its
 * users log in with their production password of the refresh day (the usernames keep the sandbox
 * suffix), their emails get `.invalid` appended until an admin fixes them, test.salesforce.com may
 * not find the new org for a day or two while its My Domain URL works (Salesforce Help 000385817),
 * and what was made in the sandbox alone (apps, certificates) is not in the copy.
 */
import type { SandboxRefresh, SandboxRefreshAttention } from './domain';

/** What is different in the new org, one sentence each. */
export const SANDBOX_REFRESH_FACTS: readonly string[] = [
  'Its users log in with the password their production user had on the day of the refresh; the security token was reset.',
  'Their email addresses end in “.invalid” until an admin fixes them (Setup → Users), so reset and verification emails do not arrive.',
  'test.salesforce.com may not find the new sandbox for a day or two; its My Domain URL works at once.',
  'Connected apps, External Client Apps and certificates made in the sandbox (not copied from production) may be gone.',
];

/** The sentence that says a refresh was noticed, for a test's warning, the detail's banner and `orgkey show`. */
export function sandboxRefreshedText(refresh: Pick<SandboxRefresh, 'fromOrgId' | 'toOrgId'>): string {
  return `This sandbox was refreshed: the login worked, but in a new org (org id ${refresh.toOrgId}, before ${refresh.fromOrgId}).`;
}

/** What confirming does, in one sentence. */
export const CONFIRM_REFRESH_TEXT = 'Confirm it, and OrgKey keeps the new org id as this org’s; until then it keeps the old one and says so at every test.';

/** What needs a look, and what to do about it. */
export const SANDBOX_REFRESH_ATTENTION_TEXT: { readonly [K in SandboxRefreshAttention]: string } = {
  exports:
    'Data Loader exports written before the refresh hold the old org’s password and token: once the password and token work in the new org, refresh each export.',
  'sign-in': 'The browser sign-in was made in the old org, and a refresh ends it: sign in again.',
  credentials:
    'The app and certificate (or consumer secret) were set up in the old org: if they were made in the sandbox, make them again in the new org (its External Client App, the certificate or secret), then test.',
};

/** Which kind of setup a failed login's code points at, for the hint about a possible refresh. */
export type RefreshSuspect = 'password' | 'sign-in' | 'app';

/** The hint a failed login of a sandbox gets when its failure fits a refresh. */
export const POSSIBLE_REFRESH_HINT: { readonly [K in RefreshSuspect]: string } = {
  password:
    'If this sandbox was refreshed, it is a new org: its users log in with their production password of the refresh day, the security token was reset (its email goes to an address ending in “.invalid” until an admin fixes it), and test.salesforce.com may not find it for a day or two while its My Domain URL works.',
  'sign-in': 'If this sandbox was refreshed, it is a new org and the sign-in made in the old one no longer works: sign in again.',
  app: 'If this sandbox was refreshed, it is a new org: an app or certificate made in the sandbox (not copied from production) is gone and must be made again there.',
};
