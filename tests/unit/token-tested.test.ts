/**
 * "Not tested since set": one rule behind the detail's token row, the list's flag and the CLI's
 * `list` / `show` (and `testedSinceTokenSet` in their JSON).
 */
import { describe, expect, it } from 'vitest';
import { testedSinceTokenSet } from '../../cli/format';
import { untestedToken } from '../../renderer/views/secrets/TokenAge';
import type { OrgSummary, TestOutcome } from '../../shared/domain';

type Org = Pick<OrgSummary, 'hasToken' | 'tokenUpdatedAt' | 'lastTest'>;
const T0 = '2026-11-28T10:00:00.000Z';
const T1 = '2026-11-28T10:00:00.412Z';
const T2 = '2026-11-29T08:00:00.000Z';
const outcome = (fields: Partial<TestOutcome>): TestOutcome => ({ ok: true, testedAt: T0, latencyMs: 380, via: 'soap', usedToken: true, warnings: [], ...fields });

/** Both front ends' answer to "has the stored token been through a login?" — they must agree. */
const views = (org: Org) => ({ cli: testedSinceTokenSet(org as OrgSummary), flagged: untestedToken(org) });

describe('whether the stored token is tested', () => {
  it('a token stored because a login with it worked (the proof) is tested, though it was stored after the test began', () => {
    // What "Test and save token" leaves: the proof's test started at T0, the token was stored at T1.
    const proved: Org = { hasToken: true, tokenUpdatedAt: T1, lastTest: outcome({ testedAt: T0, tokenAsOf: T1 }) };
    expect(views(proved)).toEqual({ cli: true, flagged: false });
  });

  it('a token saved without a proof after the last test is not tested, even right after a success', () => {
    const savedAnyway: Org = { hasToken: true, tokenUpdatedAt: T1, lastTest: outcome({ testedAt: T0, tokenAsOf: '2026-11-01T00:00:00.000Z' }) };
    expect(views(savedAnyway)).toEqual({ cli: false, flagged: true });
  });

  it('a test with the stored token, passed or failed, tests it', () => {
    for (const ok of [true, false]) {
      const tested: Org = { hasToken: true, tokenUpdatedAt: T0, lastTest: outcome({ ok, testedAt: T2, tokenAsOf: T0 }) };
      expect(views(tested)).toEqual({ cli: true, flagged: false });
    }
  });

  it('a token never tested is flagged; an org without a token has nothing to flag', () => {
    expect(views({ hasToken: true, tokenUpdatedAt: T0 })).toEqual({ cli: false, flagged: true });
    expect(views({ hasToken: false })).toEqual({ cli: false, flagged: false });
    expect(views({ hasToken: false, lastTest: outcome({ usedToken: false }) })).toEqual({ cli: true, flagged: false });
  });
});
