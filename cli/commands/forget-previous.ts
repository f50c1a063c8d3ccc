import { loginMethodOf } from '../../shared/login-methods';
import type { CommandSpec } from '../args';
import { EXIT } from '../errors';
import { json, orgJson } from '../format';

export const forgetPreviousCommand: CommandSpec = {
  name: 'forget-previous',
  summary: 'Delete the secrets an org kept from its old login method, once the new one has worked.',
  usage: ['forget-previous <alias> [--json]'],
  description: [
    'After `orgkey edit <alias> --client-credentials` (or any other switch) the old method’s secrets —',
    'a password and token, a browser sign-in, a key — stay in the keychain, so the org can switch back.',
    'Once a test with the new method has worked, this deletes them (a browser sign-in is revoked at',
    'Salesforce first). Before that it refuses (SWITCH_NOT_PROVED, exit 1): test the org first.',
  ].join('\n'),
  positionals: { names: ['<alias>'], min: 1, max: 1 },
  options: { json: { type: 'boolean', help: 'Print the org as JSON (the shape of one `orgkey list --json` item).' } },
  examples: ['orgkey test Integration && orgkey forget-previous Integration'],
  async run(context, { positionals, values }) {
    const org = context.findOrg(positionals[0]!);
    const previous = org.previousSecrets;
    const { org: saved } = await context.core().orgs.forgetPreviousSecrets(org.id);
    if (values.json) {
      context.io.outBlock(json(orgJson(saved, context.core().now())));
      return EXIT.OK;
    }
    if (!previous) context.io.out(`“${saved.alias}” keeps no secrets of another login method: nothing to delete.`);
    else context.io.out(`Deleted the ${loginMethodOf(previous.auth).label.toLowerCase()} secrets “${saved.alias}” kept (${previous.kinds.join(', ')}). It logs in with ${loginMethodOf(saved).label.toLowerCase()} only.`);
    return EXIT.OK;
  },
};
