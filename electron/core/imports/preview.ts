/**
 * From candidates to the rows a preview shows: which would be added, which duplicate an org already
 * in OrgKey or an earlier row (same username, any case, on the same login host), which are invalid;
 * whose alias is taken; and the secrets as presence and length only.
 */
import { DEFAULT_TOKEN_LENGTH, type ImportRow, type ImportRowSecrets, type TokenLength } from '../../../shared/imports';
import { findOrgByName } from '../org-records';
import type { OrgRecord } from '../settings/schema';
import type { Candidate } from './candidate';

/** The token length a glued value splits at unless the admin chooses: 25, or 0 when it is too short to hold a token. */
export function defaultTokenLength(glued: string): TokenLength {
  return glued.length > DEFAULT_TOKEN_LENGTH ? DEFAULT_TOKEN_LENGTH : 0;
}

/** A glued value split at `tokenLength` characters from its end. */
export function splitGlued(glued: string, tokenLength: TokenLength): { password: string; token: string } {
  return tokenLength === 0 ? { password: glued, token: '' } : { password: glued.slice(0, -tokenLength), token: glued.slice(-tokenLength) };
}

const presence = (value: string | undefined) => ({ present: !!value, length: value?.length ?? 0 });

function secretsOf(candidate: Candidate): ImportRowSecrets {
  const { glued } = candidate.secrets;
  if (glued !== undefined) {
    const tokenLength = defaultTokenLength(glued);
    const split = splitGlued(glued, tokenLength);
    return { password: presence(split.password), token: presence(split.token), glued: { length: glued.length, tokenLength } };
  }
  return { password: presence(candidate.secrets.password), token: presence(candidate.secrets.token) };
}

/** The identity duplicates are found by: the username (any case) and the login origin. */
export const identityOf = (org: { username: string; loginUrl: string | null }) => `${org.username.toLowerCase()} ${org.loginUrl ?? ''}`;

export function previewRows(candidates: Candidate[], existing: readonly OrgRecord[]): ImportRow[] {
  const known = new Map(existing.map((org) => [identityOf(org), org]));
  const earlier = new Map<string, ImportRow>();
  const aliases: Array<{ id: string; alias: string; key: string }> = [];
  return candidates.map((candidate, i) => {
    const key = `row-${i + 1}`;
    const row: ImportRow = {
      key,
      status: 'new',
      origin: candidate.origin,
      alias: candidate.alias,
      username: candidate.username,
      environment: candidate.environment,
      ...(candidate.customUrl ? { customUrl: candidate.customUrl } : {}),
      loginUrl: candidate.loginUrl,
      auth: candidate.auth,
      ...(candidate.group ? { group: candidate.group } : {}),
      ...(candidate.color ? { color: candidate.color } : {}),
      secrets: secretsOf(candidate),
      notes: [...candidate.notes],
    };
    if (candidate.invalid) return { ...row, status: 'invalid', reason: candidate.invalid };
    const identity = identityOf(candidate);
    const inOrgKey = known.get(identity);
    if (inOrgKey) return { ...row, status: 'duplicate', duplicateOf: { alias: inOrgKey.alias, orgId: inOrgKey.id }, reason: `${candidate.username} on ${candidate.loginUrl} is in OrgKey already as “${inOrgKey.alias}”.` };
    const before = earlier.get(identity);
    if (before) return { ...row, status: 'duplicate', duplicateOf: { alias: before.alias, key: before.key }, reason: `${candidate.username} on ${candidate.loginUrl} is also ${before.origin.label}, above.` };
    earlier.set(identity, row);
    const orgClash = findOrgByName(existing, candidate.alias);
    const rowClash = orgClash ? undefined : findOrgByName(aliases, candidate.alias);
    aliases.push({ id: key, alias: candidate.alias, key });
    if (orgClash) return { ...row, aliasTaken: { alias: orgClash.alias, orgId: orgClash.id } };
    if (rowClash) return { ...row, aliasTaken: { alias: rowClash.alias, key: rowClash.key } };
    return row;
  });
}
