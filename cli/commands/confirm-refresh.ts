import type { CommandSpec } from '../args';
import { EXIT } from '../errors';
import { json, orgJson } from '../format';
import { shellWord } from '../input';
import { SANDBOX_REFRESH_ATTENTION_TEXT } from '../../shared/sandbox-refresh';

export const confirmRefreshCommand: CommandSpec = {
  name: 'confirm-refresh',
  summary: 'Confirm a sandbox refresh OrgKey noticed: the new org id becomes the org’s.',
  usage: ['confirm-refresh <alias> [--json]'],
  description: [
    'When a test (or a token proof) of a sandbox works in an org of another id than before, the sandbox',
    'was refreshed: OrgKey keeps the old org id and says so (orgkey show) until you confirm it here.',
    'Confirming also confirms it for the other orgs in OrgKey that last worked in the same sandbox.',
    'What the old org had — Data Loader exports, a browser sign-in, an app or certificate — still',
    'needs a look until it is redone; orgkey show lists it. Nothing noticed: nothing to confirm (exit 0).',
  ].join('\n'),
  positionals: { names: ['<alias>'], min: 1, max: 1 },
  options: { json: { type: 'boolean', help: 'Print the org as JSON (the shape of one `orgkey list --json` item).' } },
  examples: ['orgkey show Dev && orgkey confirm-refresh Dev'],
  async run(context, { positionals, values }) {
    const org = context.findOrg(positionals[0]!);
    const pending = org.sandboxRefresh && !org.sandboxRefresh.confirmedAt;
    const saved = context.core().orgs.confirmSandboxRefresh(org.id);
    if (values.json) {
      context.io.outBlock(json(orgJson(saved, context.core().now())));
      return EXIT.OK;
    }
    if (!pending) {
      context.io.out(`No sandbox refresh of “${saved.alias}” is waiting to be confirmed: nothing to do.`);
      return EXIT.OK;
    }
    context.io.out(`Confirmed: “${saved.alias}” is now the org ${saved.sandboxRefresh!.toOrgId} (before ${saved.sandboxRefresh!.fromOrgId}).`);
    for (const kind of saved.sandboxRefresh!.attention) context.io.out(`  needs attention: ${SANDBOX_REFRESH_ATTENTION_TEXT[kind]}`);
    if (saved.sandboxRefresh!.attention.length > 0) context.io.out(`  See: orgkey show ${shellWord(saved.alias)}`);
    return EXIT.OK;
  },
};
