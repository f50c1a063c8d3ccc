/**
 * The Salesforce CLI importer: the output of `sf org list --json`, `{"status": 0, "result":
 * {"nonScratchOrgs": […], "scratchOrgs": […], "sandboxes": […], "devHubs": […], "other": […], …}}`
 * (salesforcecli/plugin-org's OrgListResult; `nonScratchOrgs` repeats the orgs of the other lists,
 * so the same org appears more than once and is taken once, by username). Each org has `alias`,
 * `username`, `instanceUrl`, `loginUrl`, `isSandbox`, `isScratch`, and `accessToken`: a live session.
 * Only the first named fields are read; the access token is never copied out of the parsed file,
 * and no message quotes the file's text.
 *
 * The orgs become browser-login orgs on their My Domain (`instanceUrl`), or on `loginUrl` when the
 * instance URL is missing; the admin gives the External Client App's consumer key at apply and
 * signs in to each afterwards.
 */
import type { ImportNote } from '../../../shared/imports';
import { fieldError } from '../errors';
import { aliasProblem, fileLabel, readSourceFile, usernameProblem, whereaboutsOfUrl, type Candidate, type SourceReading } from './candidate';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

export function readSfSource(file: string): SourceReading {
  const raw = readSourceFile(file, 'path');
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch {
    throw fieldError('path', `${fileLabel(file)} is not JSON. Save the output of “sf org list --json” to a file and choose that.`);
  }
  const result = (doc as { result?: unknown } | null)?.result;
  if (!result || typeof result !== 'object' || Array.isArray(result)) {
    throw fieldError('path', `${fileLabel(file)} has no “result” object, so it is not the output of “sf org list --json”.`);
  }
  const name = fileLabel(file);
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  for (const [list, entries] of Object.entries(result as Record<string, unknown>)) {
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry: unknown, i) => {
      const org = (entry && typeof entry === 'object' ? entry : {}) as Record<string, unknown>;
      const username = text(org.username);
      // The lists overlap (nonScratchOrgs repeats sandboxes and devHubs): one candidate per user.
      if (username && seen.has(username.toLowerCase())) return;
      if (username) seen.add(username.toLowerCase());
      const alias = text(org.alias) || username;
      const origin = { file, entry: i + 1, label: `${name}, ${list} ${i + 1}` };
      const url = text(org.instanceUrl) || text(org.loginUrl);
      const where = url ? whereaboutsOfUrl(url) : ({ ok: false, message: 'it names neither an instance URL nor a login URL' } as const);
      const notes = ['Browser login: sign in once after the import.', ...(org.isScratch === true ? ['A scratch org: it expires (the Salesforce CLI shows when).'] : [])];
      const base = { origin, alias, username, auth: 'browser' as const, secrets: {}, notes };
      const problem = !where.ok ? `the org's URL: ${where.message}` : (usernameProblem(username) ?? aliasProblem(alias));
      if (problem || !where.ok) {
        candidates.push({ ...base, environment: where.ok ? where.environment : null, loginUrl: where.ok ? where.loginUrl : null, invalid: `${list} ${i + 1}: ${problem}` });
        return;
      }
      candidates.push({ ...base, environment: where.environment, loginUrl: where.loginUrl, ...(where.customUrl ? { customUrl: where.customUrl } : {}) });
    });
  }
  const notes: ImportNote[] = [
    { code: 'delete-file', path: file, message: `${file} holds each org's access token, a live session: delete it once the import is done. OrgKey did not keep the tokens.` },
    { code: 'needs-client-id', message: 'These orgs log in through your External Client App in the browser: give its consumer key (for all of them, or per org), then sign in to each org after the import.' },
  ];
  return { files: [file], candidates, notes };
}
