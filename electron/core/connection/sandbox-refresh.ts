/**
 * Noticing a sandbox refresh, and what it leaves needing a look (docs/ARCHITECTURE.md, *Sandbox
 * refresh*).
 *
 * A refreshed sandbox is a new org with a new org id. A login that works in a sandbox whose id is
 * not the one stored (`lastSuccessOrgId`) records a pending refresh instead of overwriting the id:
 * the admin confirms it (`confirmSandboxRefresh`), and only then is the new id the org's. Every
 * other org record that last worked in the old org (the same sandbox added with another login
 * method) is marked in the same settings write. Pure functions on records and the settings document.
 */
import type { OrgFactsSummary, SandboxRefresh, SandboxRefreshAttention, SandboxRefreshSummary } from '../../../shared/domain';
import type { ExportRecord, OrgRecord, SettingsDoc } from '../settings/schema';

const isPending = (refresh: SandboxRefresh | undefined): refresh is SandboxRefresh => !!refresh && !refresh.confirmedAt;

/**
 * What a login that worked changes in the record's org id: the id itself, or (a sandbox in another
 * org than the stored one) a pending refresh. `proves` says the login used the org's current method,
 * which then works in the new org. A production org whose id changed is not a refresh: its new id is
 * kept at once (and the test warns, ORG_ID_CHANGED).
 */
export function orgIdSeen(record: OrgRecord, facts: Pick<OrgFactsSummary, 'orgId' | 'isSandbox'>, at: string, proves: boolean): Pick<OrgRecord, 'lastSuccessOrgId' | 'sandboxRefresh'> {
  const known = record.lastSuccessOrgId;
  const proved = (refresh: SandboxRefresh): SandboxRefresh => (proves && !refresh.provedAt && refresh.toOrgId === facts.orgId ? { ...refresh, provedAt: at } : refresh);
  if (!known || known === facts.orgId || !facts.isSandbox) {
    return { lastSuccessOrgId: facts.orgId, ...(record.sandboxRefresh ? { sandboxRefresh: proved(record.sandboxRefresh) } : {}) };
  }
  // Still the refresh noticed before (not yet confirmed), or a newer one: the stored id stays until confirmed.
  const current = isPending(record.sandboxRefresh) && record.sandboxRefresh.toOrgId === facts.orgId ? record.sandboxRefresh : undefined;
  return { sandboxRefresh: proved(current ?? { fromOrgId: known, toOrgId: facts.orgId, detectedAt: at }) };
}

/**
 * Mark every other record that last worked in the old org of `id`'s pending refresh: it is the same
 * sandbox, so its sign-in, app setup and exports belong to the old org as well.
 */
export function markSameOrg(doc: SettingsDoc, id: string): SettingsDoc {
  const refresh = doc.orgs.find((org) => org.id === id)?.sandboxRefresh;
  if (!isPending(refresh)) return doc;
  const marks = (org: OrgRecord) => org.id !== id && org.lastSuccessOrgId === refresh.fromOrgId && !(isPending(org.sandboxRefresh) && org.sandboxRefresh.toOrgId === refresh.toOrgId);
  if (!doc.orgs.some(marks)) return doc;
  const { fromOrgId, toOrgId, detectedAt } = refresh;
  return { ...doc, orgs: doc.orgs.map((org) => (marks(org) ? { ...org, sandboxRefresh: { fromOrgId, toOrgId, detectedAt } } : org)) };
}

/**
 * The admin confirms `id`'s pending refresh: the new org id becomes the stored one, for every
 * record with the same pending refresh (the same sandbox). Nothing pending: the document unchanged.
 */
export function confirmRefresh(doc: SettingsDoc, id: string, at: string): SettingsDoc {
  const refresh = doc.orgs.find((org) => org.id === id)?.sandboxRefresh;
  if (!isPending(refresh)) return doc;
  const same = (org: OrgRecord) => isPending(org.sandboxRefresh) && org.sandboxRefresh.fromOrgId === refresh.fromOrgId && org.sandboxRefresh.toOrgId === refresh.toOrgId;
  return {
    ...doc,
    orgs: doc.orgs.map((org) => (same(org) ? { ...org, lastSuccessOrgId: refresh.toOrgId, sandboxRefresh: { ...org.sandboxRefresh!, confirmedAt: at }, updatedAt: at } : org)),
  };
}

/** Whether an export was last written before the refresh was noticed (and so for the old org). */
export function writtenBeforeRefresh(refresh: SandboxRefresh | undefined, entry: Pick<ExportRecord, 'exportedAt' | 'refreshedAt'>): boolean {
  return !!refresh && Date.parse(entry.refreshedAt ?? entry.exportedAt) < Date.parse(refresh.detectedAt);
}

/**
 * What of the old org still needs a look: exports written before the refresh; the browser sign-in
 * made before it; a JWT or client-credentials setup. The last two until a login of the org's method
 * works in the new org (`provedAt`); a sign-in made after the refresh was noticed is the new org's.
 */
export function refreshAttention(record: OrgRecord): SandboxRefreshAttention[] {
  const refresh = record.sandboxRefresh;
  if (!refresh) return [];
  const attention: SandboxRefreshAttention[] = [];
  if (record.dataLoaderExports.some((entry) => writtenBeforeRefresh(refresh, entry))) attention.push('exports');
  if (!refresh.provedAt) {
    if (record.auth === 'browser' && record.signedInAt && Date.parse(record.signedInAt) < Date.parse(refresh.detectedAt)) attention.push('sign-in');
    if (record.auth === 'client-credentials' || record.auth === 'jwt') attention.push('credentials');
  }
  return attention;
}

/** The record's refresh as the front ends see it. */
export function refreshSummary(record: OrgRecord): SandboxRefreshSummary | undefined {
  return record.sandboxRefresh && { ...record.sandboxRefresh, attention: refreshAttention(record) };
}
