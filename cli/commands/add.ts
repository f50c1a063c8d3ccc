import { callbackUrlFor, DEFAULT_CALLBACK_PORT } from '../../shared/domain';
import { checkAlias, checkBrowserClientId, checkCallbackPort, checkClientId, checkLoginUrl, checkLoginUrlFor, checkUsername, type FieldCheck } from '../../shared/validation';
import { intOption, stringOption, type CommandSpec, type ParsedCommand } from '../args';
import type { Context } from '../context';
import { fieldError, usageError } from '../errors';
import { callbackPortOf, environmentText, json, orgJson } from '../format';
import { ask, noteSecretNotAsked, requireTerminal, shellWord } from '../input';
import { stdinLines } from '../terminal';
import { ENV_HELP, parseEnvironment } from './environment';
import { filedLine, groupColorOptions, groupColorValues } from './group-color';

/** Check a field before asking for any secret, so a typo in --username does not waste the typing. */
function precheck<T>(field: string, check: FieldCheck<T>): void {
  if (!check.ok) throw fieldError(field, check.message);
}

/** The org's secrets: one per line on stdin with --secrets-stdin, else hidden prompts. */
async function readSecrets(context: Context, fromStdin: boolean, username: string, withClientSecret: boolean) {
  if (fromStdin) {
    const [password = '', token = '', clientSecret = ''] = stdinLines(await context.io.readStdin());
    return { password, token, clientSecret };
  }
  requireTerminal(
    context,
    'the password',
    `Pipe the password, the token${withClientSecret ? ' and the consumer secret' : ''} one per line and add --secrets-stdin.`,
  );
  const password = await ask(context, `Password for ${username}: `, { hidden: true });
  const token = await ask(context, 'Security token (press Enter if this network is trusted and needs none): ', { hidden: true });
  const clientSecret = withClientSecret ? await ask(context, 'Consumer secret of the connected app: ', { hidden: true }) : '';
  return { password, token, clientSecret };
}

/**
 * The consumer secret of a browser org's app, which only apps that "Require secret for Web Server
 * Flow" need: the first line of stdin with --secrets-stdin, a hidden prompt on a terminal, else none.
 */
async function readBrowserSecret(context: Context, fromStdin: boolean): Promise<string> {
  if (fromStdin) return stdinLines(await context.io.readStdin())[0] ?? '';
  if (!context.io.stdinIsTTY) {
    noteSecretNotAsked(context, 'none is stored');
    return '';
  }
  return ask(context, 'Consumer secret (leave empty if the app does not require one): ', { hidden: true });
}

/** `add --browser-login`: an org that signs in in the browser; no password or token is asked for. */
async function addBrowserOrg(context: Context, alias: string, values: ParsedCommand['values']): Promise<number> {
  const username = stringOption(values, 'username')?.trim() ?? '';
  const { environment, customUrl } = parseEnvironment(stringOption(values, 'env') ?? 'production');
  const clientId = stringOption(values, 'client-id') ?? '';
  const port = intOption(values, 'port', 1024, 65535);
  precheck('alias', checkAlias(alias));
  if (!clientId.trim()) {
    throw fieldError('clientId', 'Browser login signs in through your External Client App (or connected app): give its consumer key with --client-id KEY.');
  }
  precheck('clientId', checkBrowserClientId(clientId));
  if (username) precheck('username', checkUsername(username));
  precheck('customUrl', checkLoginUrl(environment, customUrl));
  if (port !== undefined) precheck('callbackPort', checkCallbackPort(port));
  const filed = groupColorValues(values);

  const core = context.core();
  const taken = core.orgs.findByName(alias);
  if (taken) throw fieldError('alias', `“${taken.alias}” is already in OrgKey. Choose another name, or change it with orgkey edit.`);

  const clientSecret = await readBrowserSecret(context, !!values['secrets-stdin']);
  const { org, notices } = await core.orgs.add({
    alias,
    environment,
    ...(customUrl !== undefined ? { customUrl } : {}),
    auth: 'browser',
    username,
    password: '',
    clientId,
    ...(clientSecret.trim() ? { clientSecret } : {}),
    ...(port !== undefined ? { callbackPort: port } : {}),
    ...filed,
  });
  for (const notice of notices) context.io.err(`warning: ${notice.message}`);
  if (values.json) {
    context.io.outBlock(json(orgJson(org, context.core().now())));
    return 0;
  }
  context.io.out(`Added “${org.alias}” (${environmentText(org)}, browser login through consumer key ${org.clientId ?? clientId}).`);
  filedLine(context, org);
  context.io.out(`Callback URL to register in the app: ${callbackUrlFor(callbackPortOf(org)!)}`);
  context.io.out(`Sign in: orgkey login ${shellWord(org.alias)}`);
  return 0;
}

/** After a JWT org is added or switched to: where its certificate goes, and how to get it. */
export function certificateLines(context: Context, alias: string, info: { notAfter: string; fingerprint: string } | undefined): void {
  if (info) context.io.out(`Certificate made (valid until ${info.notAfter.slice(0, 10)}, SHA-256 ${info.fingerprint}).`);
  context.io.out(`Save it and upload it to the app (“Use digital signatures”): orgkey cert ${shellWord(alias)} --out ${shellWord(`${alias}.crt`)}`);
  context.io.out('Then pre-approve the user in the app’s policies and test it: orgkey test ' + shellWord(alias));
}

/**
 * `add --client-credentials` / `add --jwt`: an org that logs in with no user's password. Client
 * credentials take the app's consumer secret (hidden prompt, or the first line of stdin with
 * --secrets-stdin) and need the org's My Domain; JWT takes a username and makes a key pair.
 */
async function addServerOrg(context: Context, alias: string, values: ParsedCommand['values'], auth: 'client-credentials' | 'jwt'): Promise<number> {
  const username = stringOption(values, 'username')?.trim() ?? '';
  // Without --env: production, which the client credentials check refuses with Salesforce's reason.
  const { environment, customUrl } = parseEnvironment(stringOption(values, 'env') ?? 'production');
  const clientId = stringOption(values, 'client-id') ?? '';
  precheck('alias', checkAlias(alias));
  if (!clientId.trim()) throw fieldError('clientId', 'Give the consumer key of your External Client App with --client-id KEY.');
  precheck('clientId', checkBrowserClientId(clientId));
  if (auth === 'client-credentials') {
    if (username) throw fieldError('username', 'The client credentials flow logs in as the app’s Run As user, which orgkey test shows: leave --username out.');
    const url = checkLoginUrlFor(auth, environment, customUrl);
    if (!url.ok) throw fieldError(url.field, url.message);
  } else {
    if (!username) throw fieldError('username', 'Give the username the JWT bearer flow logs in as with --username, e.g. --username integration@acme.com.');
    precheck('username', checkUsername(username));
    precheck('customUrl', checkLoginUrl(environment, customUrl));
  }
  const filed = groupColorValues(values);
  const core = context.core();
  const taken = core.orgs.findByName(alias);
  if (taken) throw fieldError('alias', `“${taken.alias}” is already in OrgKey. Choose another name, or change it with orgkey edit.`);

  let clientSecret = '';
  if (auth === 'client-credentials') {
    if (values['secrets-stdin']) clientSecret = stdinLines(await context.io.readStdin())[0] ?? '';
    else {
      requireTerminal(context, 'the consumer secret', 'Pipe the consumer secret and add --secrets-stdin.');
      clientSecret = await ask(context, 'Consumer secret of the External Client App: ', { hidden: true });
    }
  }
  const { org, notices } = await core.orgs.add({
    alias,
    environment,
    ...(customUrl !== undefined ? { customUrl } : {}),
    auth,
    username,
    password: '',
    clientId,
    ...(clientSecret ? { clientSecret } : {}),
    ...filed,
  });
  for (const notice of notices) context.io.err(`warning: ${notice.message}`);
  if (values.json) {
    context.io.outBlock(json(orgJson(org, context.core().now())));
    return 0;
  }
  if (auth === 'client-credentials') {
    context.io.out(`Added “${org.alias}” (${environmentText(org)}, client credentials through consumer key ${org.clientId ?? clientId}).`);
    filedLine(context, org);
    context.io.out(`Test it (it shows the app’s Run As user): orgkey test ${shellWord(org.alias)}`);
  } else {
    context.io.out(`Added “${org.alias}” (${environmentText(org)}, JWT bearer as ${org.username} through consumer key ${org.clientId ?? clientId}).`);
    filedLine(context, org);
    certificateLines(context, org.alias, org.certificate);
  }
  return 0;
}

export const addCommand: CommandSpec = {
  name: 'add',
  summary: 'Add an org: password and token go to the keychain, the rest to the settings file.',
  usage: [
    'add <alias> --username USER [--env production|sandbox|URL] [--client-id KEY] [--group NAME] [--color COLOR] [--secrets-stdin] [--json]',
    'add <alias> --browser-login --client-id KEY [--port N] [--username USER] [--env production|sandbox|URL] [--secrets-stdin] [--json]',
    'add <alias> --client-credentials --client-id KEY --env MY_DOMAIN_URL [--secrets-stdin] [--json]',
    'add <alias> --jwt --client-id KEY --username USER [--env production|sandbox|URL] [--json]',
  ],
  description: [
    'The password, the security token (empty when this network is in the org’s trusted IP ranges) and,',
    'with --client-id, the connected app’s consumer secret are asked for with hidden input. With',
    '--secrets-stdin they are read from stdin instead, one per line, in that order.',
    'Secrets are never command-line options: those show up in the process list and shell history.',
    '',
    'With --browser-login the org signs in in the browser (OAuth with PKCE) through your External Client',
    'App (or connected app) with consumer key KEY: no password or token is kept, and SOAP login()’s',
    `retirement does not touch it. Register the callback URL it prints (http://localhost:${DEFAULT_CALLBACK_PORT}/oauth/callback,`,
    'or the --port you choose) in the app, then run `orgkey login <alias>`. The consumer secret is needed',
    'only when the app requires one (“Require secret for Web Server Flow” or “… for Refresh Token Flow”):',
    'asked for (hidden; Enter for none) on a terminal, or the first line of stdin with --secrets-stdin.',
    '--username is optional: it prefills the login page.',
    '',
    'With --client-credentials the org logs in with the app’s consumer key and secret as its Run As user',
    '(no password, no username: `orgkey test` shows who). Salesforce serves this flow only on the org’s',
    'My Domain, so --env must be its My Domain URL. The consumer secret is asked for hidden, or read from',
    'the first line of stdin with --secrets-stdin.',
    'With --jwt the org logs in as --username with an assertion signed by a key OrgKey makes now: the key',
    'stays in the keychain; upload its certificate to the app (`orgkey cert <alias> --out FILE`).',
    '',
    'Any kind of org takes --group (a client or project to file it under; `orgkey list --group NAME`',
    'lists one group) and --color (its colour in the app; without one, production orgs are red and',
    'sandboxes grey, so a production org is never mistaken for a sandbox).',
  ].join('\n'),
  positionals: { names: ['<alias>'], min: 1, max: 1 },
  options: {
    username: { type: 'string', value: 'USER', help: 'The Salesforce username, e.g. admin@acme.com.uat (required, except with --browser-login).' },
    env: { type: 'string', value: 'ENV', help: `Where the org logs in: ${ENV_HELP} Default: production.` },
    'client-id': { type: 'string', value: 'KEY', help: 'Log in through this connected app’s consumer key (OAuth username-password flow; with --browser-login: the app to sign in through).' },
    'browser-login': { type: 'boolean', help: 'Sign in in the browser (OAuth with PKCE) instead of keeping a password; needs --client-id.' },
    port: { type: 'string', value: 'N', help: `With --browser-login: the callback port (1024–65535; default ${DEFAULT_CALLBACK_PORT}), as in the app’s callback URL.` },
    'client-credentials': { type: 'boolean', help: 'Log in with the app’s consumer key and secret as its Run As user (no password); needs --client-id and --env MY_DOMAIN_URL.' },
    jwt: { type: 'boolean', help: 'Log in with a JWT signed by a key OrgKey makes (no password); needs --client-id and --username.' },
    'secrets-stdin': { type: 'boolean', help: 'Read password, token (and consumer secret) from stdin, one per line; with --browser-login only the consumer secret.' },
    ...groupColorOptions(false),
    json: { type: 'boolean', help: 'Print the new org as JSON (the shape of one `orgkey list --json` item).' },
  },
  examples: [
    'orgkey add Production --username admin@acme.com',
    'orgkey add "UAT sandbox" --username admin@acme.com.uat --env sandbox --group "Client A" --color teal',
    "printf '%s\\n%s\\n' \"$SF_PASSWORD\" \"$SF_TOKEN\" | orgkey add Acme --username admin@acme.com --env https://acme.my.salesforce.com --secrets-stdin",
    'orgkey add Acme --browser-login --client-id 3MVG9… --env https://acme.my.salesforce.com && orgkey login Acme',
    'printf \'%s\\n\' "$CONSUMER_SECRET" | orgkey add Integration --client-credentials --client-id 3MVG9… --env https://acme.my.salesforce.com --secrets-stdin',
    'orgkey add Nightly --jwt --client-id 3MVG9… --username integration@acme.com',
  ],
  async run(context, { positionals, values }) {
    const alias = positionals[0]!;
    const methods = (['browser-login', 'client-credentials', 'jwt'] as const).filter((flag) => values[flag]);
    if (methods.length > 1) throw usageError(`Give one way to log in, not ${methods.map((flag) => `--${flag}`).join(' and ')}.`, 'Run “orgkey add --help”.');
    if (values.port !== undefined && !values['browser-login']) throw usageError('--port is the callback port of browser login: it goes with --browser-login.', 'Run “orgkey add --help”.');
    if (values['client-credentials']) return addServerOrg(context, alias, values, 'client-credentials');
    if (values.jwt) return addServerOrg(context, alias, values, 'jwt');
    if (values['browser-login']) return addBrowserOrg(context, alias, values);
    const username = stringOption(values, 'username');
    if (username === undefined) throw fieldError('username', 'Give the org’s username with --username, e.g. --username admin@acme.com.');
    const { environment, customUrl } = parseEnvironment(stringOption(values, 'env') ?? 'production');
    const clientId = stringOption(values, 'client-id');
    precheck('alias', checkAlias(alias));
    precheck('username', checkUsername(username));
    precheck('customUrl', checkLoginUrl(environment, customUrl));
    if (clientId !== undefined) precheck('clientId', checkClientId(clientId));
    const filed = groupColorValues(values);

    const core = context.core();
    const taken = core.orgs.findByName(alias);
    if (taken) throw fieldError('alias', `“${taken.alias}” is already in OrgKey. Choose another name, or change it with orgkey edit.`);

    const secrets = await readSecrets(context, !!values['secrets-stdin'], username.trim(), !!clientId?.trim());
    const { org, notices } = await core.orgs.add({
      alias,
      environment,
      ...(customUrl !== undefined ? { customUrl } : {}),
      username,
      password: secrets.password,
      token: secrets.token,
      ...(clientId?.trim() ? { clientId, clientSecret: secrets.clientSecret } : {}),
      ...filed,
    });
    for (const notice of notices) context.io.err(`warning: ${notice.message}`);
    if (values.json) {
      context.io.outBlock(json(orgJson(org, context.core().now())));
    } else {
      context.io.out(`Added “${org.alias}” (${environmentText(org)}, ${org.username}${org.hasToken ? '' : ', no security token'}).`);
      filedLine(context, org);
      context.io.out(`Test it: orgkey test ${shellWord(org.alias)}`);
    }
    return 0;
  },
};
