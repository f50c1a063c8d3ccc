/**
 * The core's Test all (connection/test-all.ts) over a scripted tester: which org starts when, what
 * each step reports and in which order, the lockout guard, cancelling, and the app's background run.
 * Each scripted test ends only when this file says so, so every order here is the one asked for.
 */
import { describe, expect, it } from 'vitest';
import type { TestOutcome } from '../../shared/domain';
import type { TestAllProgress } from '../../shared/events';
import type { KeptResult, TestOptions, TestSequence } from '../../electron/core/connection/tester';
import { createTestAll } from '../../electron/core/connection/test-all';
import { OrgKeyError } from '../../electron/core/errors';

const outcome = (ok: boolean, code?: 'INVALID_LOGIN' | 'CANCELLED'): TestOutcome => ({
  ok,
  testedAt: '2026-11-28T10:00:00.000Z',
  latencyMs: 5,
  via: 'soap',
  usedToken: true,
  warnings: [],
  ...(code ? { failure: { code, message: code, remedy: '', hints: [] } } : {}),
});

/** A tester whose tests wait until `finish(id, …)`; an aborted signal ends one as CANCELLED, as the real one does. */
function scriptedTester() {
  const waiting = new Map<string, { resolve: (value: TestOutcome) => void; reject: (error: unknown) => void; options: TestOptions }>();
  return {
    waiting,
    test(id: string, options: TestOptions = {}) {
      return new Promise<TestOutcome>((resolve, reject) => {
        waiting.set(id, { resolve, reject, options });
        options.signal?.addEventListener('abort', () => resolve(outcome(false, 'CANCELLED')), { once: true });
      });
    },
    /** As the real tester's: a result is told when the slot's next test has reserved, or at its end. */
    sequence(onKept: (id: string, result: KeptResult) => void): TestSequence {
      let held: { id: string; outcome: TestOutcome } | null = null;
      const flush = () => {
        if (held) onKept(held.id, { outcome: held.outcome });
        held = null;
      };
      return {
        test: async (id, options) => {
          const testing = this.test(id, options);
          flush();
          held = { id, outcome: await testing };
        },
        end: flush,
      };
    },
    finish(id: string, result: TestOutcome | Error) {
      const entry = waiting.get(id)!;
      waiting.delete(id);
      if (result instanceof Error) entry.reject(result);
      else entry.resolve(result);
    },
  };
}

/** Let every promise that can settle, settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

const steps = (log: TestAllProgress[]) =>
  log.map((p) => (p.kind === 'run-started' ? `run ${p.total}` : p.kind === 'run-finished' ? 'finished' : `${p.kind.slice(4)} ${p.id}${p.kind === 'org-result' ? ` ${p.outcome.failure?.code ?? 'OK'}` : p.kind === 'org-started' ? '' : ` ${p.error.code}`}`));

function setUp(ids = ['a', 'b', 'c', 'd'], concurrency = 2) {
  const tester = scriptedTester();
  const emitted: TestAllProgress[] = [];
  const testAll = createTestAll({ sequence: (onKept) => tester.sequence(onKept), orgIds: () => ids, concurrency: () => concurrency, emit: (p) => emitted.push(p) });
  return { tester, testAll, emitted };
}

describe('Test all', () => {
  it('starts at most N tests, by name, a new one as each ends, and reports each org’s start and end in order', async () => {
    const { tester, testAll } = setUp();
    const log: TestAllProgress[] = [];
    const run = testAll.run({ runId: 'run-1', onProgress: (p) => log.push(p) });
    await settle();
    expect([...tester.waiting.keys()]).toEqual(['a', 'b']);

    tester.finish('b', outcome(true)); // a slow org holds only its own slot
    await settle();
    expect([...tester.waiting.keys()]).toEqual(['a', 'c']);
    tester.finish('c', outcome(false, 'INVALID_LOGIN'));
    await settle();
    tester.finish('d', new OrgKeyError('LOCKOUT_GUARD'));
    await settle();
    tester.finish('a', outcome(true));

    const summary = await run;
    expect(steps(log)).toEqual([
      'run 4',
      'started a',
      'started b',
      'result b OK',
      'started c',
      'result c INVALID_LOGIN',
      'started d',
      'guarded d LOCKOUT_GUARD',
      'result a OK',
      'finished',
    ]);
    expect(log.every((p) => p.runId === 'run-1')).toBe(true);
    expect(summary).toEqual({ total: 4, ok: 2, failed: 1, guarded: 1, errors: 0, notTested: 0, cancelled: false });
    expect(log.at(-1)).toEqual({ runId: 'run-1', kind: 'run-finished', summary });
  });

  it('reports an org that could not be tested and goes on with the others; an unknown fault says only INTERNAL', async () => {
    const { tester, testAll } = setUp(['a', 'b', 'c'], 1);
    const log: TestAllProgress[] = [];
    const run = testAll.run({ onProgress: (p) => log.push(p) });
    await settle();
    tester.finish('a', new OrgKeyError('KEYCHAIN_UNAVAILABLE'));
    await settle();
    tester.finish('b', new Error('/home/someone/.secret path in a library message'));
    await settle();
    tester.finish('c', outcome(true));
    expect(await run).toMatchObject({ ok: 1, errors: 2, notTested: 0 });
    expect(steps(log).filter((step) => step.startsWith('error'))).toEqual(['error a KEYCHAIN_UNAVAILABLE', 'error b INTERNAL']);
    expect(JSON.stringify(log)).not.toContain('.secret');
  });

  it('tests the given orgs at the given concurrency, passing the confirmation on to each test', async () => {
    const { tester, testAll } = setUp(['a', 'b', 'c', 'd'], 1);
    const run = testAll.run({ ids: ['d', 'b'], concurrency: 3, confirmRetry: true });
    await settle();
    expect([...tester.waiting.keys()]).toEqual(['d', 'b']);
    expect(tester.waiting.get('d')!.options.confirmRetry).toBe(true);
    tester.finish('d', outcome(true));
    tester.finish('b', outcome(true));
    expect(await run).toMatchObject({ total: 2, ok: 2 });
  });

  it('cancelled, starts no more tests, cancels the ones in flight, and counts the rest as not tested', async () => {
    const { tester, testAll } = setUp();
    const controller = new AbortController();
    const log: TestAllProgress[] = [];
    const run = testAll.run({ signal: controller.signal, onProgress: (p) => log.push(p) });
    await settle();
    tester.finish('a', outcome(true));
    await settle();
    expect([...tester.waiting.keys()]).toEqual(['b', 'c']);
    expect(tester.waiting.get('b')!.options.signal).toBe(controller.signal);
    controller.abort();

    const summary = await run;
    expect(steps(log)).toEqual(['run 4', 'started a', 'started b', 'result a OK', 'started c', 'result b CANCELLED', 'result c CANCELLED', 'finished']);
    expect(summary).toEqual({ total: 4, ok: 1, failed: 0, guarded: 0, errors: 0, notTested: 3, cancelled: true });
  });

  it('a listener that throws does not stop the run', async () => {
    const { tester, testAll } = setUp(['a'], 1);
    const run = testAll.run({
      onProgress: () => {
        throw new Error('listener');
      },
    });
    await settle();
    tester.finish('a', outcome(true));
    expect(await run).toMatchObject({ ok: 1 });
  });
});

describe('Test all in the background (the app)', () => {
  it('sends its steps as events, one run at a time, and is cancelled by its run id only', async () => {
    const { tester, testAll, emitted } = setUp(['a', 'b'], 2);
    expect(testAll.start('run-1')).toEqual({ runId: 'run-1', total: 2 });
    expect(() => testAll.start('run-2')).toThrow(expect.objectContaining({ appError: expect.objectContaining({ code: 'TEST_RUNNING' }) }));
    await settle();
    expect(steps(emitted)).toEqual(['run 2', 'started a', 'started b']);

    expect(testAll.cancel('run-2')).toBe(false);
    tester.finish('a', outcome(true));
    expect(testAll.cancel('run-1')).toBe(true);
    await settle();
    expect(steps(emitted).slice(3)).toEqual(['result a OK', 'result b CANCELLED', 'finished']);
    expect(emitted.at(-1)).toMatchObject({ runId: 'run-1', summary: { ok: 1, notTested: 1, cancelled: true } });

    // Over: the next run may start, and the old one can no longer be cancelled.
    expect(testAll.cancel('run-1')).toBe(false);
    expect(testAll.start('run-3')).toEqual({ runId: 'run-3', total: 2 });
  });
});
