/**
 * The handler table: one function per API method, each validating its input and answering with
 * an envelope.
 *
 * `ipc.ts` binds this table to Electron's IPC and the browser host binds the very same table to
 * Playwright, so both hosts run identical checks (docs/ARCHITECTURE.md, "Processes": the browser
 * host). No `electron` import here.
 */
import type * as z from 'zod';
import { API, METHOD_NAMES, type MethodName, type MethodOutput } from '../shared/api';
import { isWorthLogging } from '../shared/codes';
import { ERROR_CATALOG } from '../shared/errors';
import type { Result } from '../shared/result';
import type { Core } from './core';
import { isOrgKeyError } from './core/errors';
import { silentLogger, type Logger } from './core/ports';

export type Handler<M extends MethodName> = (rawInput: unknown) => Promise<Result<MethodOutput<M>>>;
export type HandlerTable = { [M in MethodName]: Handler<M> };

type Implementations = { [M in MethodName]: (input: z.output<(typeof API)[M]['input']>) => Promise<MethodOutput<M>> | MethodOutput<M> };

function implementations(core: Core): Implementations {
  return {
    'app.info': () => core.info(),
    'orgs.list': (input) => {
      const orgs = core.orgs.list();
      return { orgs: input ? orgs.slice(0, input.first) : orgs, total: orgs.length };
    },
    'orgs.get': ({ id }) => core.orgs.get(id),
    'orgs.add': (draft) => core.orgs.add(draft),
    'orgs.update': ({ id, patch }) => core.orgs.update(id, patch),
    'orgs.remove': ({ id }) => core.orgs.remove(id),
    'orgs.forgetPreviousSecrets': ({ id }) => core.orgs.forgetPreviousSecrets(id),
    'orgs.confirmSandboxRefresh': ({ id }) => core.orgs.confirmSandboxRefresh(id),
    'orgs.test': ({ id, confirmRetry }) => core.tester.test(id, confirmRetry === undefined ? {} : { confirmRetry }),
    'orgs.cancelTest': ({ id }) => ({ cancelled: core.tester.cancel(id) }),
    'orgs.testAll': ({ runId }) => core.testAll.start(runId),
    'orgs.cancelTestAll': ({ runId }) => ({ cancelled: core.testAll.cancel(runId) }),
    'orgs.openInBrowser': ({ id, path, confirmRetry }) => core.browser.open(id, { ...(path === undefined ? {} : { path }), ...(confirmRetry ? { confirmRetry } : {}) }),
    'prefs.get': () => core.preferences.get(),
    'prefs.update': (patch) => core.preferences.update(patch),
    'tokens.inspect': ({ id, pasted }) => core.tokens.inspect(id, pasted),
    'tokens.replace': ({ id, ...input }) => core.tokens.replaceToken(id, input),
    'tokens.changePassword': ({ id, ...input }) => core.tokens.changePassword(id, input),
    'tokens.openResetPage': ({ id }) => core.tokens.openResetPage(id),
    'secrets.copy': ({ id, what, confirmRetry }) => core.clipboard.copy(id, what, confirmRetry === undefined ? {} : { confirmRetry }),
    'secrets.clipboardStatus': () => core.clipboard.status(),
    'secrets.reveal': ({ id, what }) => core.reveal(id, what),
    'dataloader.defaults': ({ id }) => core.dataloader.defaults(id),
    'dataloader.export': (request) => core.dataloader.export(request),
    'dataloader.refresh': ({ id, exportId }) => core.dataloader.refresh(id, exportId),
    'dataloader.forget': ({ id, exportId }) => core.dataloader.forget(id, exportId),
    'dialogs.pickFolder': (options) => core.dialogs.pickFolder(options),
    'dialogs.pickFile': (options) => core.dialogs.pickFile(options),
    'dialogs.pickSaveFile': (options) => core.dialogs.pickSaveFile(options),
    'certificates.get': ({ id }) => core.certificates.get(id),
    'certificates.rotate': ({ id }) => core.certificates.rotate(id),
    'certificates.cancelRotation': ({ id }) => core.certificates.cancelRotation(id),
    'certificates.save': ({ id, ...request }) => core.certificates.save(id, request),
    'signIn.start': ({ id }) => core.signIn.start(id),
    'signIn.finish': ({ id }) => core.signIn.finish(id),
    'signIn.cancel': ({ id }) => ({ cancelled: core.signIn.cancel(id) }),
    'signIn.signOut': ({ id }) => core.signIn.signOut(id),
    'audit.run': ({ id, days, runId, confirmRetry }) => core.audits.start(id, { days, runId, ...(confirmRetry ? { confirmRetry } : {}) }),
    'audit.cancel': ({ runId }) => ({ cancelled: core.audits.cancel(runId) }),
    'audit.last': ({ id }) => core.audits.last(id),
    'schedule.get': () => core.schedule.status(),
    'schedule.set': ({ schedule }) => core.schedule.set(schedule),
    'schedule.runNow': () => core.schedule.runNow(),
    'checks.history': ({ id }) => core.checks.history(id),
    'audit.saveCsv': ({ id, path, overwrite }) => core.auditCsv.save(id, { path, ...(overwrite ? { overwrite } : {}) }),
    'imports.preview': (request) => core.imports.preview(request),
    'imports.apply': (request) => core.imports.apply(request),
  };
}

/** Describe a schema failure in words, naming the field without echoing its value. */
function describeInvalid(issues: z.core.$ZodIssue[]): { message: string; field?: string } {
  const first = issues[0];
  const field = first?.path.map(String).join('.') || undefined;
  if (first?.code === 'unrecognized_keys') return { message: `Unexpected field: ${first.keys.join(', ')}.` };
  if (first?.code === 'too_big') return { message: 'This value is far too long.', field };
  // Custom checks (shared/api.ts) word their messages for the person who typed or pasted.
  if (first?.code === 'custom') return { message: first.message, field };
  return { message: field ? `The value for “${field}” is missing or has the wrong type.` : 'The request is not valid.', field };
}

export function createHandlerTable(core: Core, logger: Logger = silentLogger): HandlerTable {
  const impl = implementations(core);
  const table = {} as Record<MethodName, Handler<MethodName>>;
  for (const name of METHOD_NAMES) {
    const schema = API[name].input as z.ZodType;
    const run = impl[name] as (input: unknown) => Promise<unknown> | unknown;
    table[name] = async (rawInput) => {
      const parsed = schema.safeParse(rawInput);
      if (!parsed.success) {
        const { message, field } = describeInvalid(parsed.error.issues);
        return { ok: false, error: { code: 'INVALID_INPUT', message, ...(field ? { field } : {}) } };
      }
      try {
        return { ok: true, value: (await run(parsed.data)) as never };
      } catch (error) {
        if (isOrgKeyError(error)) {
          // A fault or an outcome is logged; a wrong value or a refusal is answered in the window only.
          if (isWorthLogging(error.appError.code)) logger.warn('[ipc]', `${name} failed: ${error.appError.code}`);
          const { remedy, ...rest } = error.appError;
          return { ok: false, error: remedy ? { ...rest, remedy } : rest };
        }
        // Unknown errors may carry anything (paths, library text): log the kind, show the catalogue line.
        logger.error('[ipc]', `${name} failed unexpectedly: ${error instanceof Error ? error.name : typeof error}`);
        return { ok: false, error: { code: 'INTERNAL', ...ERROR_CATALOG.INTERNAL } };
      }
    };
  }
  return table as HandlerTable;
}
