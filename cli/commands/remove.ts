import type { CommandSpec } from '../args';
import { confirm } from '../input';

export const removeCommand: CommandSpec = {
  name: 'remove',
  summary: 'Remove an org and delete its password and token from the keychain.',
  usage: ['remove <alias> [--yes]'],
  description: 'Asks first on a terminal. Without a terminal (a script, a pipe) it refuses unless --yes is given.',
  positionals: { names: ['<alias>'], min: 1, max: 1 },
  options: { yes: { type: 'boolean', short: 'y', help: 'Do not ask: remove it.' } },
  examples: ['orgkey remove "Old sandbox"', 'orgkey remove "Old sandbox" --yes'],
  async run(context, { positionals, values }) {
    const org = context.findOrg(positionals[0]!);
    await confirm(context, `Remove “${org.alias}” (${org.username}) and delete its secrets from the keychain?`, !!values.yes, `Removing “${org.alias}”`);
    await context.core().orgs.remove(org.id);
    context.io.out(`Removed “${org.alias}” and deleted its secrets from the keychain.`);
    return 0;
  },
};
