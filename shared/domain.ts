/**
 * Domain types shared by main, renderer and CLI.
 *
 * Only metadata lives here. Secrets (password, security token) never appear in these types: the
 * renderer sees whether a secret is present and how long it is, nothing more (DESIGN.md).
 */

/** Where an org logs in: the two standard login hosts or the org's own My Domain. */
export type EnvironmentKind = 'production' | 'sandbox' | 'custom';

export const PRODUCTION_LOGIN_URL = 'https://login.salesforce.com';
export const SANDBOX_LOGIN_URL = 'https://test.salesforce.com';

/** One org as the list shows it. */
export interface OrgSummary {
  id: string;
  alias: string;
  username: string;
  environment: EnvironmentKind;
  /** Origin used for logins, e.g. `https://login.salesforce.com` or a My Domain URL. */
  loginUrl: string;
  hasToken: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What the renderer may know about a stored secret. */
export interface SecretPresence {
  present: boolean;
  /** Number of characters, so the UI can draw a mask of the right length. */
  length: number;
}

/** One org with everything the detail view shows. */
export interface OrgDetail extends OrgSummary {
  secrets: {
    password: SecretPresence;
    token: SecretPresence;
  };
}

/** Something worth telling the user that does not stop the action, e.g. an unusual login host. */
export interface Notice {
  code: 'HOST_NOT_SALESFORCE' | 'URL_NORMALISED';
  message: string;
  field?: string;
}

/** The result of adding or editing an org. */
export interface OrgSaved {
  org: OrgSummary;
  notices: Notice[];
}

export interface AppInfo {
  name: string;
  version: string;
  /** Which host runs the UI: the Electron app or the browser host used for tests. */
  host: 'electron' | 'browser';
  platform: string;
  keychainService: string;
  settingsPath: string;
}
