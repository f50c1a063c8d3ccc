/**
 * What Test all writes: every login is recorded before it is sent and its result after it (the
 * lockout guard's two writes), but a slot writes each result together with its next org's
 * reservation, so a run of N orgs is N writes plus one per slot, not 2N. Nothing is given up: a
 * result is on disk before it is reported, and no attempt is left in flight after the run.
 * In-memory settings and a scripted Salesforce.
 */
import { describe, expect, it } from 'vitest';
import type { TestAllProgress } from '../../shared/events';
import { createCore } from '../../electron/core';
import type { SettingsDoc } from '../../electron/core/settings/schema';
import { memorySecrets, memorySettings } from '../support/memory';
import { START } from '../support/scripted-core';
import { fails, scriptedGateway, succeeds, type Script } from '../support/scripted-gateway';

async function bed(count: number, answers: Script[]) {
  const settings = memorySettings();
  let writes = 0;
  const update = settings.update.bind(settings);
  settings.update = (change: (doc: SettingsDoc) => SettingsDoc) => {
    writes += 1;
    return update(change);
  };
  let next = 0;
  const core = createCore(
    { settings, secrets: memorySecrets(), clock: { now: () => START }, salesforce: scriptedGateway(answers), newId: () => `org-${(next += 1)}` },
    { host: 'cli', version: 'test' },
  );
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push((await core.orgs.add({ alias: `Org ${i}`, environment: 'production', username: `u${i}@acme.com`, password: 'Sup3r secret!', token: 'AbCdEfGhIjKlMnOpQrStUvWx1' })).org.id);
  return { core, settings, ids, writes: () => writes, resetWrites: () => void (writes = 0) };
}

describe('Test all’s settings writes', () => {
  it('writes each result with the slot’s next reservation: N orgs are N writes plus one per slot, every result on disk when reported', async () => {
    const { core, settings, ids, writes, resetWrites } = await bed(6, Array.from({ length: 6 }, (_, i) => (i === 2 ? fails('INVALID_LOGIN') : succeeds())));
    resetWrites();
    const seen: string[] = [];
    const summary = await core.testAll.run({
      concurrency: 2,
      onProgress: (progress: TestAllProgress) => {
        if (progress.kind !== 'org-result') return;
        // Reported only once on disk: the attempt gone, the result kept as the org's last test.
        const record = settings.doc.orgs.find((org) => org.id === progress.id)!;
        expect(settings.doc.loginAttempts.map((attempt) => attempt.orgId)).not.toContain(progress.id);
        expect(record.lastTest).toEqual(progress.outcome);
        seen.push(progress.id);
      },
    });
    expect(summary).toMatchObject({ total: 6, ok: 5, failed: 1 });
    expect([...seen].sort()).toEqual([...ids].sort());
    expect(writes()).toBe(6 + 2);
    // Nothing leaks into the next test: no attempt left, each failure counted on its own org only.
    expect(settings.doc.loginAttempts).toEqual([]);
    expect(settings.doc.orgs.map((org) => org.consecutiveFailures)).toEqual([0, 0, 1, 0, 0, 0]);
  });

  it('writes a result even when the next org is behind the lockout guard, and counts that org as guarded', async () => {
    const { core, settings, ids } = await bed(3, [fails('INVALID_LOGIN'), succeeds()]);
    settings.update((doc) => ({ ...doc, orgs: doc.orgs.map((org) => (org.id === ids[1] ? { ...org, consecutiveFailures: 2 } : org)) }));
    const steps: string[] = [];
    const summary = await core.testAll.run({ concurrency: 1, onProgress: (p) => steps.push(p.kind === 'org-result' ? `result ${p.id} ${p.outcome.failure?.code ?? 'OK'}` : p.kind) });
    expect(summary).toMatchObject({ failed: 1, guarded: 1, ok: 1 });
    expect(steps).toEqual(['run-started', 'org-started', `result ${ids[0]} INVALID_LOGIN`, 'org-started', 'org-guarded', 'org-started', `result ${ids[2]} OK`, 'run-finished']);
    expect(settings.doc.loginAttempts).toEqual([]);
    expect(settings.doc.orgs.map((org) => org.consecutiveFailures)).toEqual([1, 2, 0]);
  });
});
