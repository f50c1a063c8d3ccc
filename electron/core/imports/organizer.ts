/**
 * The ORGanizer for Salesforce importer: its JSON export (organizer.solutions/learn.html, "Import
 * and export"): `{"accounts": [{"g": group, "n": label, "p": password, "r": login URL, "t": token,
 * "u": username, …}], "orgs": [{"c": "FF0000" colour, "oid": org id, …}]}`. Passwords and tokens are
 * in plain text in that file; they are stored as given, without a login (the admin tests after).
 *
 * Assumption: the documented account entry names no org, so a colour is taken from `orgs` only for
 * an account that carries an `oid` of its own matching an org entry's (15 or 18 characters); every
 * other account gets its environment's default colour.
 */
import type { ImportNote } from '../../../shared/imports';
import { fieldError } from '../errors';
import { aliasProblem, fileLabel, groupAndColor, readSourceFile, usernameProblem, whereaboutsOfUrl, type Candidate, type SourceReading } from './candidate';

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const orgKey = (id: string) => id.trim().slice(0, 15);

export function readOrganizerSource(file: string): SourceReading {
  const raw = readSourceFile(file, 'path');
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch {
    throw fieldError('path', `${fileLabel(file)} is not JSON. Choose the file ORGanizer's Options → Import/Export → Export wrote.`);
  }
  const accounts = (doc as { accounts?: unknown } | null)?.accounts;
  if (!doc || typeof doc !== 'object' || !Array.isArray(accounts)) {
    throw fieldError('path', `${fileLabel(file)} has no “accounts” list, so it is not an ORGanizer export. Choose the file ORGanizer's Options → Import/Export → Export wrote.`);
  }
  const orgs = (doc as { orgs?: unknown }).orgs;
  const colours = new Map<string, string>();
  if (Array.isArray(orgs)) {
    for (const org of orgs as Array<Record<string, unknown>>) {
      if (org && typeof org === 'object' && text(org.oid) && text(org.c)) colours.set(orgKey(text(org.oid)), text(org.c));
    }
  }
  const name = fileLabel(file);
  const candidates = (accounts as unknown[]).map((entry, i): Candidate => {
    const account = (entry && typeof entry === 'object' ? entry : {}) as Record<string, unknown>;
    const origin = { file, entry: i + 1, label: `${name}, account ${i + 1}` };
    const username = text(account.u).trim();
    const label = text(account.n).trim();
    // A group or colour OrgKey would refuse is left out rather than the org: both are the admin's to set again.
    const looks = groupAndColor(text(account.g), text(account.oid) ? (colours.get(orgKey(text(account.oid))) ?? '') : '');
    const password = text(account.p);
    const token = text(account.t).trim();
    const where = whereaboutsOfUrl(text(account.r).trim() || 'https://login.salesforce.com');
    const base = {
      origin,
      alias: label || username,
      username,
      auth: 'password' as const,
      secrets: { ...(password ? { password } : {}), ...(token ? { token } : {}) },
      notes: ['Stored as the file gives it, without a login: test the org after the import.'],
      ...('problem' in looks ? {} : looks),
    };
    const problem = !where.ok ? `the login URL ‘${text(account.r)}’: ${where.message}` : !password ? 'it has no password (ORGanizer keeps OAuth logins without one); add this org in OrgKey with browser login instead' : (usernameProblem(username) ?? aliasProblem(label || username));
    if (problem || !where.ok) return { ...base, environment: where.ok ? where.environment : null, loginUrl: where.ok ? where.loginUrl : null, invalid: `account ${i + 1}: ${problem}` };
    return { ...base, environment: where.environment, loginUrl: where.loginUrl, ...(where.customUrl ? { customUrl: where.customUrl } : {}) };
  });
  const notes: ImportNote[] = [
    { code: 'delete-file', path: file, message: `${file} holds passwords in plain text: delete it (and any copy) once the import is done.` },
    { code: 'untested', message: 'Passwords and tokens are stored as the file gives them, without a login: test the orgs after the import (Test all).' },
  ];
  return { files: [file], candidates, notes };
}
