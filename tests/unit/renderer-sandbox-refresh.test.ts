/** A refreshed sandbox on the org's detail: the banner while the refresh is pending, and each setup's note. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { SandboxRefreshSummary } from '../../shared/domain';
import { SANDBOX_REFRESH_ATTENTION_TEXT } from '../../shared/sandbox-refresh';
import { RefreshAttentionNote, SandboxRefreshBanner } from '../../renderer/views/SandboxRefreshBanner';
import { orgDetail } from '../support/org-record';

const refresh = (change: Partial<SandboxRefreshSummary> = {}): SandboxRefreshSummary => ({
  fromOrgId: '00D000000000001EAA',
  toOrgId: '00D000000000002EAA',
  detectedAt: '2026-11-28T10:00:00.000Z',
  attention: [],
  ...change,
});

describe('the sandbox refresh banner', () => {
  it('shows a pending refresh with what it means, what needs a look, and Confirm refresh', () => {
    const html = renderToStaticMarkup(createElement(SandboxRefreshBanner, { org: orgDetail({ sandboxRefresh: refresh({ attention: ['exports'] }) }) }));
    expect(html).toContain('This sandbox was refreshed');
    expect(html).toContain('org id 00D000000000002EAA, before 00D000000000001EAA');
    expect(html).toContain('“.invalid”');
    expect(html).toContain(SANDBOX_REFRESH_ATTENTION_TEXT.exports);
    expect(html).toContain('Confirm refresh');
  });

  it('is not there before a refresh, nor once it is confirmed', () => {
    expect(renderToStaticMarkup(createElement(SandboxRefreshBanner, { org: orgDetail() }))).toBe('');
    expect(renderToStaticMarkup(createElement(SandboxRefreshBanner, { org: orgDetail({ sandboxRefresh: refresh({ confirmedAt: '2026-11-29T10:00:00.000Z', attention: ['exports'] }) }) }))).toBe('');
  });
});

describe('a setup of the old org', () => {
  it('says it needs a look where it is shown, for as long as the refresh says so, confirmed or not', () => {
    const note = (kind: 'sign-in' | 'credentials', attention: SandboxRefreshSummary['attention'], confirmedAt?: string) =>
      renderToStaticMarkup(createElement(RefreshAttentionNote, { org: { sandboxRefresh: refresh({ attention, ...(confirmedAt ? { confirmedAt } : {}) }) }, kind }));
    expect(note('sign-in', ['sign-in'])).toContain(SANDBOX_REFRESH_ATTENTION_TEXT['sign-in']);
    expect(note('credentials', ['credentials'], '2026-11-29T10:00:00.000Z')).toContain(SANDBOX_REFRESH_ATTENTION_TEXT.credentials);
    expect(note('credentials', ['exports'])).toBe('');
    expect(renderToStaticMarkup(createElement(RefreshAttentionNote, { org: {}, kind: 'sign-in' }))).toBe('');
  });
});
