/**
 * The API contract between the renderer (or any other front end) and the main process.
 *
 * One table maps each method to its runtime input schema and its result type. `electron/ipc.ts`
 * registers exactly these methods, `electron/preload.ts` exposes exactly these methods as
 * `window.orgkey.<domain>.<action>()`, and a test holds the three lists equal (docs/ARCHITECTURE.md,
 * "The contract").
 * Schemas check shape only; the field rules with human messages live in `validation.ts`.
 */
import * as z from 'zod';
import {
  AUTH_METHODS,
  COPY_TARGETS,
  DATALOADER_OPERATIONS,
  ENVIRONMENTS,
  type AppInfo,
  type CheckHistoryEntry,
  type ClipboardState,
  type DataLoaderDefaults,
  type DataLoaderExportResult,
  type OrgCertificates,
  type OrgDetail,
  type OrgList,
  type OrgSaved,
  type OrgSummary,
  type Preferences,
  type ProofResult,
  type ScheduleStatus,
  type SignedIn,
  type SignInStart,
  type OpenedInBrowser,
  type TestOutcome,
  type TokenInspection,
} from './domain';
import type { OrgKeyEvents } from './events';
import { ImportApplySchema, ImportPreviewSchema, type ImportPreview, type ImportResult } from './imports';
import type { LoginAudit } from './login-audit';
import { channelOf, METHOD_NAMES, type MethodName } from './methods';
import { NOTIFICATION_CAUSES, SCHEDULE_MODES } from './notifications';
import type { Result } from './result';
import { checkPastedSize } from './validation';

/** A method's input schema, carrying its result type along for the compiler. */
export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** Phantom: never set at run time, only read by the type system. */
  readonly _output?: O;
}

function method<O>() {
  return <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });
}

// Generous bounds stop oversized payloads at the boundary; the precise rules and messages are in
// validation.ts, so a too-long alias still gets "Keep the name to 80 characters" next to its field.
const text = (max: number) => z.string().max(max);
/**
 * A pasted token or reset email, capped before anything reads it. Its message is for the person
 * who pasted (a custom issue's message is shown as written: handlers.ts).
 */
const pastedText = z.string().superRefine((value, ctx) => {
  const size = checkPastedSize(value);
  if (!size.ok) ctx.addIssue({ code: 'custom', message: size.message });
});
const uuid = z.string().uuid();
const orgId = z.object({ id: uuid }).strict();
const environment = z.enum(ENVIRONMENTS);

export const OrgDraftSchema = z
  .object({
    alias: text(500),
    environment,
    customUrl: text(2048).optional(),
    /**
     * Default `password`. A `browser` org needs a clientId and no password; its username comes from the
     * sign-in. `client-credentials`: clientId + clientSecret and a My Domain (`custom` + customUrl), no
     * username or password. `jwt`: username + clientId, no password (OrgKey makes the key pair).
     * shared/login-methods.ts has each method's `needs`.
     */
    auth: z.enum(AUTH_METHODS).optional(),
    username: text(500),
    password: text(4096),
    token: text(4096).optional(),
    clientId: text(1024).optional(),
    clientSecret: text(4096).optional(),
    callbackPort: z.number().optional(),
    /** A group to file the org under (client, project); the rules are in validation.ts. */
    group: text(500).optional(),
    /** The org's colour, `#rrggbb` or a palette name (validation.ts); absent: its environment's default. */
    color: text(100).optional(),
  })
  .strict();

export const OrgPatchSchema = z
  .object({
    alias: text(500).optional(),
    environment: environment.optional(),
    customUrl: text(2048).optional(),
    username: text(500).optional(),
    /** Switch how the org logs in; `browser` needs a clientId (given now or stored). */
    auth: z.enum(AUTH_METHODS).optional(),
    /** An empty string switches a password org back to SOAP login and deletes the stored client secret. */
    clientId: text(1024).optional(),
    clientSecret: text(4096).optional(),
    /** Browser orgs: the callback port (the app's callback URL must name the same). */
    callbackPort: z.number().optional(),
    /** An empty string takes the org out of its group. */
    group: text(500).optional(),
    /** An empty string goes back to the environment's default colour. */
    color: text(100).optional(),
  })
  .strict();

export type OrgDraft = z.infer<typeof OrgDraftSchema>;

export type OrgPatch = z.infer<typeof OrgPatchSchema>;
/** Re-exported for the renderer, which takes every answer's type from the contract. */
export type { ProofResult };

export const DataLoaderJobSchema = z
  .object({
    operation: z.enum(DATALOADER_OPERATIONS),
    object: text(200),
    soql: text(20_000).optional(),
    externalIdField: text(200).optional(),
  })
  .strict();

export const DataLoaderExportSchema = z
  .object({
    id: uuid,
    folder: text(4096),
    keyFile: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('new') }).strict(),
      z.object({ kind: z.literal('existing'), path: text(4096) }).strict(),
    ]),
    jobs: z.array(DataLoaderJobSchema).max(20),
    /** The admin confirmed replacing files that already exist in the folder. */
    overwrite: z.boolean().optional(),
  })
  .strict();

export type DataLoaderExportRequest = z.infer<typeof DataLoaderExportSchema>;

const exportRef = z.object({ id: uuid, exportId: uuid }).strict();
const pickPath = z.object({ title: text(200).optional(), defaultPath: text(4096).optional() }).strict();

export const API = {
  'app.info': method<AppInfo>()(z.undefined()),
  /** Every org, or with `first` only the first ones (the list's first screen); `total` counts all. */
  'orgs.list': method<OrgList>()(z.object({ first: z.number().int().min(1).max(1000) }).strict().optional()),
  'orgs.get': method<OrgDetail>()(orgId),
  'orgs.add': method<OrgSaved>()(OrgDraftSchema),
  'orgs.update': method<OrgSaved>()(z.object({ id: z.string().uuid(), patch: OrgPatchSchema }).strict()),
  'orgs.remove': method<{ id: string }>()(orgId),
  /**
   * Delete the keychain entries a switch of login method left behind (`previousSecrets`), once a test
   * with the new method worked (refused with SWITCH_NOT_PROVED before). A kept browser sign-in is
   * revoked at Salesforce first. Nothing kept: the org as it is.
   */
  'orgs.forgetPreviousSecrets': method<OrgSaved>()(orgId),
  /**
   * The admin confirms a sandbox refresh OrgKey noticed (`sandboxRefresh` without `confirmedAt`):
   * the new org id becomes the org's stored one. Nothing pending: the org as it is.
   */
  'orgs.confirmSandboxRefresh': method<OrgSummary>()(orgId),
  'orgs.test': method<TestOutcome>()(z.object({ id: z.string().uuid(), confirmRetry: z.boolean().optional() }).strict()),
  'orgs.cancelTest': method<{ cancelled: boolean }>()(orgId),
  /**
   * Test every org in the background, `testConcurrency` at a time; progress arrives as
   * `testAll.progress` events of this `runId`, which the window chooses so it knows its events
   * whichever comes first, they or this answer.
   */
  'orgs.testAll': method<{ runId: string; total: number }>()(z.object({ runId: uuid }).strict()),
  'orgs.cancelTestAll': method<{ cancelled: boolean }>()(z.object({ runId: uuid }).strict()),
  'prefs.get': method<Preferences>()(z.undefined()),
  'prefs.update': method<Preferences>()(
    z
      .object({
        testTimeoutSeconds: z.number().optional(),
        lockoutGuardFailures: z.number().optional(),
        testConcurrency: z.number().optional(),
        clipboardClearSeconds: z.number().optional(),
        /** Switch notification causes on or off; the causes not named keep their setting. */
        notifications: z.partialRecord(z.enum(NOTIFICATION_CAUSES), z.boolean()).optional(),
      })
      .strict(),
  ),
  'tokens.inspect': method<TokenInspection>()(z.object({ id: uuid, pasted: pastedText }).strict()),
  'tokens.replace': method<ProofResult>()(
    z.object({ id: uuid, pasted: pastedText, saveAnyway: z.boolean().optional(), confirmRetry: z.boolean().optional() }).strict(),
  ),
  'tokens.changePassword': method<ProofResult>()(
    z
      .object({
        id: uuid,
        password: text(4096),
        pasted: pastedText.optional(),
        saveAnyway: z.boolean().optional(),
        confirmRetry: z.boolean().optional(),
      })
      .strict(),
  ),
  'tokens.openResetPage': method<{ url: string }>()(orgId),
  /**
   * Log in with the org's method (the lockout guard; `confirmRetry` as for a test) and open a
   * single-use login link in the browser, landing on `path`; the link never comes back to the window.
   */
  'orgs.openInBrowser': method<OpenedInBrowser>()(z.object({ id: uuid, path: text(2048).optional(), confirmRetry: z.boolean().optional() }).strict()),
  /**
   * `accessToken` logs in with the org's method (through the lockout guard; `confirmRetry` as for a
   * test) and copies the session's access token; it never comes back to the window.
   */
  'secrets.copy': method<ClipboardState>()(z.object({ id: uuid, what: z.enum(COPY_TARGETS), confirmRetry: z.boolean().optional() }).strict()),
  'secrets.clipboardStatus': method<ClipboardState | null>()(z.undefined()),
  'secrets.reveal': method<{ value: string }>()(z.object({ id: uuid, what: z.enum(['password', 'token']) }).strict()),
  'dataloader.defaults': method<DataLoaderDefaults>()(orgId),
  'dataloader.export': method<DataLoaderExportResult>()(DataLoaderExportSchema),
  'dataloader.refresh': method<DataLoaderExportResult>()(exportRef),
  'dataloader.forget': method<{ exportId: string }>()(exportRef),
  /** The OS folder / file picker; `path` is null when the admin cancelled. */
  'dialogs.pickFolder': method<{ path: string | null }>()(pickPath),
  'dialogs.pickFile': method<{ path: string | null }>()(pickPath),
  /** The OS save dialog (it asks before replacing a file); `path` is null when the admin cancelled. */
  'dialogs.pickSaveFile': method<{ path: string | null }>()(pickPath),
  /** A JWT org's certificates (public PEM and info): the current one, and the new one of a rotation under way. */
  'certificates.get': method<OrgCertificates>()(orgId),
  /** Make a new key and certificate beside the current ones; answers the one under way again (`created: false`) rather than replace it. */
  'certificates.rotate': method<OrgCertificates & { created: boolean }>()(orgId),
  /** Drop the rotation's new key and certificate; the current key goes on. */
  'certificates.cancelRotation': method<OrgCertificates & { cancelled: boolean }>()(orgId),
  /** Write one certificate as a PEM `.crt` file; an existing file only with `overwrite` (FILES_EXIST otherwise). */
  'certificates.save': method<{ path: string }>()(
    z.object({ id: uuid, path: text(4096), which: z.enum(['current', 'pending']), overwrite: z.boolean().optional() }).strict(),
  ),
  /** Browser login: listen for the callback and open the org's authorize page (returns its URL too). */
  'signIn.start': method<SignInStart>()(orgId),
  /** Waits (minutes, if need be) for the browser to come back; the org is then signed in. */
  'signIn.finish': method<SignedIn>()(orgId),
  'signIn.cancel': method<{ cancelled: boolean }>()(orgId),
  /** Revoke the refresh token at Salesforce and forget it. */
  'signIn.signOut': method<{ revoked: boolean }>()(orgId),
  /**
   * Audit the org's Login History of the last `days` (1–180; a field error on `days` otherwise) in the
   * background, through the org's own login. Answers at once; `audit.progress` events of this `runId`
   * follow (the window chooses it, as for Test all), then `audit.done` with the result (also kept with
   * the org) or `audit.failed`. One audit per org at a time (TEST_RUNNING). The login goes through
   * the lockout guard (`audit.failed` LOCKOUT_GUARD); `confirmRetry` as for `orgs.test`.
   */
  'audit.run': method<{ runId: string }>()(z.object({ id: uuid, days: z.number(), runId: uuid, confirmRetry: z.boolean().optional() }).strict()),
  /** Stop the audit between two pages: `audit.done` follows with what was read, `complete: false`. */
  'audit.cancel': method<{ cancelled: boolean }>()(z.object({ runId: uuid }).strict()),
  /** The org's last audit, kept from its last run (this process or another); null before the first. */
  'audit.last': method<LoginAudit | null>()(orgId),
  /** Write the org's kept audit as CSV (`auditCsv`) to a path from the save dialog; an existing file only with `overwrite` (FILES_EXIST). */
  'audit.saveCsv': method<{ path: string }>()(z.object({ id: uuid, path: text(4096), overwrite: z.boolean().optional() }).strict()),
  /** The scheduled checks: the preference, the next run (null when off), the last run, whether one runs now. */
  'schedule.get': method<ScheduleStatus>()(z.undefined()),
  /**
   * Set the schedule (field errors on `time`: HH:MM, and `everyHours`: 1–24); a new schedule counts
   * from now, so turning it on never runs at once.
   */
  'schedule.set': method<ScheduleStatus>()(
    z
      .object({
        schedule: z.object({ mode: z.enum(SCHEDULE_MODES), time: text(10), everyHours: z.number() }).strict(),
      })
      .strict(),
  ),
  /**
   * Run the scheduled checks now, in the background, with the scheduled rules (no retry, never past
   * the lockout guard, orgs whose last failure needs a person reported, not tested); answers at
   * once (`running: true`), then `schedule.finished`. A run under way is not started twice.
   */
  'schedule.runNow': method<ScheduleStatus>()(z.undefined()),
  /** The org's last 50 checks, newest first (tests and scheduled checks, skipped ones too). */
  'checks.history': method<CheckHistoryEntry[]>()(orgId),
  /**
   * Read another tool's files (Data Loader folders, an ORGanizer export, `sf org list --json`, a CSV)
   * and answer what would be imported: new, duplicate and invalid rows, secrets as presence and
   * length only (shared/imports.ts). Nothing is stored; the rows wait in the core under `previewId`.
   * A file that cannot be read is a field error on `path` / `paths.<i>`.
   */
  'imports.preview': method<ImportPreview>()(ImportPreviewSchema),
  /**
   * Store the preview's rows the admin kept (Data Loader rows after one proof login each, through the
   * lockout guard); a failed row leaves the others imported. IMPORT_PREVIEW_GONE once it expired or was applied.
   */
  'imports.apply': method<ImportResult>()(ImportApplySchema),
} as const satisfies Record<MethodName, MethodSpec<z.ZodType, unknown>>;

export type Api = typeof API;
export { METHOD_NAMES, channelOf, type MethodName };

export type MethodInput<M extends MethodName> = z.input<Api[M]['input']>;
export type MethodOutput<M extends MethodName> = Api[M] extends MethodSpec<z.ZodType, infer O> ? O : never;

type DomainOf<N> = N extends `${infer D}.${string}` ? D : never;
type Call<M extends MethodName> =
  MethodInput<M> extends undefined
    ? () => Promise<Result<MethodOutput<M>>>
    : (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;

/**
 * What the renderer finds at `window.orgkey`, e.g. `window.orgkey.orgs.add(draft)`, and the events'
 * subscribe functions under `window.orgkey.events` (events.ts).
 */
export type OrgKeyApi = {
  [D in DomainOf<MethodName>]: {
    [M in MethodName as M extends `${D}.${infer A}` ? A : never]: Call<M>;
  };
} & { events: OrgKeyEvents };
