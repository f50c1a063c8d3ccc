import type { OrgPatch } from '../../shared/api';
import { stringOption, type CommandSpec } from '../args';
import { usageError } from '../errors';
import { environmentText, json, orgJson } from '../format';
import { ask } from '../input';
import { stdinLines } from '../terminal';
import { ENV_HELP, parseEnvironment } from './environment';

export const editCommand: CommandSpec = {
  name: 'edit',
  summary: 'Rename an org, or change its username, environment or connected app.',
  usage: ['edit <alias> [--alias NEW] [--username USER] [--env ENV] [--client-id KEY | --no-client-id] [--json]'],
  description: [
    'Changes only what is given. The password and token are changed with `orgkey password` and',
    '`orgkey token`, which prove them with a login first.',
    'With --client-id the consumer secret is asked for (hidden; press Enter to keep the stored one),',
    'or read from the first line of stdin with --secrets-stdin.',
  ].join('\n'),
  positionals: { names: ['<alias>'], min: 1, max: 1 },
  options: {
    alias: { type: 'string', value: 'NEW', help: 'The new name.' },
    username: { type: 'string', value: 'USER', help: 'The new username.' },
    env: { type: 'string', value: 'ENV', help: `The new login environment: ${ENV_HELP}` },
    'client-id': { type: 'string', value: 'KEY', help: 'Log in through this connected app (OAuth username-password flow).' },
    'no-client-id': { type: 'boolean', help: 'Log in with SOAP login() again and delete the stored consumer secret.' },
    'secrets-stdin': { type: 'boolean', help: 'With --client-id: read the consumer secret from stdin.' },
    json: { type: 'boolean', help: 'Print the changed org as JSON.' },
  },
  examples: ['orgkey edit "UAT sandbox" --alias UAT', 'orgkey edit UAT --env https://acme--uat.sandbox.my.salesforce.com'],
  async run(context, { positionals, values }) {
    const patch: OrgPatch = {};
    const alias = stringOption(values, 'alias');
    const username = stringOption(values, 'username');
    const env = stringOption(values, 'env');
    const clientId = stringOption(values, 'client-id');
    if (alias !== undefined) patch.alias = alias;
    if (username !== undefined) patch.username = username;
    if (env !== undefined) Object.assign(patch, parseEnvironment(env));
    if (clientId !== undefined && values['no-client-id']) throw usageError('Give either --client-id or --no-client-id, not both.', 'Run “orgkey edit --help”.');
    if (values['no-client-id']) patch.clientId = '';
    if (Object.keys(patch).length === 0 && clientId === undefined) {
      throw usageError('Nothing to change: give --alias, --username, --env, --client-id or --no-client-id.', 'Run “orgkey edit --help”.');
    }

    const org = context.findOrg(positionals[0]!);
    if (clientId !== undefined) {
      patch.clientId = clientId;
      if (values['secrets-stdin']) patch.clientSecret = stdinLines(await context.io.readStdin())[0] ?? '';
      else if (context.io.stdinIsTTY) patch.clientSecret = await ask(context, 'Consumer secret (press Enter to keep the stored one): ', { hidden: true });
    }
    const { org: saved, notices } = await context.core().orgs.update(org.id, patch);
    for (const notice of notices) context.io.err(`warning: ${notice.message}`);
    if (values.json) context.io.out(json(orgJson(saved, new Date())));
    else context.io.out(`Saved “${saved.alias}” (${environmentText(saved)}, ${saved.username}).`);
    return 0;
  },
};
