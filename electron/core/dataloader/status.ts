/**
 * An export as the front ends show it: the remembered record plus whether it is still current.
 */
import type { DataLoaderExportInfo } from '../../../shared/domain';
import { loginMethodOf } from '../../../shared/login-methods';
import { SANDBOX_REFRESH_ATTENTION_TEXT } from '../../../shared/sandbox-refresh';
import { writtenBeforeRefresh } from '../connection/sandbox-refresh';
import type { ExportRecord, OrgRecord } from '../settings/schema';

/**
 * Why `sfdc.password` in the export no longer matches the stored secrets, or undefined when it does.
 * An access-token export holds no password: its token is renewed before every run, never "stale".
 */
export function staleReason(org: Pick<OrgRecord, 'auth' | 'passwordUpdatedAt' | 'tokenUpdatedAt'>, record: ExportRecord): string | undefined {
  if (loginMethodOf(org).dataLoader !== 'password') return undefined;
  const password = org.passwordUpdatedAt !== record.passwordAsOf;
  const token = org.tokenUpdatedAt !== record.tokenAsOf;
  if (password && token) return 'The password and the security token changed since this export.';
  if (password) return 'The password changed since this export.';
  if (token) {
    return org.tokenUpdatedAt ? 'The security token changed since this export.' : 'The security token was removed since this export.';
  }
  return undefined;
}

export function exportInfo(org: OrgRecord, record: ExportRecord): DataLoaderExportInfo {
  // Written for the org before a sandbox refresh: the new org's token was reset and its password is production's.
  const beforeRefresh = writtenBeforeRefresh(org.sandboxRefresh, record);
  const reasons = [staleReason(org, record), beforeRefresh ? SANDBOX_REFRESH_ATTENTION_TEXT.exports : undefined].filter((text) => text !== undefined);
  const reason = reasons.length > 0 ? reasons.join(' ') : undefined;
  // What decides staleness and whether the key file is still the one written stays in the core.
  const { passwordAsOf: _password, tokenAsOf: _token, keyRealPath: _real, keyFingerprint: _fingerprint, ...shown } = record;
  return { ...shown, stale: reason !== undefined, ...(reason ? { staleReason: reason } : {}), ...(beforeRefresh ? { beforeSandboxRefresh: true } : {}) };
}
