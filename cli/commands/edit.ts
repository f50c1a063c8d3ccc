import type { OrgPatch } from '../../electron/core';
import { callbackUrlFor, DEFAULT_CALLBACK_PORT } from '../../shared/domain';
import { intOption, stringOption, type CommandSpec } from '../args';
import { usageError } from '../errors';
import { callbackPortOf, environmentText, json, loginMethodPhrase, orgJson } from '../format';
import { ask, noteSecretNotAsked, shellWord } from '../input';
import { stdinLines } from '../terminal';
import { certificateLines } from './add';
import { ENV_HELP, parseEnvironment } from './environment';
import { filedLine, groupColorOptions, groupColorValues } from './group-color';
import { loginMethodOf } from '../../shared/login-methods';

const HELP_HINT = 'Run “orgkey edit --help”.';

export const editCommand: CommandSpec = {
  name: 'edit',
  summary: 'Rename an org, or change its username, environment, group, colour, connected app or how it logs in.',
  usage: [
    'edit <alias> [--alias NEW] [--username USER] [--env ENV] [--client-id KEY | --no-client-id] [--group NAME] [--color COLOR] [--json]',
    'edit <alias> --browser-login [--client-id KEY] [--port N] [--json]',
    'edit <alias> [--port N] [--client-id KEY] [--json]   (a browser-login org)',
    'edit <alias> --password-login [--client-id KEY] [--json]',
    'edit <alias> --client-credentials [--client-id KEY] [--env MY_DOMAIN_URL] [--secrets-stdin] [--json]',
    'edit <alias> --jwt [--client-id KEY] [--username USER] [--json]',
  ],
  description: [
    'Changes only what is given. The password and token are changed with `orgkey password` and',
    '`orgkey token`, which prove them with a login first.',
    'With --client-id the consumer secret is asked for (hidden; press Enter to keep the stored one),',
    'or read from the first line of stdin with --secrets-stdin.',
    '',
    '--browser-login switches the org to browser login (OAuth with PKCE) through the app with consumer',
    'key KEY (or the one it already has); its password stays in the keychain, so --password-login can',
    'switch back. Then register the callback URL it prints in the app and run `orgkey login`. Changing',
    'the consumer key or the environment of a signed-in org signs it out (the sign-in is revoked).',
    `--port moves a browser-login org’s callback to another port (a new org gets ${DEFAULT_CALLBACK_PORT}; an org keeps`,
    'its port otherwise): use it when another program holds the port, and register the callback URL it',
    'prints in the app. The sign-in is kept.',
    '',
    '--client-credentials and --jwt switch the org to a login with no password (see `orgkey add --help`).',
    'Any switch keeps the old method’s secrets in the keychain (a password and token, a browser sign-in,',
    'a key) until a test with the new method works; switching back uses them again. After a test works,',
    '`orgkey forget-previous <alias>` deletes them.',
    '',
    '--group "" takes the org out of its group; --color "" gives it its environment’s default colour again.',
  ].join('\n'),
  positionals: { names: ['<alias>'], min: 1, max: 1 },
  options: {
    alias: { type: 'string', value: 'NEW', help: 'The new name.' },
    username: { type: 'string', value: 'USER', help: 'The new username.' },
    env: { type: 'string', value: 'ENV', help: `The new login environment: ${ENV_HELP}` },
    'client-id': { type: 'string', value: 'KEY', help: 'Log in through this connected app (OAuth username-password flow); for a browser-login org, the app to sign in through.' },
    'no-client-id': { type: 'boolean', help: 'Log in with SOAP login() again and delete the stored consumer secret.' },
    'browser-login': { type: 'boolean', help: 'Sign in in the browser from now on (needs a consumer key: --client-id, or the stored one).' },
    'password-login': { type: 'boolean', help: 'Back from browser login to SOAP login() with the stored password + token (signs out); add --client-id KEY for a connected app’s username-password flow.' },
    'client-credentials': { type: 'boolean', help: 'Log in with the app’s consumer key and secret as its Run As user (needs the org’s My Domain URL).' },
    jwt: { type: 'boolean', help: 'Log in with a JWT signed by a key OrgKey makes now (needs a username and a consumer key).' },
    port: { type: 'string', value: 'N', help: 'Browser login: the callback port (1024–65535), as in the app’s callback URL.' },
    'secrets-stdin': { type: 'boolean', help: 'With --client-id (or --browser-login): read the consumer secret from stdin.' },
    ...groupColorOptions(true),
    json: { type: 'boolean', help: 'Print the changed org as JSON.' },
  },
  examples: [
    'orgkey edit "UAT sandbox" --alias UAT',
    'orgkey edit UAT --env https://acme--uat.sandbox.my.salesforce.com',
    'orgkey edit Production --browser-login --client-id 3MVG9…',
    'orgkey edit Production --port 18718',
    'orgkey edit UAT --group "Client A" --color orange',
  ],
  async run(context, { positionals, values }) {
    const patch: OrgPatch = {};
    const alias = stringOption(values, 'alias');
    const username = stringOption(values, 'username');
    const env = stringOption(values, 'env');
    const clientId = stringOption(values, 'client-id');
    const port = intOption(values, 'port', 1024, 65535);
    const targets = (['browser-login', 'password-login', 'client-credentials', 'jwt'] as const).filter((flag) => values[flag]);
    if (targets.length > 1) throw usageError(`Give one way to log in, not ${targets.map((flag) => `--${flag}`).join(' and ')}.`, HELP_HINT);
    const toBrowser = !!values['browser-login'];
    const toPassword = !!values['password-login'];
    const toClientCredentials = !!values['client-credentials'];
    const toJwt = !!values.jwt;
    if (alias !== undefined) patch.alias = alias;
    if (username !== undefined) patch.username = username;
    if (env !== undefined) Object.assign(patch, parseEnvironment(env));
    if (clientId !== undefined && values['no-client-id']) throw usageError('Give either --client-id or --no-client-id, not both.', HELP_HINT);
    if (toBrowser && values['no-client-id']) throw usageError('Browser login signs in through an app: --no-client-id does not go with --browser-login.', HELP_HINT);
    if (values['no-client-id']) patch.clientId = '';
    if (toBrowser) patch.auth = 'browser';
    if (toPassword) patch.auth = 'password';
    if (toClientCredentials) patch.auth = 'client-credentials';
    if (toJwt) patch.auth = 'jwt';
    if (port !== undefined) patch.callbackPort = port;
    const filed = groupColorValues(values);
    Object.assign(patch, filed);
    if (Object.keys(patch).length === 0 && clientId === undefined) {
      throw usageError('Nothing to change: give --alias, --username, --env, --group, --color, --client-id, --no-client-id, --browser-login, --password-login, --client-credentials, --jwt or --port.', HELP_HINT);
    }

    const org = context.findOrg(positionals[0]!);
    const browser = toBrowser || (org.auth === 'browser' && !toPassword);
    // The browser app's key is no connected app for the password flow: back to SOAP login() unless one is given.
    if (toPassword && org.auth === 'browser' && clientId === undefined) patch.clientId = '';
    if (port !== undefined && !browser) {
      throw usageError(`--port is the callback port of browser login, and “${org.alias}” logs in with ${loginMethodPhrase(patch.auth ?? org.auth)}. Add --browser-login to switch it.`, HELP_HINT);
    }
    const method = patch.auth ?? org.auth;
    // JWT signs with a key, no consumer secret; client credentials need one (Enter keeps the stored one).
    if (method !== 'jwt' && (clientId !== undefined || (method === 'client-credentials' && toClientCredentials) || (toBrowser && values['secrets-stdin']))) {
      if (clientId !== undefined) patch.clientId = clientId;
      const question = browser
        ? 'Consumer secret (press Enter if the app does not require one, or to keep the stored one): '
        : 'Consumer secret (press Enter to keep the stored one): ';
      if (values['secrets-stdin']) patch.clientSecret = stdinLines(await context.io.readStdin())[0] ?? '';
      else if (context.io.stdinIsTTY) patch.clientSecret = await ask(context, question, { hidden: true });
      else noteSecretNotAsked(context, 'the stored one, if any, is kept');
    }
    const { org: saved, notices } = await context.core().orgs.update(org.id, patch);
    for (const notice of notices) context.io.err(`warning: ${notice.message}`);
    if (values.json) {
      context.io.outBlock(json(orgJson(saved, context.core().now())));
      return 0;
    }
    // The saved line, then where the org is filed when this edit changed that.
    const said = (line: string) => {
      context.io.out(line);
      if (Object.keys(filed).length > 0) filedLine(context, saved, { always: true });
    };
    if (saved.previousSecrets && saved.previousSecrets.since === saved.updatedAt) {
      context.io.err(
        `The ${loginMethodOf(saved.previousSecrets.auth).label.toLowerCase()} secrets stay in the keychain (${saved.previousSecrets.kinds.join(', ')}) until a test with the new method works; then delete them: orgkey forget-previous ${shellWord(saved.alias)}`,
      );
    }
    if (saved.auth === 'client-credentials') {
      said(`Saved “${saved.alias}” (${environmentText(saved)}, client credentials through consumer key ${saved.clientId ?? '-'}).`);
      context.io.out(`Test it (it shows the app’s Run As user): orgkey test ${shellWord(saved.alias)}`);
      return 0;
    }
    if (saved.auth === 'jwt') {
      said(`Saved “${saved.alias}” (${environmentText(saved)}, JWT bearer as ${saved.username} through consumer key ${saved.clientId ?? '-'}).`);
      if (toJwt) certificateLines(context, saved.alias, saved.certificate);
      return 0;
    }
    if (saved.auth !== 'browser') {
      said(`Saved “${saved.alias}” (${environmentText(saved)}, ${saved.username}).`);
      if (toPassword && org.auth !== 'password') context.io.out('It logs in with its password + token again.');
      return 0;
    }
    said(`Saved “${saved.alias}” (${environmentText(saved)}, browser login through consumer key ${saved.clientId ?? '-'}).`);
    if (toBrowser || port !== undefined || clientId !== undefined) context.io.out(`Callback URL to register in the app: ${callbackUrlFor(callbackPortOf(saved)!)}`);
    if (!saved.signedInAt) {
      context.io.out(`${org.signedInAt ? 'The earlier sign-in was revoked. ' : ''}Sign in: orgkey login ${shellWord(saved.alias)}`);
    }
    return 0;
  },
};
