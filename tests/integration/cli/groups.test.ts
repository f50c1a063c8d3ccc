/**
 * Groups and colours through `orgkey add/edit/list/show`: the built command in a subprocess, on a
 * real settings file in a temp folder and the real keychain.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, errorLineOf, runCli, type CliEnv } from '../../support/cli';
import { purgeKeychain, uniqueKeychainService } from '../../support/keychain';
import { makeTempDir, removeTempDir } from '../../support/temp';
import { PRODUCTION_DEFAULT_COLOR, SANDBOX_DEFAULT_COLOR } from '../../../shared/org-colors';

const PASSWORD = 'Correct-Horse-9!';
const TOKEN = 'Zq7RtY2uIoP4aSdF6gHjK8lMn';
const CLIENT_ID = '3MVG9' + 'x'.repeat(40);

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
beforeAll(() => ensureCliBuilt());

function fixture(): CliEnv {
  const dataDir = makeTempDir('cli-groups');
  const service = uniqueKeychainService('cli-groups');
  cleanups.push(() => removeTempDir(dataDir), () => purgeKeychain(service));
  return { dataDir, service };
}

const add = (target: CliEnv, alias: string, extra: string[] = []) =>
  runCli(target, ['add', alias, '--username', `${alias.toLowerCase().replace(/\s+/g, '.')}@acme.com`, '--secrets-stdin', ...extra], { input: `${PASSWORD}\n${TOKEN}\n` });

interface Listed {
  alias: string;
  group: string | null;
  color: string;
  colorIsDefault: boolean;
}
const listJson = async (target: CliEnv, extra: string[] = []): Promise<Listed[]> => {
  const result = await runCli(target, ['list', '--json', ...extra]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Listed[];
};
const storedOrgs = (target: CliEnv) => (JSON.parse(fs.readFileSync(path.join(target.dataDir, 'settings.json'), 'utf8')) as { orgs: Array<Record<string, unknown>> }).orgs;

/** Three orgs: two in “Client A” (one of each environment), one production org in no group. */
async function threeOrgs(target: CliEnv): Promise<void> {
  for (const [alias, extra] of [
    ['Acme Prod', ['--group', 'Client A', '--color', 'orange']],
    ['Acme UAT', ['--env', 'sandbox', '--group', ' client  a ']],
    ['Internal', []],
  ] as const) {
    const result = await add(target, alias, [...extra]);
    expect(result.code, result.stderr).toBe(0);
  }
}

describe('orgkey add and list with groups and colours', () => {
  it('files orgs under a group with a colour; list shows a GROUP column and --json the group and the colour shown', async () => {
    const target = fixture();
    const added = await add(target, 'Acme Prod', ['--group', 'Client A', '--color', 'orange']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('Group: Client A; colour: orange (#dd7a01).');
    expect((await add(target, 'Acme UAT', ['--env', 'sandbox', '--group', ' client  a '])).code).toBe(0);
    expect((await add(target, 'Internal')).code).toBe(0);

    expect(await listJson(target)).toEqual([
      expect.objectContaining({ alias: 'Acme Prod', group: 'Client A', color: '#dd7a01', colorIsDefault: false }),
      // One group, however it was typed: it joins the group as its first org spells it.
      expect.objectContaining({ alias: 'Acme UAT', group: 'Client A', color: SANDBOX_DEFAULT_COLOR, colorIsDefault: true }),
      expect.objectContaining({ alias: 'Internal', group: null, color: PRODUCTION_DEFAULT_COLOR, colorIsDefault: true }),
    ]);
    // Stored: the group and a chosen colour only; a default colour is not written.
    expect(storedOrgs(target).map((org) => [org.alias, org.group, org.color])).toEqual([
      ['Acme Prod', 'Client A', '#dd7a01'],
      ['Acme UAT', 'Client A', undefined],
      ['Internal', undefined, undefined],
    ]);

    const table = await runCli(target, ['list']);
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+USERNAME\s+ENVIRONMENT\s+GROUP\s+LOGIN\s+TOKEN\s+PASSWORD\s+LAST TEST$/);
    expect(table.stdout).toMatch(/^Acme UAT\s+acme\.uat@acme\.com\s+sandbox\s+Client A\s+soap/m);
    expect(table.stdout).toMatch(/^Internal\s+internal@acme\.com\s+production\s+-\s+soap/m);
  });

  it('list has no GROUP column while no org has a group', async () => {
    const target = fixture();
    expect((await add(target, 'Internal')).code).toBe(0);
    expect((await runCli(target, ['list'])).stdout.split('\n')[0]).toMatch(/^NAME\s+USERNAME\s+ENVIRONMENT\s+LOGIN\s/);
  });

  it('list --group shows one group by its exact name in any case, and --group "" the orgs in no group', async () => {
    const target = fixture();
    await threeOrgs(target);
    expect((await listJson(target, ['--group', 'CLIENT A'])).map((org) => org.alias)).toEqual(['Acme Prod', 'Acme UAT']);
    expect((await listJson(target, ['--group', ''])).map((org) => org.alias)).toEqual(['Internal']);
    const table = await runCli(target, ['list', '--group', 'client a']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^Acme Prod\s/m);
    expect(table.stdout).not.toContain('Internal');
  });

  it('list --group of a group no org has is a usage error (exit 2) naming the groups there are', async () => {
    const target = fixture();
    await threeOrgs(target);
    expect((await add(target, 'Beta', ['--group', 'Client B'])).code).toBe(0);
    const result = await runCli(target, ['list', '--group', 'Client', '--json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(errorLineOf(result)).toBe('orgkey: USAGE: No org is in a group named “Client”. The groups are: “Client A”, “Client B”.');
  });

  it('a bad colour or group is refused with exit 2 before any secret is read, and nothing is stored', async () => {
    const target = fixture();
    const color = await add(target, 'Acme', ['--color', 'crimson']);
    expect(color.code).toBe(2);
    expect(errorLineOf(color)).toMatch(/^orgkey: INVALID_INPUT: --color: “crimson” is not a colour OrgKey knows\. Use one of red, orange, .*gray, or a hex colour such as #1b96ff\.$/);
    const group = await runCli(target, ['add', 'Acme', '--browser-login', '--client-id', CLIENT_ID, '--group', 'g'.repeat(81)]);
    expect(group.code).toBe(2);
    expect(errorLineOf(group)).toMatch(/^orgkey: INVALID_INPUT: --group: Keep the group’s name to 80 characters or fewer/);
    expect(await listJson(target)).toEqual([]);
  });

  it('a browser-login org takes a group and a hex colour too', async () => {
    const target = fixture();
    const result = await runCli(target, ['add', 'Acme', '--browser-login', '--client-id', CLIENT_ID, '--group', 'Client A', '--color', '1B96FF', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ alias: 'Acme', auth: 'browser', group: 'Client A', color: '#1b96ff', colorIsDefault: false });
  });
});

describe('orgkey edit and show with groups and colours', () => {
  it('edit moves an org to another group and colour, and "" clears both back to none and the default', async () => {
    const target = fixture();
    await threeOrgs(target);
    const moved = await runCli(target, ['edit', 'Acme UAT', '--group', 'Client B', '--color', '#0B827C']);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toContain('Saved “Acme UAT” (sandbox, acme.uat@acme.com).\nGroup: Client B; colour: teal (#0b827c).');

    const shown = await runCli(target, ['show', 'Acme UAT']);
    expect(shown.stdout).toMatch(/^ {2}group\s+Client B$/m);
    expect(shown.stdout).toMatch(/^ {2}colour\s+teal \(#0b827c\)$/m);

    const cleared = await runCli(target, ['edit', 'Acme UAT', '--group', '', '--color', '']);
    expect(cleared.code, cleared.stderr).toBe(0);
    expect(cleared.stdout).toContain(`Group: none; colour: gray (${SANDBOX_DEFAULT_COLOR}, the default).`);
    expect((await listJson(target)).find((org) => org.alias === 'Acme UAT')).toEqual(expect.objectContaining({ group: null, color: SANDBOX_DEFAULT_COLOR, colorIsDefault: true }));
    const stored = storedOrgs(target).find((org) => org.alias === 'Acme UAT')!;
    expect(stored).not.toHaveProperty('group');
    expect(stored).not.toHaveProperty('color');

    const json = await runCli(target, ['show', 'Acme UAT', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ group: null, color: SANDBOX_DEFAULT_COLOR, colorIsDefault: true });
  });

  it('an edit with a bad colour changes nothing, and a rename keeps the group and colour', async () => {
    const target = fixture();
    await threeOrgs(target);
    const bad = await runCli(target, ['edit', 'Acme Prod', '--group', 'Client B', '--color', '#12']);
    expect(bad.code).toBe(2);
    expect(errorLineOf(bad)).toMatch(/^orgkey: INVALID_INPUT: --color: “#12” is not a colour/);
    const renamed = await runCli(target, ['edit', 'Acme Prod', '--alias', 'Acme Production', '--json']);
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(JSON.parse(renamed.stdout)).toMatchObject({ alias: 'Acme Production', group: 'Client A', color: '#dd7a01' });
  });
});
