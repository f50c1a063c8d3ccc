/**
 * Error codes and their plain-language catalogue.
 *
 * Every failure a user can meet has a code, a one-line message and a remedy (DESIGN.md "Errors").
 * Field errors carry their own, more specific message; the catalogue gives the default wording.
 */

export const ERROR_CODES = [
  'INVALID_INPUT',
  'ALIAS_TAKEN',
  'ORG_NOT_FOUND',
  'KEYCHAIN_UNAVAILABLE',
  'SETTINGS_UNAVAILABLE',
  'SETTINGS_TOO_NEW',
  'UNTRUSTED_SENDER',
  'LOCKOUT_GUARD',
  'TEST_RUNNING',
  'CLIPBOARD_UNAVAILABLE',
  'NOTHING_TO_COPY',
  'URL_NOT_ALLOWED',
  'PASSWORD_MISSING',
  'FILES_EXIST',
  'EXPORT_FAILED',
  'EXPORT_CHECK_FAILED',
  'EXPORT_NOT_FOUND',
  'EXPORT_FOLDER_GONE',
  'EXPORT_KEY_CHANGED',
  'EXPORT_KEY_NOT_PRIVATE',
  'DIALOG_UNAVAILABLE',
  'NOT_BROWSER_LOGIN',
  'NOT_PASSWORD_LOGIN',
  'SIGN_IN_NOT_STARTED',
  'SIGN_IN_PORT_IN_USE',
  'SIGN_IN_DENIED',
  'SIGN_IN_STATE_MISMATCH',
  'SIGN_IN_FAILED',
  'SIGN_IN_REJECTED',
  'SIGN_IN_NO_REFRESH_TOKEN',
  'SIGN_IN_TIMEOUT',
  'SIGN_IN_CANCELLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

interface CatalogEntry {
  message: string;
  remedy?: string;
}

export const ERROR_CATALOG: Record<ErrorCode, CatalogEntry> = {
  INVALID_INPUT: {
    message: 'Some of what was entered is not valid.',
    remedy: 'Correct the highlighted field and try again.',
  },
  ALIAS_TAKEN: {
    message: 'Another org already uses this name.',
    remedy: 'Choose a different name; names are compared without regard to case.',
  },
  ORG_NOT_FOUND: {
    message: 'This org is no longer in OrgKey.',
    remedy: 'It may have been removed from another OrgKey window or the orgkey command. Refresh the list.',
  },
  KEYCHAIN_UNAVAILABLE: {
    message: 'The system keychain could not be reached, so nothing was saved.',
    remedy:
      'Unlock your keychain and try again. On Linux, make sure a Secret Service (GNOME Keyring or KWallet) is running and unlocked.',
  },
  SETTINGS_UNAVAILABLE: {
    message: 'OrgKey could not read or write its settings file.',
    remedy: 'Check that your user folder is writable and has free space, then try again.',
  },
  SETTINGS_TOO_NEW: {
    message: 'The settings file was written by a newer version of OrgKey.',
    remedy: 'Update OrgKey to the newest version. Your settings were left untouched.',
  },
  UNTRUSTED_SENDER: {
    message: 'The request did not come from OrgKey’s own window and was refused.',
  },
  LOCKOUT_GUARD: {
    message: 'The last tests of this org failed to log in; another failure may lock the user out.',
    remedy: 'Check the password and security token first. Test again only if you are sure.',
  },
  TEST_RUNNING: {
    message: 'A test of this org is already running.',
    remedy: 'Wait for it to finish or cancel it.',
  },
  CLIPBOARD_UNAVAILABLE: {
    message: 'The system clipboard is not available here.',
    remedy: 'Use Reveal to see the secret, or run OrgKey in a desktop session.',
  },
  NOTHING_TO_COPY: {
    message: 'There is nothing stored to copy.',
    remedy: 'Edit the org and enter the missing secret.',
  },
  URL_NOT_ALLOWED: {
    message: 'OrgKey only opens https:// addresses on Salesforce’s own domains.',
    remedy: 'Open Salesforce yourself and go to your avatar → Settings → Reset My Security Token.',
  },
  PASSWORD_MISSING: {
    message: 'No password is stored for this org, so there is nothing to encrypt.',
    remedy: 'Edit the org and enter its password first.',
  },
  FILES_EXIST: {
    message: 'The folder already has files with these names.',
    remedy: 'Replace them, or choose another folder.',
  },
  EXPORT_FAILED: {
    message: 'The Data Loader files could not be written.',
    remedy: 'Check that the folder is writable and has free space, then try again. Nothing was half-written.',
  },
  EXPORT_CHECK_FAILED: {
    message: 'The written sfdc.password did not decrypt to the stored password and token.',
    remedy: 'Export again. If it happens again, create a new key file.',
  },
  EXPORT_NOT_FOUND: {
    message: 'OrgKey has no record of this export.',
    remedy: 'Refresh the org to see its current exports.',
  },
  EXPORT_FOLDER_GONE: {
    message: 'The export folder or its config.properties is no longer there.',
    remedy: 'Export again to a folder, or forget this export.',
  },
  EXPORT_KEY_CHANGED: {
    message: 'The key file is not the one OrgKey encrypted this export with, so Refresh wrote nothing.',
    remedy: 'If you changed the key on purpose, export again to this folder with it; otherwise put process.encryptionKeyFile and the key file back as OrgKey wrote them.',
  },
  EXPORT_KEY_NOT_PRIVATE: {
    message: 'Other users of this computer can read or change the export’s key file, so Refresh wrote nothing.',
    remedy: 'Make the key file readable and writable by you alone (chmod 600), then refresh again.',
  },
  DIALOG_UNAVAILABLE: {
    message: 'A file picker is not available here.',
    remedy: 'Type the full path into the field instead.',
  },
  NOT_BROWSER_LOGIN: {
    message: 'This org logs in with a password, not in the browser.',
    remedy: 'Edit the org and choose “Browser login (OAuth)” to sign in with the browser.',
  },
  NOT_PASSWORD_LOGIN: {
    message: 'This org signs in with the browser: OrgKey keeps no password or security token for it.',
    remedy: 'Sign in again with the browser instead, or switch the org back to password login first.',
  },
  SIGN_IN_NOT_STARTED: {
    message: 'No browser sign-in is waiting for this org.',
    remedy: 'Start the sign-in again.',
  },
  SIGN_IN_PORT_IN_USE: {
    message: 'Another program holds the callback port, so OrgKey cannot receive the sign-in.',
    remedy: 'Close that program (another sign-in, or the Salesforce CLI waiting for its own) and try again, or give this org another port: Edit → Callback port, then add the callback URL OrgKey shows to the app’s callback URLs.',
  },
  SIGN_IN_DENIED: {
    message: 'The sign-in was denied in the browser (“Deny” on Salesforce’s Allow Access page), so nothing was stored.',
    remedy: 'Sign in again and choose “Allow”.',
  },
  SIGN_IN_STATE_MISMATCH: {
    message: 'OrgKey stopped waiting: the browser came back only from a sign-in OrgKey did not start (an old tab, or another page). Those answers were ignored and nothing was stored.',
    remedy: 'Close old Salesforce sign-in tabs, start the sign-in again from OrgKey, and finish it in the tab OrgKey opens.',
  },
  SIGN_IN_FAILED: {
    message: 'Salesforce ended the sign-in with an error.',
    remedy: 'Check the app’s settings (OAuth scopes, callback URL, permitted users) and sign in again.',
  },
  SIGN_IN_REJECTED: {
    message: 'Salesforce refused to exchange the sign-in code for a token.',
    remedy: 'Sign in again. If it keeps failing, check the consumer key and secret and that the app’s callback URL is the one OrgKey shows.',
  },
  SIGN_IN_NO_REFRESH_TOKEN: {
    message: 'Salesforce signed in but gave no refresh token, so OrgKey could not stay signed in.',
    remedy: 'In the app’s OAuth settings, add the scope “Perform requests at any time (refresh_token, offline_access)”, then sign in again.',
  },
  SIGN_IN_TIMEOUT: {
    message: 'The browser did not come back to OrgKey in time.',
    remedy: 'Sign in again. If Salesforce showed “redirect_uri_mismatch”, register the callback URL OrgKey shows in the app first.',
  },
  SIGN_IN_CANCELLED: {
    message: 'The sign-in was cancelled.',
    remedy: 'Start it again when you are ready.',
  },
  INTERNAL: {
    message: 'Something went wrong inside OrgKey.',
    remedy: 'Try again. If it keeps happening, restart OrgKey.',
  },
};
