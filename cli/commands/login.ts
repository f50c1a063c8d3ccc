/**
 * `orgkey login` / `orgkey logout`: browser login (OAuth 2.0 with PKCE) from a terminal.
 *
 * The core listens on the org's loopback callback and opens the authorize page; this command prints
 * that page's address (it holds no secret: PKCE's verifier and the code never leave the core), waits
 * for the one callback, and says who signed in. Ctrl-C cancels the sign-in and frees the port.
 */
import type { OrgKeyError } from '../../electron/core';
import { DEFAULT_CALLBACK_PORT, SIGN_IN_TIMEOUT_MS, type OrgSummary, type SignedIn, type SignInStart } from '../../shared/domain';
import type { CommandSpec } from '../args';
import { CliError, EXIT, isCoreFailure } from '../errors';
import { json, loginMethodPhrase } from '../format';
import { shellWord } from '../input';

/** Only browser orgs sign in; a password org is told how to switch. */
function requireBrowserOrg(org: OrgSummary, command: string): void {
  if (org.auth === 'browser') return;
  throw new CliError(
    'NOT_BROWSER_LOGIN',
    `“${org.alias}” logs in with ${loginMethodPhrase(org.auth)}, not in the browser, so there is nothing to ${command}.`,
    `Switch it to browser login first: orgkey edit ${shellWord(org.alias)} --browser-login --client-id KEY`,
  );
}

/** The port is taken: the core's message names it; the remedy says how to choose another from here. */
function portInUse(org: OrgSummary, cause: OrgKeyError): CliError {
  const error = new CliError(
    'SIGN_IN_PORT_IN_USE',
    cause.appError.message,
    `Close that program (another sign-in, or the Salesforce CLI waiting for its own) and try again, or give this org another port: orgkey edit ${shellWord(org.alias)} --port N, then add http://localhost:N/oauth/callback to the app’s callback URLs.`,
  );
  error.cause = cause;
  return error;
}

export const loginCommand: CommandSpec = {
  name: 'login',
  summary: 'Sign in to a browser-login org in the browser (OAuth with PKCE), and keep the sign-in.',
  usage: ['login <alias> [--no-browser] [--json]'],
  description: [
    'Listens on the org’s callback, http://localhost:PORT/oauth/callback (PORT as given to add or edit',
    `with --port; ${DEFAULT_CALLBACK_PORT} for a new org), prints the address of the org’s sign-in page and opens it in`,
    'your browser. Sign in there (MFA and SSO work as always) and choose Allow. OrgKey then keeps the',
    'refresh token in the keychain, and `orgkey test` uses it. It waits up to 5 minutes; Ctrl-C cancels (exit 130).',
    'Only the answer to this sign-in ends the wait: another tab or page calling the callback gets an error page.',
    'With --no-browser (e.g. over SSH) nothing is opened: open the printed address in any browser on',
    'this machine — the callback goes to localhost, so it must be this one.',
    'Exit 1 when the sign-in is denied, refused or times out; 3 when another program holds the callback port.',
  ].join('\n'),
  positionals: { names: ['<alias>'], min: 1, max: 1 },
  options: {
    'no-browser': { type: 'boolean', help: 'Do not open a browser; just print the address to open.' },
    json: { type: 'boolean', help: 'Print {alias, username, signedInAt} as JSON; the address goes to stderr then.' },
  },
  examples: ['orgkey login Acme', 'orgkey login Acme --no-browser'],
  async run(context, { positionals, values }) {
    const core = context.core();
    const org = context.findOrg(positionals[0]!);
    requireBrowserOrg(org, 'sign in to');
    const asJson = !!values.json;
    // The address is what the user needs to act on: stdout, unless stdout is kept for the JSON.
    const say = (line: string) => (asJson ? context.io.err(line) : context.io.out(line));

    let interrupted = false;
    const undo = context.io.onInterrupt(() => {
      interrupted = true;
      core.signIn.cancel(org.id);
    });
    let start: SignInStart;
    let signedIn: SignedIn;
    try {
      try {
        start = await core.signIn.start(org.id, { openBrowser: !values['no-browser'] });
      } catch (error) {
        if (isCoreFailure(error) && error.appError.code === 'SIGN_IN_PORT_IN_USE') throw portInUse(org, error);
        throw error;
      }
      // Ctrl-C while the listener was starting: stop it now.
      if (interrupted) core.signIn.cancel(org.id);
      say(`Open this address to sign in: ${start.authorizeUrl}`);
      if (!values['no-browser']) {
        context.io.err(start.opened ? 'Opened it in your browser.' : 'warning: no browser could be opened here; open the address above yourself.');
      }
      context.io.err(
        `Waiting for the browser to come back to ${start.callbackUrl} (up to ${SIGN_IN_TIMEOUT_MS / 60_000} minutes; Ctrl-C cancels).`,
      );
      signedIn = await core.signIn.finish(org.id);
    } catch (error) {
      if (interrupted && isCoreFailure(error) && error.appError.code === 'SIGN_IN_CANCELLED') {
        throw new CliError('CANCELLED', 'Interrupted: the sign-in was cancelled and nothing was stored.');
      }
      throw error;
    } finally {
      undo();
    }
    if (asJson) context.io.outBlock(json({ alias: org.alias, username: signedIn.username, signedInAt: signedIn.signedInAt }));
    else context.io.out(`Signed in to ${org.alias} as ${signedIn.username}.`);
    return EXIT.OK;
  },
};

export const logoutCommand: CommandSpec = {
  name: 'logout',
  summary: 'Sign out of a browser-login org: revoke its refresh token at Salesforce and delete it.',
  usage: ['logout <alias> [--json]'],
  description: [
    'Revokes the sign-in at Salesforce (so the refresh token stops working everywhere) and deletes it',
    'from the keychain. If Salesforce cannot be reached the token is deleted here anyway, with a warning:',
    'it then stays valid until the app’s refresh-token policy ends it, or an admin revokes it.',
  ].join('\n'),
  positionals: { names: ['<alias>'], min: 1, max: 1 },
  options: { json: { type: 'boolean', help: 'Print {alias, wasSignedIn, revoked} as JSON; revoked is null when there was no sign-in.' } },
  examples: ['orgkey logout Acme'],
  async run(context, { positionals, values }) {
    const core = context.core();
    const org = context.findOrg(positionals[0]!);
    requireBrowserOrg(org, 'sign out of');
    const wasSignedIn = !!org.signedInAt;
    const { revoked } = await core.signIn.signOut(org.id);
    if (values.json) {
      context.io.outBlock(json({ alias: org.alias, wasSignedIn, revoked: wasSignedIn ? revoked : null }));
    } else if (!wasSignedIn) {
      context.io.out(`“${org.alias}” was not signed in; nothing is kept for it.`);
    } else {
      context.io.out(`Signed out of ${org.alias}${revoked ? ': the sign-in was revoked at Salesforce' : ''} and removed from the keychain.`);
    }
    if (!revoked) {
      context.io.err('warning: Salesforce did not confirm the revocation (offline?); the refresh token stays valid there until it expires or an admin revokes it.');
    }
    return EXIT.OK;
  },
};
