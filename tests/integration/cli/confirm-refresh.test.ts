/**
 * A sandbox refresh from the command line, on the fake org: `orgkey show` (text and JSON) and `list
 * --json` tell a pending refresh and what needs attention, and `orgkey confirm-refresh` confirms it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli, useCliSuite, type CliEnv, type CliSuite } from '../../support/cli';
import { credentials, SANDBOX_ADMIN, type Control } from '../../support/fake-org';

const suite = useCliSuite('cli-refresh');
let fake: CliSuite['fake'];
let control: Control;
let target: CliEnv;
beforeEach(() => ({ fake, control, target } = suite));

const ok = async (args: string[], input?: string) => {
  const result = await runCli(target, args, input === undefined ? {} : { input });
  expect(result.code, result.stderr).toBe(0);
  return result;
};

describe('orgkey and a refreshed sandbox', () => {
  it('show says the refresh is pending and how to confirm it; confirm-refresh makes the new org id the org’s', async () => {
    const before = await credentials(control, SANDBOX_ADMIN);
    await ok(['add', 'UAT', '--username', SANDBOX_ADMIN, '--env', fake.org.loginUrl, '--secrets-stdin'], `${before.password}\n${before.token}\n`);
    await ok(['test', 'UAT']);
    expect(JSON.parse((await ok(['show', 'UAT', '--json'])).stdout)).toMatchObject({ sandboxRefresh: null });

    const { orgId: newId } = await control.refreshSandbox(before.orgId);
    const after = await credentials(control, SANDBOX_ADMIN);
    // The production password of the refresh day, with the new token, proved before it is kept.
    const proved = await ok(['password', 'UAT', '--json'], `${after.password}\n${after.token}\n`);
    expect(JSON.parse(proved.stdout)).toMatchObject({ stored: true, test: { ok: true, orgId: newId } });

    // A test says it too, with where to look and how to confirm.
    expect((await ok(['test', 'UAT'])).stdout).toContain('then confirm: orgkey confirm-refresh UAT');

    const shown = await ok(['show', 'UAT']);
    expect(shown.stdout).toContain(`This sandbox was refreshed: the login worked, but in a new org (org id ${newId}, before ${before.orgId}).`);
    expect(shown.stdout).toContain('orgkey confirm-refresh UAT');
    expect(shown.stdout).toContain('“.invalid”');
    const [listed] = JSON.parse((await ok(['list', '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(listed).toMatchObject({ sandboxRefresh: { fromOrgId: before.orgId, toOrgId: newId, pending: true, confirmedAt: null, attention: [] } });
    expect((await ok(['list'])).stderr).toContain('note: UAT: the sandbox was refreshed (a new org)');

    const confirmed = await ok(['confirm-refresh', 'UAT']);
    expect(confirmed.stdout).toContain(`Confirmed: “UAT” is now the org ${newId} (before ${before.orgId}).`);
    expect(JSON.parse((await ok(['show', 'UAT', '--json'])).stdout)).toMatchObject({ sandboxRefresh: { pending: false, confirmedAt: expect.any(String) } });
    expect((await ok(['show', 'UAT'])).stdout).not.toContain('orgkey confirm-refresh');
    // Nothing left to confirm: said, and still exit 0.
    expect((await ok(['confirm-refresh', 'UAT'])).stdout).toContain('nothing to do');
  });
});
