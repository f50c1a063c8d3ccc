/**
 * Importing orgs from other tools: preview, then apply (docs/ARCHITECTURE.md, "Importers").
 *
 * A preview reads the source into candidates (secrets included) and keeps them here, in memory, under
 * its id until it is applied or `PREVIEW_TTL_MINUTES` pass; the front end gets rows without secrets.
 * Apply adds the chosen rows one by one through orgs.add, so each is checked by the same rules as an
 * org typed in; one that fails is listed with its reason and the others stay imported.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { OrgDraft } from '../../../shared/api';
import type { OrgSaved } from '../../../shared/domain';
import { isCode } from '../../../shared/codes';
import { ERROR_CATALOG } from '../../../shared/errors';
import {
  PREVIEW_TTL_MINUTES,
  type ImportApplyRequest,
  type ImportPreview,
  type ImportPreviewRequest,
  type ImportResult,
  type ImportRow,
  type ImportRowChoice,
  type ImportRowResult,
  type ImportSource,
} from '../../../shared/imports';
import { checkBrowserClientId, checkGroup, checkOrgColor } from '../../../shared/validation';
import { guardMessage, guardRefusal, resolveStaleAttempts } from '../connection/lockout-guard';
import { fieldError, isOrgKeyError, OrgKeyError } from '../errors';
import type { OrgRegistry } from '../orgs';
import { silentLogger, type CorePorts } from '../ports';
import type { TokenWorkflow } from '../tokens/workflow';
import { absolutePath, type Candidate, type SourceReading } from './candidate';
import { readCsvSource } from './csv';
import { readDataLoaderSource } from './dataloader';
import { readOrganizerSource } from './organizer';
import { identityOf, previewRows, splitGlued } from './preview';
import { readSfSource } from './sf';

const TAG = '[imports]';

export interface ImportService {
  /** Read the source and answer what would be imported; nothing is stored. */
  preview(request: ImportPreviewRequest): Promise<ImportPreview>;
  /** Store the preview's chosen rows; a failed row leaves the others imported. */
  apply(request: ImportApplyRequest): Promise<ImportResult>;
}

interface KeptPreview {
  preview: ImportPreview;
  candidates: Candidate[];
  expires: number;
}

/** What an import needs of the rest of the core. */
export interface ImportDeps {
  ports: CorePorts;
  orgs: OrgRegistry;
  tokens: Pick<TokenWorkflow, 'proveAndStore'>;
}

type Failure = Extract<ImportRowResult, { status: 'failed' }>;

/** A row's failure from what orgs.add or the proof threw; an unknown error is logged by kind and shown as the catalogue's words. */
function failureOf(key: string, error: unknown, logger: NonNullable<CorePorts['logger']>): Failure {
  if (isOrgKeyError(error)) {
    const { code, message, remedy, field } = error.appError;
    return { key, status: 'failed', code, message, ...(remedy ? { remedy } : {}), ...(field ? { field } : {}) };
  }
  logger.error(TAG, `a row failed unexpectedly: ${error instanceof Error ? error.name : typeof error}`);
  return { key, status: 'failed', code: 'INTERNAL', ...ERROR_CATALOG.INTERNAL };
}

export function createImportService({ ports, orgs, tokens }: ImportDeps): ImportService {
  const { settings, clock } = ports;
  const logger = ports.logger ?? silentLogger;
  const home = ports.homeDir ?? os.homedir();
  const kept = new Map<string, KeptPreview>();

  const prune = () => {
    const now = clock.now().getTime();
    for (const [id, entry] of kept) if (entry.expires <= now) kept.delete(id);
  };

  const read = (request: ImportPreviewRequest): SourceReading => {
    switch (request.source) {
      case 'dataloader':
        return readDataLoaderSource(
          request.paths.map((typed, i) => absolutePath(typed, home, `paths.${i}`, 'folder')),
          home,
        );
      case 'organizer':
        return readOrganizerSource(absolutePath(request.path, home, 'path', 'file'));
      case 'sf':
        return readSfSource(absolutePath(request.path, home, 'path', 'file'));
      case 'csv':
        return readCsvSource(absolutePath(request.path, home, 'path', 'file'));
    }
  };

  /** The Data Loader proof: refused when the lockout guard holds for this user in any org OrgKey has. */
  const guardForUser = (username: string) => {
    const doc = resolveStaleAttempts(settings.read(), clock.now());
    // Salesforce locks out a user, and a username is one user across Salesforce: failures of the same
    // username under another login host (another org entry in OrgKey) count for the proof too.
    for (const org of doc.orgs.filter((record) => record.username.toLowerCase() === username.toLowerCase())) {
      const refused = guardRefusal(doc, org);
      if (refused) {
        throw new OrgKeyError('LOCKOUT_GUARD', {
          message: `${guardMessage(username, refused)} (OrgKey has this user as “${org.alias}”.)`,
          remedy: `Nothing was sent. Test “${org.alias}” once its password and token are right, then import this folder again.`,
        });
      }
    }
  };

  const applyRow = async (source: ImportSource, row: ImportRow, candidate: Candidate, choice: ImportRowChoice, clientId: string): Promise<ImportRowResult> => {
    const alias = choice.alias ?? row.alias;
    const group = choice.group ?? candidate.group ?? '';
    const color = choice.color ?? candidate.color ?? '';
    const draft: OrgDraft = {
      alias,
      environment: candidate.environment!,
      ...(candidate.customUrl ? { customUrl: candidate.customUrl } : {}),
      username: candidate.username,
      password: '',
      ...(group ? { group } : {}),
      ...(color ? { color } : {}),
    };
    // Imported meanwhile (another window, another import): not a second time.
    const twin = settings.read().orgs.find((org) => identityOf(org) === identityOf(candidate));
    if (twin) return { key: row.key, status: 'skipped', reason: `${candidate.username} is in OrgKey already as “${twin.alias}”.` };
    const imported = (saved: OrgSaved) => ({ key: row.key, status: 'imported' as const, orgId: saved.org.id, alias: saved.org.alias, notices: saved.notices });
    if (source === 'sf') return imported(await orgs.add({ ...draft, auth: 'browser', clientId }));
    if (source === 'csv') return imported(await orgs.add(draft, { awaitingSecrets: true }));
    if (source === 'organizer') return imported(await orgs.add({ ...draft, password: candidate.secrets.password ?? '', token: candidate.secrets.token ?? '' }));
    // Data Loader: the org is added without secrets and proved with one login of the glued value.
    // It worked: the split value is stored and the login kept as its test. Salesforce refused it:
    // the org stays, waiting for its password, so its failed login goes on counting for the lockout
    // guard (importing the folder again finds a duplicate and sends nothing). No verdict (network,
    // timeout): nothing counts, and the org is removed again.
    const glued = candidate.secrets.glued ?? '';
    const tokenLength = choice.tokenLength ?? row.secrets.glued?.tokenLength ?? 0;
    const split = splitGlued(glued, tokenLength);
    if (!split.password) throw fieldError('tokenLength', `The value is ${glued.length} characters long, so a ${tokenLength}-character token leaves no password. Choose a shorter token (0 for none).`);
    guardForUser(candidate.username);
    const saved = await orgs.add(draft, { awaitingSecrets: true });
    let keep = false;
    try {
      const proof = await tokens.proveAndStore(saved.org.id, { password: split.password, ...(split.token ? { token: split.token } : {}) });
      if (proof.stored) {
        keep = true;
        return { ...imported(saved), ...(proof.outcome ? { outcome: proof.outcome } : {}) };
      }
      keep = (settings.read().orgs.find((org) => org.id === saved.org.id)?.consecutiveFailures ?? 0) > 0;
      const failure = proof.outcome?.failure;
      const code = failure && isCode(failure.code) ? failure.code : 'LOGIN_FAILED';
      const remedy = [
        ...(keep ? [`OrgKey keeps “${saved.org.alias}” without a password, so the refused login goes on counting toward the lockout guard: edit it and enter its current password and security token.`] : []),
        ...(failure?.remedy ? [failure.remedy] : []),
        ...(failure?.hints ?? []),
      ];
      return {
        key: row.key,
        status: 'failed',
        code,
        message: failure?.message ?? ERROR_CATALOG.LOGIN_FAILED.message,
        ...(remedy.length ? { remedy: remedy.join(' ') } : {}),
      };
    } finally {
      if (!keep) await orgs.remove(saved.org.id).catch(() => logger.warn(TAG, `org ${saved.org.id}: the unproved import could not be removed`));
    }
  };

  return {
    async preview(request) {
      prune();
      const reading = read(request);
      // Every secret read is known to the redactor before anything could log it.
      for (const candidate of reading.candidates) for (const value of Object.values(candidate.secrets)) if (value) ports.redactor?.add(value);
      const rows = previewRows(reading.candidates, settings.read().orgs);
      const previewId = randomUUID();
      const expires = clock.now().getTime() + PREVIEW_TTL_MINUTES * 60_000;
      const count = (status: ImportRow['status']) => rows.filter((row) => row.status === status).length;
      const preview: ImportPreview = {
        previewId,
        source: request.source,
        files: reading.files,
        rows,
        notes: reading.notes,
        counts: { new: count('new'), duplicate: count('duplicate'), invalid: count('invalid') },
        needsClientId: request.source === 'sf',
        expiresAt: new Date(expires).toISOString(),
      };
      kept.set(previewId, { preview, candidates: reading.candidates, expires });
      logger.info(TAG, `preview of ${request.source}: ${preview.counts.new} new, ${preview.counts.duplicate} duplicate, ${preview.counts.invalid} invalid`);
      return preview;
    },

    async apply(request) {
      prune();
      const entry = kept.get(request.previewId);
      if (!entry) throw new OrgKeyError('IMPORT_PREVIEW_GONE');
      const { preview, candidates } = entry;
      const choices = new Map<string, ImportRowChoice>();
      request.rows.forEach((choice, i) => {
        if (!preview.rows.some((row) => row.key === choice.key)) throw fieldError(`rows.${i}.key`, `The preview has no row “${choice.key}”.`);
        if (choices.has(choice.key)) throw fieldError(`rows.${i}.key`, `The row “${choice.key}” is named twice.`);
        choices.set(choice.key, choice);
      });
      // A group or colour chosen for a row, checked before anything is stored, next to its field.
      request.rows.forEach((choice, i) => {
        if (!choice.include) return;
        for (const [field, check] of [
          ['group', choice.group === undefined ? undefined : checkGroup(choice.group)],
          ['color', choice.color === undefined ? undefined : checkOrgColor(choice.color)],
        ] as const) {
          if (check && !check.ok) throw fieldError(`rows.${i}.${field}`, check.message);
        }
      });
      // The consumer key of every browser-login row, checked before anything is stored.
      const clientIds = new Map<string, string>();
      if (preview.source === 'sf') {
        preview.rows.forEach((row) => {
          const choice = choices.get(row.key);
          if (!choice?.include || row.status !== 'new') return;
          const given = choice.clientId ?? request.clientId ?? '';
          const check = checkBrowserClientId(given);
          if (!check.ok) throw fieldError(choice.clientId !== undefined ? `rows.${request.rows.indexOf(choice)}.clientId` : 'clientId', check.message);
          clientIds.set(row.key, check.value);
        });
      }
      // Applied once: a second apply (or a double click) finds it gone.
      kept.delete(request.previewId);
      const results: ImportRowResult[] = [];
      for (const [i, row] of preview.rows.entries()) {
        const choice = choices.get(row.key);
        if (!choice?.include) {
          results.push({ key: row.key, status: 'skipped', reason: 'Not chosen for import.' });
          continue;
        }
        if (row.status !== 'new') {
          results.push({ key: row.key, status: 'skipped', reason: row.reason ?? (row.status === 'duplicate' ? 'A duplicate.' : 'Invalid.') });
          continue;
        }
        try {
          results.push(await applyRow(preview.source, row, candidates[i]!, choice, clientIds.get(row.key) ?? ''));
        } catch (error) {
          results.push(failureOf(row.key, error, logger));
        }
      }
      const count = (status: ImportRowResult['status']) => results.filter((result) => result.status === status).length;
      const counts = { imported: count('imported'), failed: count('failed'), skipped: count('skipped') };
      logger.info(TAG, `import of ${preview.source}: ${counts.imported} imported, ${counts.failed} failed, ${counts.skipped} skipped`);
      // What still holds once the orgs are in: delete the file, test or sign in, enter passwords.
      const notes = counts.imported ? preview.notes.filter((note) => note.code !== 'proof-login') : preview.notes.filter((note) => note.code === 'delete-file');
      return { previewId: preview.previewId, source: preview.source, rows: results, counts, notes };
    },
  };
}
