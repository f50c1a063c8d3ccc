/**
 * Every code a user can meet, once: its words, its remedy, what kind of failure it is, and the exit
 * code `orgkey` ends with when it reports it.
 *
 * Three families share the catalogue: the errors the core and the API answer with (`AppError`), the
 * reasons a connection test failed (`TestFailure`, a result rather than an error; each with a short
 * label for the org list), and the codes of the command line itself. Field errors and many throws
 * carry their own, more specific message; the catalogue gives the default wording. Everything that
 * decides by code (what the app logs, the CLI's exit codes, which refusals `--json` still answers as
 * a test result) reads the entry's `kind` and `exit` here.
 */
import { deadlineLabel, loginFlowInfo } from './retirements';

/**
 * How `orgkey` ends, so scripts can branch on it: 0 done, 1 the check failed, 2 usage, 3 the
 * machine, 130 interrupted.
 */
export const EXIT = {
  OK: 0,
  /** The check failed: login refused, lockout guard, a test that did not pass. */
  FAILED: 1,
  /** The command line was wrong: unknown command or option, bad value, unknown org. */
  USAGE: 2,
  /** The machine cannot do it: keychain, settings file or clipboard unavailable. */
  ENVIRONMENT: 3,
  /** Interrupted with Ctrl-C (128 + SIGINT, as shells report it). */
  INTERRUPTED: 130,
} as const;

export type ExitCode = Exclude<(typeof EXIT)[keyof typeof EXIT], 0>;

/**
 * - `usage`: what was asked does not fit: a wrong value, name or option, or the wrong kind of org.
 *   The person changes the request.
 * - `refusal`: OrgKey chose not to act on this org now (the lockout guard, a test under way, files
 *   that would be replaced, an org no longer there): nothing was tried. Going on takes a
 *   confirmation, a wait, or another way.
 * - `outcome`: the action ran and Salesforce, the browser or the person said no. Expected in normal
 *   use; the remedy is out in the world.
 * - `fault`: the machine or OrgKey could not do its part: keychain, settings file, clipboard, files.
 */
export type CodeKind = 'usage' | 'refusal' | 'outcome' | 'fault';

export interface CodeEntry {
  kind: CodeKind;
  /** What `orgkey` exits with when it reports this code. */
  exit: ExitCode;
  message: string;
  /** What to do about it; empty only where a user has nothing to do. */
  remedy: string;
  /** Test failures: one to three words for the org list's badge; the detail shows the rest. */
  label?: string;
  /** `false`: the `orgkey` command never reports this code (its README exit table leaves it out). */
  cli?: false;
}

const RESET_TOKEN = 'Reset your security token (your avatar → Settings → Reset My Security Token) and paste the email into OrgKey.';

/** When SOAP login() goes for every org, as the retirement data names it ("Summer ’27"). */
const SOAP_RETIRES = deadlineLabel(loginFlowInfo('soap').retirement!);

/** What the core and the API answer with, as `AppError.code`. */
const API_ERRORS = {
  INVALID_INPUT: {
    kind: 'usage',
    exit: EXIT.USAGE,
    message: 'Some of what was entered is not valid.',
    remedy: 'Correct the highlighted field and try again.',
  },
  ALIAS_TAKEN: {
    kind: 'usage',
    exit: EXIT.USAGE,
    message: 'Another org already uses this name.',
    remedy: 'Choose a different name; names are compared without regard to case.',
  },
  ORG_NOT_FOUND: {
    kind: 'refusal',
    exit: EXIT.USAGE,
    message: 'This org is no longer in OrgKey.',
    remedy: 'It may have been removed from another OrgKey window or the orgkey command. Refresh the list.',
  },
  KEYCHAIN_UNAVAILABLE: {
    kind: 'fault',
    exit: EXIT.ENVIRONMENT,
    message: 'The system keychain could not be reached, so nothing was saved.',
    remedy:
      'Unlock your keychain and try again. On Linux, make sure a Secret Service (GNOME Keyring or KWallet) is running and unlocked.',
  },
  SETTINGS_UNAVAILABLE: {
    kind: 'fault',
    exit: EXIT.ENVIRONMENT,
    message: 'OrgKey could not read or write its settings file.',
    remedy: 'Check that your user folder is writable and has free space, then try again.',
  },
  SETTINGS_TOO_NEW: {
    kind: 'fault',
    exit: EXIT.ENVIRONMENT,
    message: 'The settings file was written by a newer version of OrgKey.',
    remedy: 'Update OrgKey to the newest version. Your settings were left untouched.',
  },
  UNTRUSTED_SENDER: {
    kind: 'refusal',
    exit: EXIT.FAILED,
    message: 'The request did not come from OrgKey’s own window and was refused.',
    // Only a page that is not OrgKey's gets this answer: there is no one to tell what to do.
    remedy: '',
    // Only the app's IPC checks who asks.
    cli: false,
  },
  LOCKOUT_GUARD: {
    kind: 'refusal',
    exit: EXIT.FAILED,
    message: 'The last tests of this org failed to log in; another failure may lock the user out.',
    remedy: 'Check the password and security token first. Test again only if you are sure.',
  },
  TEST_RUNNING: {
    kind: 'refusal',
    exit: EXIT.FAILED,
    message: 'A test of this org is already running.',
    remedy: 'Wait for it to finish or cancel it.',
  },
  // A scheduled check does not log in where another login could only fail again (or lock the user out).
  NEEDS_PERSON: {
    kind: 'refusal',
    exit: EXIT.FAILED,
    message: 'Not checked: the last login failed in a way only a person can fix (a wrong password or token, a locked-out user, an expired password or sign-in).',
    remedy: 'Fix what the last failure names (a new password or token, sign in again, or edit the org), or test the org yourself.',
  },
  // The old method's secrets are the way back until the new one has worked once.
  SWITCH_NOT_PROVED: {
    kind: 'refusal',
    exit: EXIT.FAILED,
    message: 'No test has worked with the org’s new login method yet, so OrgKey keeps the old method’s secrets: they are the way back.',
    remedy: 'Test the connection first. Once a test works with the new method, delete the old secrets.',
  },
  // A login for an access token was refused: the failure's own words replace these.
  LOGIN_FAILED: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    message: 'The login failed, so there is no access token to hand over.',
    remedy: 'Test the connection to see why, and fix that first.',
  },
  // The login audit's Login History or User query failed after the login worked: the failure's code is in its details.
  AUDIT_FAILED: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    message: 'Salesforce did not answer the Login History query, so the audit has no result.',
    remedy: 'Test the connection, then run the audit again. The user needs the “API Enabled” permission.',
  },
  CLIPBOARD_UNAVAILABLE: {
    kind: 'fault',
    exit: EXIT.ENVIRONMENT,
    message: 'The system clipboard is not available here.',
    remedy: 'Use Reveal to see the secret, or run OrgKey in a desktop session.',
  },
  NOTHING_TO_COPY: {
    kind: 'usage',
    exit: EXIT.FAILED,
    message: 'There is nothing stored to copy.',
    remedy: 'Edit the org and enter the missing secret.',
  },
  URL_NOT_ALLOWED: {
    kind: 'refusal',
    exit: EXIT.FAILED,
    message: 'OrgKey only opens https:// addresses on Salesforce’s own domains.',
    remedy: 'Open Salesforce yourself and go to your avatar → Settings → Reset My Security Token.',
  },
  PASSWORD_MISSING: {
    kind: 'usage',
    exit: EXIT.FAILED,
    message: 'No password is stored for this org, so there is nothing to encrypt.',
    remedy: 'Edit the org and enter its password first.',
  },
  FILES_EXIST: {
    kind: 'refusal',
    exit: EXIT.FAILED,
    message: 'The folder already has files with these names.',
    remedy: 'Replace them, or choose another folder.',
  },
  EXPORT_FAILED: {
    kind: 'fault',
    exit: EXIT.ENVIRONMENT,
    message: 'The Data Loader files could not be written.',
    remedy: 'Check that the folder is writable and has free space, then try again. Nothing was half-written.',
  },
  EXPORT_CHECK_FAILED: {
    kind: 'fault',
    exit: EXIT.FAILED,
    message: 'The written sfdc.password did not decrypt to the stored password and token.',
    remedy: 'Export again. If it happens again, create a new key file.',
  },
  EXPORT_NOT_FOUND: {
    kind: 'usage',
    exit: EXIT.USAGE,
    message: 'OrgKey has no record of this export.',
    remedy: 'Refresh the org to see its current exports.',
  },
  EXPORT_FOLDER_GONE: {
    kind: 'fault',
    exit: EXIT.ENVIRONMENT,
    message: 'The export folder or its config.properties is no longer there.',
    remedy: 'Export again to a folder, or forget this export.',
  },
  // The export's key file was swapped, replaced or opened to others: the folder's state, fixed there.
  EXPORT_KEY_CHANGED: {
    kind: 'fault',
    exit: EXIT.ENVIRONMENT,
    message: 'The key file is not the one OrgKey encrypted this export with, so Refresh wrote nothing.',
    remedy: 'If you changed the key on purpose, export again to this folder with it; otherwise put process.encryptionKeyFile and the key file back as OrgKey wrote them.',
  },
  EXPORT_KEY_NOT_PRIVATE: {
    kind: 'fault',
    exit: EXIT.ENVIRONMENT,
    message: 'Other users of this computer can read or change the export’s key file, so Refresh wrote nothing.',
    remedy: 'Make the key file readable and writable by you alone (chmod 600), then refresh again.',
  },
  // An access-token export: Salesforce refused the login that would give the token (the failure's own words replace these).
  EXPORT_LOGIN_FAILED: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    message: 'OrgKey could not log in for an access token, so it wrote nothing.',
    remedy: 'Test the org to see why, then export or refresh again.',
  },
  // The org switched between a password and a passwordless login since the export: its files log in the old way.
  EXPORT_LOGIN_CHANGED: {
    kind: 'usage',
    exit: EXIT.USAGE,
    message: 'This export was written for another way of logging in than the org’s, so Refresh wrote nothing.',
    remedy: 'Export again to this folder: the files are rewritten for how the org logs in now.',
  },
  // A preview's rows (and the secrets read with them) live in the core's memory for a while only.
  IMPORT_PREVIEW_GONE: {
    kind: 'refusal',
    exit: EXIT.USAGE,
    message: 'This import preview has expired or was imported already, so nothing was stored.',
    remedy: 'Choose the files again to see a new preview.',
    // The command line previews and imports in one run.
    cli: false,
  },
  DIALOG_UNAVAILABLE: {
    kind: 'fault',
    exit: EXIT.ENVIRONMENT,
    message: 'A file picker is not available here.',
    remedy: 'Type the full path into the field instead.',
    // The command line takes paths, never a picker.
    cli: false,
  },
  NOT_BROWSER_LOGIN: {
    kind: 'usage',
    exit: EXIT.USAGE,
    message: 'This org logs in with a password, not in the browser.',
    remedy: 'Edit the org and choose “Browser login (OAuth)” to sign in with the browser.',
  },
  NOT_PASSWORD_LOGIN: {
    kind: 'usage',
    exit: EXIT.USAGE,
    message: 'This org signs in with the browser: OrgKey keeps no password or security token for it.',
    remedy: 'Sign in again with the browser instead, or switch the org back to password login first.',
  },
  NOT_JWT_LOGIN: {
    kind: 'usage',
    exit: EXIT.USAGE,
    message: 'This org does not log in with a JWT bearer certificate, so it has no certificate.',
    remedy: 'Switch the org to “JWT bearer (certificate)” first: OrgKey then makes its key and certificate.',
  },
  CERTIFICATE_MISSING: {
    kind: 'usage',
    exit: EXIT.USAGE,
    message: 'OrgKey has no such certificate for this org.',
    remedy: 'Rotate the key to make a new certificate (orgkey cert --rotate).',
  },
  CERTIFICATE_SAVE_FAILED: {
    kind: 'fault',
    exit: EXIT.ENVIRONMENT,
    message: 'The certificate file could not be written.',
    remedy: 'Check that the folder exists and is writable, then save again.',
  },
  SIGN_IN_NOT_STARTED: {
    kind: 'usage',
    exit: EXIT.FAILED,
    message: 'No browser sign-in is waiting for this org.',
    remedy: 'Start the sign-in again.',
  },
  // Another program holds the callback port: the machine's state, not the sign-in's.
  SIGN_IN_PORT_IN_USE: {
    kind: 'fault',
    exit: EXIT.ENVIRONMENT,
    message: 'Another program holds the callback port, so OrgKey cannot receive the sign-in.',
    remedy: 'Close that program (another sign-in, or the Salesforce CLI waiting for its own) and try again, or give this org another port: Edit → Callback port, then add the callback URL OrgKey shows to the app’s callback URLs.',
  },
  SIGN_IN_DENIED: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    message: 'The sign-in was denied in the browser (“Deny” on Salesforce’s Allow Access page), so nothing was stored.',
    remedy: 'Sign in again and choose “Allow”.',
  },
  SIGN_IN_STATE_MISMATCH: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    message: 'OrgKey stopped waiting: the browser came back only from a sign-in OrgKey did not start (an old tab, or another page). Those answers were ignored and nothing was stored.',
    remedy: 'Close old Salesforce sign-in tabs, start the sign-in again from OrgKey, and finish it in the tab OrgKey opens.',
  },
  SIGN_IN_FAILED: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    message: 'Salesforce ended the sign-in with an error.',
    remedy: 'Check the app’s settings (OAuth scopes, callback URL, permitted users) and sign in again.',
  },
  SIGN_IN_REJECTED: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    message: 'Salesforce refused to exchange the sign-in code for a token.',
    remedy: 'Sign in again. If it keeps failing, check the consumer key and secret and that the app’s callback URL is the one OrgKey shows.',
  },
  SIGN_IN_NO_REFRESH_TOKEN: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    message: 'Salesforce signed in but gave no refresh token, so OrgKey could not stay signed in.',
    remedy: 'In the app’s OAuth settings, add the scope “Perform requests at any time (refresh_token, offline_access)”, then sign in again.',
  },
  SIGN_IN_TIMEOUT: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    message: 'The browser did not come back to OrgKey in time.',
    remedy: 'Sign in again. If Salesforce showed “redirect_uri_mismatch”, register the callback URL OrgKey shows in the app first.',
  },
  SIGN_IN_CANCELLED: {
    kind: 'outcome',
    exit: EXIT.INTERRUPTED,
    message: 'The sign-in was cancelled.',
    remedy: 'Start it again when you are ready.',
    // Only Ctrl-C cancels a sign-in from the command line, and `orgkey login` reports that as CANCELLED.
    cli: false,
  },
  INTERNAL: {
    kind: 'fault',
    exit: EXIT.FAILED,
    message: 'Something went wrong inside OrgKey.',
    remedy: 'Try again. If it keeps happening, restart OrgKey.',
  },
} satisfies Record<string, CodeEntry>;

/**
 * Why a connection test failed, in terms an admin can act on: every remedy an admin carries out says
 * where in Setup. A result of the test (`TestFailure`), never thrown.
 */
const TEST_FAILURES = {
  LOGIN_MUST_USE_SECURITY_TOKEN: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Token needed',
    message: 'This network is not trusted by the org, so Salesforce needs the security token after the password, and none was sent.',
    remedy: `${RESET_TOKEN} Or an admin adds this network to the org’s trusted IP ranges (Setup → Security → Network Access).`,
  },
  INVALID_LOGIN: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Login refused',
    message: 'Salesforce refused the username, password or security token — or the user is locked out. It does not say which.',
    remedy: 'Check the password in OrgKey, then reset the security token and paste the newest email. Tokens are case-sensitive. An admin sees the reason in Setup → Login History, and unlocks a locked-out user in Setup → Users → Users.',
  },
  PASSWORD_EXPIRED: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Password expired',
    message: 'The password has expired. Salesforce lets this user do nothing over the API until it is changed.',
    remedy: 'Log in to Salesforce in a browser, set a new password, then enter it in OrgKey (a new security token arrives by email too). An admin can also reset it in Setup → Users → Users → Reset Password.',
  },
  API_CURRENTLY_DISABLED: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'API not enabled',
    message: 'This user may not use the API: their profile or permission sets lack “API Enabled”.',
    remedy: 'Ask an admin to grant “API Enabled” (Setup → Profiles or Permission Sets → System Permissions).',
  },
  API_DISABLED_FOR_ORG: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'No API access',
    message: 'This org has no API access at all (its edition does not include the API).',
    remedy: 'No tool can use this org’s API until the edition includes it (an admin sees the edition in Setup → Company Information). Check the edition with your Salesforce account team.',
  },
  SOAP_LOGIN_UNAVAILABLE: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'SOAP login off',
    message: `This org does not allow SOAP login(), the password login that Data Loader and OrgKey use. New orgs have it switched off, and Salesforce retires it for every org in ${SOAP_RETIRES}.`,
    remedy: `Switch this org to Browser login (OAuth): create an External Client App with OrgKey’s callback URL, then edit the org and sign in with the browser. (Enabling SOAP API login() in Setup only lasts until ${SOAP_RETIRES}.)`,
  },
  INSUFFICIENT_ACCESS: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'API Auth missing',
    message: 'This org lets only users with the “Use Any API Auth” permission log in with SOAP login(), and this user lacks it.',
    remedy: 'Ask an admin to grant “Use Any API Auth” in a permission set or profile of this user (Setup → Users → Permission Sets or Profiles → System Permissions). Browser login (OAuth) does not use SOAP login() and does not need it.',
  },
  UNSUPPORTED_API_VERSION: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'API version refused',
    message: 'The org refused the API version OrgKey logs in with.',
    remedy: 'The login host may not be a current Salesforce org. Check the login URL.',
  },
  RESTRICTED_DOMAIN: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Use My Domain',
    message: 'The org only accepts logins through its own My Domain, not through the login host OrgKey used.',
    remedy: 'Edit the org and choose “My Domain URL”, e.g. https://yourcompany.my.salesforce.com (an admin finds it in Setup → My Domain).',
  },
  OAUTH_INVALID_GRANT: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'OAuth login refused',
    message: 'Salesforce refused the login through the connected app: wrong password or token, a locked-out user, or the username-password flow is blocked in this org.',
    remedy: 'Check the password and token first. If they are right, ask an admin whether “Allow OAuth Username-Password Flows” is on (Setup → OAuth and OpenID Connect Settings).',
  },
  OAUTH_USER_NOT_APPROVED: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'User not approved',
    message: 'The connected app admits only users an admin has pre-approved (Permitted Users: “Admin approved users are pre-authorized”), and this user is not one of them.',
    remedy: 'Ask an admin to pre-approve the user: Setup → Apps → Connected Apps → Manage Connected Apps → the app → Manage Profiles or Manage Permission Sets, adding the user’s profile or a permission set they have. (Or Edit Policies → Permitted Users → “All users may self-authorize”.)',
  },
  OAUTH_INVALID_CLIENT_ID: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Unknown consumer key',
    message: 'Salesforce does not know this consumer key.',
    remedy: 'Copy the consumer key again from the app (Setup → External Client App Manager → the app → OAuth Settings → Consumer Key and Secret; a connected app: App Manager → View) and edit the org. New apps take up to 10 minutes to work.',
  },
  OAUTH_INVALID_CLIENT: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Wrong consumer secret',
    message: 'The consumer secret does not match the consumer key.',
    remedy: 'Copy the consumer secret again from the app (Setup → External Client App Manager → the app → OAuth Settings → Consumer Key and Secret; a connected app: App Manager → the app → View → Manage Consumer Details) and edit the org.',
  },
  OAUTH_ERROR: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'OAuth refused',
    message: 'Salesforce refused the OAuth login.',
    remedy: 'Ask an admin to check the connected app’s OAuth scopes, IP relaxation and permitted users (Setup → Apps → Connected Apps → Manage Connected Apps → the app → Edit Policies).',
  },
  OAUTH_SIGN_IN_AGAIN: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Sign in again',
    message: 'The browser sign-in for this org has expired or was revoked (by an admin, the app’s refresh-token policy, or a sign-out elsewhere).',
    remedy: 'Sign in again with the browser.',
  },
  OAUTH_SECRET_REQUIRED: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Consumer secret needed',
    message: 'The app requires its consumer secret to renew the browser sign-in (“Require secret for Refresh Token Flow”), and OrgKey has none for this org.',
    remedy: 'Edit the org and enter the app’s consumer secret, or turn off “Require secret for Refresh Token Flow” in the app’s OAuth settings (PKCE protects the sign-in).',
  },
  NOT_SIGNED_IN: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Not signed in',
    message: 'This org uses Browser login, and nobody has signed in yet (or OrgKey signed out).',
    remedy: 'Sign in with the browser first.',
  },
  // Client credentials: Salesforce answers a missing Run As user and a flow not enabled alike.
  CC_FLOW_NOT_READY: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Flow not enabled',
    message: 'Salesforce issued no token for the client credentials flow: either the flow is not enabled in the app, or the app has no Run As user. It answers both the same way.',
    remedy: 'In Setup → External Client App Manager → the app → Edit Settings: check both. Under OAuth Settings → Flow Enablement, “Enable Client Credentials Flow”; under Policies → OAuth Policies, “Run As (Username)”: an integration user with “API Enabled”. Changes take a few minutes to work.',
  },
  CC_WRONG_HOST: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Use My Domain',
    message: 'Salesforce serves the client credentials flow only on the org’s own My Domain, and this login went to another host (login.salesforce.com, test.salesforce.com or another org’s address).',
    remedy: 'Edit the org and enter its My Domain URL, for example https://acme.my.salesforce.com (Setup → My Domain shows it).',
  },
  JWT_INVALID_ASSERTION: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Certificate refused',
    message: 'Salesforce refused the signed login: the app has no certificate or another one than OrgKey made for this org, or the username is not a user of this org.',
    remedy: 'Upload the org’s certificate from OrgKey to the app (Setup → External Client App Manager → the app → Edit Settings → OAuth Settings → “Use digital signatures”), and check the username. After a new key, upload the new certificate.',
  },
  JWT_WRONG_AUDIENCE: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Wrong audience',
    message: 'Salesforce refused the signed login’s audience: OrgKey names https://login.salesforce.com for a production org and https://test.salesforce.com for a sandbox, as Salesforce requires.',
    remedy: 'Check the org’s environment in OrgKey: a sandbox must be added as Sandbox (or with its sandbox My Domain), a production org as Production. Edit it if it is wrong.',
  },
  JWT_EXPIRED: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Check the clock',
    message: 'Salesforce says the signed login had expired when it arrived. OrgKey makes it valid for 3 minutes, so this computer’s clock is most likely wrong.',
    remedy: 'Check the machine’s clock: set the date, time and time zone right (turn on automatic time), then test again.',
  },
  JWT_USER_NOT_APPROVED: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'User not pre-approved',
    message: 'The JWT bearer flow logs in only users an admin has pre-approved for the app, and this user is not one of them.',
    remedy: 'In Setup → External Client App Manager → the app → Edit Policies: set Permitted Users to “Admin approved users are pre-authorized” and add the user’s profile or a permission set they have (a connected app: Manage Connected Apps → the app → Manage Profiles or Manage Permission Sets).',
  },
  LOGIN_REFUSED: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Refused by Salesforce',
    message: 'Salesforce refused the login.',
    remedy: 'Log in once in a browser with the same username to see what Salesforce asks for. An admin sees the reason in Setup → Login History.',
  },
  HOST_NOT_FOUND: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Host not found',
    message: 'The login host could not be found: the address is wrong, or there is no network.',
    remedy: 'Check the login URL (a My Domain must be spelled exactly) and your internet connection.',
  },
  CONNECTION_REFUSED: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Connection refused',
    message: 'Nothing answered at the login host’s address.',
    remedy: 'Check the login URL and port. A firewall or proxy may block it.',
  },
  CONNECTION_DROPPED: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Connection dropped',
    message: 'The connection closed before Salesforce answered.',
    remedy: 'Try again in a moment. If it keeps happening, a proxy or firewall may be cutting the connection.',
  },
  NETWORK_UNREACHABLE: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Network unreachable',
    message: 'This computer cannot reach the login host’s network.',
    remedy: 'Check your network connection or VPN.',
  },
  TLS_FAILURE: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'TLS failed',
    message: 'A secure (TLS) connection could not be set up with the login host.',
    remedy: 'A proxy that inspects traffic, a wrong system clock or a wrong address can cause this. Check the login URL and your network.',
  },
  TIMEOUT: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Timed out',
    message: 'Salesforce did not answer in time.',
    remedy: 'Try again. On a slow network, raise the test timeout in OrgKey’s settings.',
  },
  // Also the command line's Ctrl-C at a prompt or a wait; a confirmation answered no is CANCELLED with exit 1.
  CANCELLED: {
    kind: 'outcome',
    exit: EXIT.INTERRUPTED,
    label: 'Cancelled',
    message: 'The test was cancelled.',
    remedy: 'Run it again when you are ready.',
  },
  SERVER_ERROR: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Server error',
    message: 'Salesforce answered with a server error.',
    remedy: 'Salesforce may be busy or under maintenance (see status.salesforce.com). Try again later.',
  },
  UNEXPECTED_RESPONSE: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Unexpected answer',
    message: 'The login host answered with something that is not Salesforce’s API (for example a web page).',
    remedy: 'Check the login URL. A proxy or captive portal (hotel, airport Wi-Fi) can also answer in Salesforce’s place.',
  },
  SESSION_REFUSED: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Session refused',
    message: 'Salesforce accepted the login, then refused the session it had just given (INVALID_SESSION_ID). OrgKey does not log in again by itself: each login counts toward the lockout.',
    remedy: 'Test again. If it happens every time, ask an admin to check Setup → Session Settings: “Lock sessions to the IP address from which they originated” breaks behind a proxy that changes address.',
  },
  SECRET_MISSING: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Secret missing',
    message: 'OrgKey has no password for this org in the keychain.',
    remedy: 'Edit the org and enter its password again.',
  },
  UNKNOWN_FAILURE: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    label: 'Failed',
    message: 'The test failed for a reason OrgKey does not recognise.',
    remedy: 'Try again. If it keeps failing, log in once in a browser with the same username to see what Salesforce says.',
  },
} satisfies Record<string, CodeEntry & { label: string }>;

/** The command line's own codes; the CLI words each throw for its command, these are the defaults. */
const CLI_ERRORS = {
  USAGE: {
    kind: 'usage',
    exit: EXIT.USAGE,
    message: 'The command line is not valid: an unknown command or option, or a missing or bad value.',
    remedy: 'Run “orgkey --help”.',
  },
  NO_TERMINAL: {
    kind: 'usage',
    exit: EXIT.USAGE,
    message: 'There is no terminal to ask on.',
    remedy: 'Pipe what the command asks for into it; its --help says how.',
  },
  STDOUT_IS_TERMINAL: {
    kind: 'refusal',
    exit: EXIT.USAGE,
    message: 'orgkey secret prints a secret only into a pipe or a file, never onto the screen.',
    remedy: 'Pipe it into the tool that needs it, or use orgkey copy.',
  },
  CONFIRMATION_NEEDED: {
    kind: 'refusal',
    exit: EXIT.USAGE,
    message: 'This needs a confirmation, and there is no terminal to ask on.',
    remedy: 'Add --yes to confirm.',
  },
  IMPORT_INCOMPLETE: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    message: 'Some orgs were not imported.',
    remedy: 'Each row’s own line says why; the others are imported. Fix those rows and import the file again: the imported ones show as duplicates.',
  },
  TESTS_FAILED: {
    kind: 'outcome',
    exit: EXIT.FAILED,
    message: 'Some orgs did not pass the test.',
    remedy: 'Each org’s own line says why and what to do.',
  },
} satisfies Record<string, CodeEntry>;

/** An error of the core or the API (`AppError.code`). */
export type ErrorCode = keyof typeof API_ERRORS;
/** Why a connection test failed (`TestFailure.code`). */
export type TestFailureCode = keyof typeof TEST_FAILURES;
/** Any code a user can meet. */
export type Code = ErrorCode | TestFailureCode | keyof typeof CLI_ERRORS;

export const ERROR_CODES = Object.keys(API_ERRORS) as [ErrorCode, ...ErrorCode[]];
export const TEST_FAILURE_CODES = Object.keys(TEST_FAILURES) as [TestFailureCode, ...TestFailureCode[]];

/** The three families are disjoint (a test holds them so): spreading them loses no entry. */
export const CODES: Readonly<Record<Code, CodeEntry>> = { ...API_ERRORS, ...TEST_FAILURES, ...CLI_ERRORS };
export const TEST_FAILURE_CATALOG: Readonly<Record<TestFailureCode, CodeEntry & { label: string }>> = TEST_FAILURES;
/** The families by name, for the test that keeps them apart. */
export const CODE_FAMILIES = { api: API_ERRORS, testFailure: TEST_FAILURES, cli: CLI_ERRORS } as const;

export const isCode = (code: string): code is Code => Object.prototype.hasOwnProperty.call(CODES, code);

/** The exit code for a reported code; one outside the catalogue is a failed check. */
export function exitFor(code: string): ExitCode {
  return isCode(code) ? CODES[code].exit : EXIT.FAILED;
}

/** Whether OrgKey chose not to act on the org (nothing was tried): a result for that org, not a crash. */
export function isRefusal(code: string): boolean {
  return isCode(code) && CODES[code].kind === 'refusal';
}

/**
 * Whether a failure belongs in the log: the machine or OrgKey failed, or the outside world said no.
 * A wrong value or a refusal is answered where it was asked, and would only be noise there.
 */
export function isWorthLogging(code: string): boolean {
  if (!isCode(code)) return true;
  const { kind } = CODES[code];
  return kind === 'fault' || kind === 'outcome';
}
