/**
 * Importing orgs from other tools: the requests and answers of `imports.preview` and
 * `imports.apply` (docs/ARCHITECTURE.md, "Importers").
 *
 * An import is two steps. `imports.preview` reads the source files and answers what would be added,
 * what is a duplicate of an org already in OrgKey (or of an earlier row of the same import) and what
 * is invalid and why; nothing is stored. The core keeps the parsed rows, secrets included, in memory
 * under the preview's `previewId` (for `PREVIEW_TTL_MINUTES`, or until applied): a secret read from a
 * file never crosses to the window, which sees only whether it is there and how long it is.
 * `imports.apply` then adds the rows the admin kept, with the changes the admin made (alias, token
 * boundary, group, colour), and answers each row's fate: imported, failed (and why) or skipped. A
 * failed row leaves the others imported.
 *
 * Sources:
 * - `dataloader`: Data Loader folders (`config.properties` and/or `process-conf.xml` and the key file
 *   they name). `sfdc.password` decrypts to the password and the security token glued together; the
 *   apply proves it with one login (through the lockout guard) and splits it at `tokenLength`.
 * - `organizer`: ORGanizer for Salesforce's JSON export (passwords and tokens in plain text).
 * - `sf`: the output of `sf org list --json`; the orgs become browser-login orgs on their My Domain
 *   and need the consumer key of an External Client App (`clientId`) at apply.
 * - `csv`: a CSV with the header `alias,environment,username` (optional `group,color`); never secrets.
 *   Its orgs are stored as password orgs awaiting their password (`OrgSummary.awaitingSecrets`).
 *
 * Schemas check shape only; what a file says is checked by the core, row by row, with a message.
 */
import * as z from 'zod';
import type { AuthMethod, EnvironmentKind, Notice, SecretPresence, TestOutcome } from './domain';
import type { ErrorCode, TestFailureCode } from './codes';

// The names and numbers without zod, for the command line's start (shared/import-sources.ts).
export { DEFAULT_TOKEN_LENGTH, IMPORT_SOURCES, PREVIEW_TTL_MINUTES, TOKEN_LENGTHS, type ImportSource, type TokenLength } from './import-sources';
import type { ImportSource, TokenLength } from './import-sources';

/** Bounds that stop oversized payloads at the boundary (the core checks what a file says). */
const path = z.string().min(1).max(4096);
const tokenLength = z.union([z.literal(25), z.literal(24), z.literal(0)]);

/**
 * `imports.preview`: which files to read. Data Loader takes one or more folders; the others one
 * file. A path that cannot be read answers a field error on `paths.<i>` / `path`.
 */
export const ImportPreviewSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('dataloader'), paths: z.array(path).min(1).max(200) }).strict(),
  z.object({ source: z.literal('organizer'), path }).strict(),
  z.object({ source: z.literal('sf'), path }).strict(),
  z.object({ source: z.literal('csv'), path }).strict(),
]);
export type ImportPreviewRequest = z.infer<typeof ImportPreviewSchema>;

/** One row's choices at apply; `key` names the preview row. */
export const ImportRowChoiceSchema = z
  .object({
    key: z.string().min(1).max(200),
    /** Import this row (only `new` rows can be). A row left out of `rows` is not imported. */
    include: z.boolean(),
    /** Another alias than the proposed one (e.g. to avoid a clash with an existing org's alias). */
    alias: z.string().max(500).optional(),
    /** Data Loader rows: where the glued value splits (default `DEFAULT_TOKEN_LENGTH`). */
    tokenLength: tokenLength.optional(),
    /** A group to file the org under; an empty string: none (the row's own group is dropped). */
    group: z.string().max(500).optional(),
    /** The org's colour as the admin typed it (a palette name or `#rrggbb`); empty: its default. */
    color: z.string().max(100).optional(),
    /** `sf` rows: this org's consumer key, instead of the batch's `clientId`. */
    clientId: z.string().max(1024).optional(),
  })
  .strict();
export type ImportRowChoice = z.infer<typeof ImportRowChoiceSchema>;

/**
 * `imports.apply`: store the preview's rows named with `include: true`. `clientId` is the consumer key of the External Client
 * App every `sf` row signs in with (unless the row names its own); an included `sf` row without one
 * is a field error on `clientId`, and nothing is stored. A preview that expired or was applied
 * already answers IMPORT_PREVIEW_GONE.
 */
export const ImportApplySchema = z
  .object({
    previewId: z.string().uuid(),
    /** The rows to import (and those not to, for the record): each preview row at most once. */
    rows: z.array(ImportRowChoiceSchema).min(1).max(5000),
    clientId: z.string().max(1024).optional(),
  })
  .strict();
export type ImportApplyRequest = z.infer<typeof ImportApplySchema>;

/**
 * - `new`: would be added.
 * - `duplicate`: an org with the same username on the same login host is in OrgKey already, or an
 *   earlier row of this import has them (`duplicateOf` says which); not imported.
 * - `invalid`: the file's entry cannot become an org (`reason` says why, with its line or bean).
 */
export type ImportRowStatus = 'new' | 'duplicate' | 'invalid';

/** Where a row came from: the file, and its line (CSV), bean id (process-conf.xml) or entry number (JSON, from 1). */
export interface ImportOrigin {
  file: string;
  line?: number;
  bean?: string;
  entry?: number;
  /** The same in words, e.g. `accounts.csv, line 4` or `process-conf.xml, bean accountExtract`. */
  label: string;
}

/** What secrets the row carries, as the window may know them: presence and length, never a value. */
export interface ImportRowSecrets {
  password: SecretPresence;
  token: SecretPresence;
  /**
   * Data Loader rows: `sfdc.password` decrypted is the password and token glued together, `length`
   * characters in all; the default split takes the last `tokenLength` as the token (`password` and
   * `token` above show that split). The apply proves the whole value with one login.
   */
  glued?: { length: number; tokenLength: TokenLength };
}

/** One org the source describes, as the preview shows it. */
export interface ImportRow {
  /** Names the row in `imports.apply`; unique within the preview. */
  key: string;
  status: ImportRowStatus;
  origin: ImportOrigin;
  /** The alias the org would get (the source's name, else the username); may be empty on an invalid row. */
  alias: string;
  username: string;
  /** Null when the source names no environment OrgKey understands (the row is invalid then). */
  environment: EnvironmentKind | null;
  /** `custom` rows: the My Domain URL. */
  customUrl?: string;
  /** The origin logins go to, e.g. `https://login.salesforce.com`; null when unknown (invalid row). */
  loginUrl: string | null;
  /** How the org would log in: `password` (dataloader, organizer, csv) or `browser` (sf). */
  auth: AuthMethod;
  /** The source's group, as orgs.add keeps it (validation.ts, `checkGroup`). */
  group?: string;
  /** The source's colour as `#rrggbb` (ORGanizer's `FF0000` is `#ff0000`); one OrgKey cannot read makes a CSV row invalid. */
  color?: string;
  secrets: ImportRowSecrets;
  /** `invalid` rows: why, naming the line or entry, e.g. "line 4: environment ‘prod’ is not production, sandbox or a My Domain URL". */
  reason?: string;
  /** `duplicate` rows: the org in OrgKey (`orgId`) or the earlier row (`key`) with the same username and host. */
  duplicateOf?: { alias: string; orgId?: string; key?: string };
  /**
   * `new` rows whose alias an org in OrgKey (or an earlier row) already uses, compared without regard
   * to case: imported as it is, the row fails with ALIAS_TAKEN; give it another alias at apply.
   */
  aliasTaken?: { alias: string; orgId?: string; key?: string };
  /** What the admin should know about this row, in words (e.g. "No password: enter it after the import."). */
  notes: string[];
}

/**
 * - `delete-file`: the file holds secrets in plain text (ORGanizer) or access tokens (`sf`): delete
 *   it once the import is done (`path` names it).
 * - `proof-login`: the apply logs in once per Data Loader row to prove its value before storing.
 * - `needs-client-id`: the `sf` rows need the External Client App's consumer key at apply.
 * - `untested`: secrets are stored as the file gives them, without a login; test the orgs after.
 * - `awaiting-secrets`: the rows come without secrets; enter each org's password (or switch it to browser login).
 * - `skipped-entries`: entries of the file that are not orgs were passed over (e.g. a bean without a username).
 */
export type ImportNoteCode = 'delete-file' | 'proof-login' | 'needs-client-id' | 'untested' | 'awaiting-secrets' | 'skipped-entries';

/** Something about the whole import the admin should read before (and after) confirming. */
export interface ImportNote {
  code: ImportNoteCode;
  message: string;
  path?: string;
}

/** The answer to `imports.preview`. */
export interface ImportPreview {
  /** Give it back to `imports.apply`; it expires at `expiresAt` or once applied. */
  previewId: string;
  source: ImportSource;
  /** The files read, absolute. */
  files: string[];
  rows: ImportRow[];
  notes: ImportNote[];
  counts: { new: number; duplicate: number; invalid: number };
  /** The apply needs a consumer key (`clientId`) for the batch or per row: the `sf` source. */
  needsClientId: boolean;
  expiresAt: string;
}

/** A row's fate at apply. */
export type ImportRowResult =
  | {
      key: string;
      status: 'imported';
      orgId: string;
      alias: string;
      /** Notices orgs.add answered (e.g. an unusual login host). */
      notices: Notice[];
      /** Data Loader rows: the proof login, kept as the org's last test. */
      outcome?: TestOutcome;
    }
  | {
      key: string;
      status: 'failed';
      /** Why it was not imported: an API error (ALIAS_TAKEN, INVALID_INPUT, LOCKOUT_GUARD…) or the proof login's failure. */
      code: ErrorCode | TestFailureCode;
      message: string;
      remedy?: string;
      /** The field of the row the message is about (`alias`, `color`, `group`, `username`…), when there is one. */
      field?: string;
    }
  | {
      key: string;
      status: 'skipped';
      /** Why, in words: not chosen, a duplicate, invalid. */
      reason: string;
    };

/** The answer to `imports.apply`: every row of the preview, in its order. */
export interface ImportResult {
  previewId: string;
  source: ImportSource;
  rows: ImportRowResult[];
  counts: { imported: number; failed: number; skipped: number };
  /** The preview's notes that still hold after the import (delete the file, test the orgs, enter passwords). */
  notes: ImportNote[];
}
