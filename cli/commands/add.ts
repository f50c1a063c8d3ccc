import { fieldError } from '../../electron/core/errors';
import { checkAlias, checkClientId, checkLoginUrl, checkUsername, type FieldCheck } from '../../shared/validation';
import { stringOption, type CommandSpec } from '../args';
import type { Context } from '../context';
import { environmentText, json, orgJson } from '../format';
import { ask, requireTerminal, shellWord } from '../input';
import { stdinLines } from '../terminal';
import { ENV_HELP, parseEnvironment } from './environment';

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

export const addCommand: CommandSpec = {
  name: 'add',
  summary: 'Add an org: password and token go to the keychain, the rest to the settings file.',
  usage: ['add <alias> --username USER [--env production|sandbox|URL] [--client-id KEY] [--secrets-stdin] [--json]'],
  description: [
    'The password, the security token (empty when this network is in the org’s trusted IP ranges) and,',
    'with --client-id, the connected app’s consumer secret are asked for with hidden input. With',
    '--secrets-stdin they are read from stdin instead, one per line, in that order.',
    'Secrets are never command-line options: those show up in the process list and shell history.',
  ].join('\n'),
  positionals: { names: ['<alias>'], min: 1, max: 1 },
  options: {
    username: { type: 'string', value: 'USER', help: 'The Salesforce username, e.g. admin@acme.com.uat (required).' },
    env: { type: 'string', value: 'ENV', help: `Where the org logs in: ${ENV_HELP} Default: production.` },
    'client-id': { type: 'string', value: 'KEY', help: 'Log in through this connected app’s consumer key (OAuth username-password flow).' },
    'secrets-stdin': { type: 'boolean', help: 'Read password, token (and consumer secret) from stdin, one per line.' },
    json: { type: 'boolean', help: 'Print the new org as JSON (the shape of one `orgkey list --json` item).' },
  },
  examples: [
    'orgkey add Production --username admin@acme.com',
    'orgkey add "UAT sandbox" --username admin@acme.com.uat --env sandbox',
    "printf '%s\\n%s\\n' \"$SF_PASSWORD\" \"$SF_TOKEN\" | orgkey add Acme --username admin@acme.com --env https://acme.my.salesforce.com --secrets-stdin",
  ],
  async run(context, { positionals, values }) {
    const alias = positionals[0]!;
    const username = stringOption(values, 'username');
    if (username === undefined) throw fieldError('username', 'Give the org’s username with --username, e.g. --username admin@acme.com.');
    const { environment, customUrl } = parseEnvironment(stringOption(values, 'env') ?? 'production');
    const clientId = stringOption(values, 'client-id');
    precheck('alias', checkAlias(alias));
    precheck('username', checkUsername(username));
    precheck('customUrl', checkLoginUrl(environment, customUrl));
    if (clientId !== undefined) precheck('clientId', checkClientId(clientId));

    const core = context.core();
    const taken = core.orgs.list().find((org) => org.alias.localeCompare(alias.trim(), undefined, { sensitivity: 'accent' }) === 0);
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
    });
    for (const notice of notices) context.io.err(`warning: ${notice.message}`);
    if (values.json) {
      context.io.out(json(orgJson(org, new Date())));
    } else {
      context.io.out(`Added “${org.alias}” (${environmentText(org)}, ${org.username}${org.hasToken ? '' : ', no security token'}).`);
      context.io.out(`Test it: orgkey test ${shellWord(org.alias)}`);
    }
    return 0;
  },
};
