/**
 * The core's public entry. `openCore(options, ports)` opens it for a host (the app, the CLI, the
 * browser host, the integration tests, the bench) on the real settings file and keychain;
 * `createCore(ports)` builds it on any ports (unit tests give in-memory ones).
 */
import type { AppInfo, CheckHistoryEntry } from '../../shared/domain';
import { createAccessTokens, type AccessTokens } from './connection/access-token';
import { createBrowserOpener, type BrowserOpener } from './connection/open-in-browser';
import { createLoginAudits, type LoginAudits } from './audit/service';
import { createAuditCsvFiles, type AuditCsvFiles } from './audit/csv-file';
import { keptAudits } from './audit/kept';
import { createLoginAttempts } from './connection/login-attempt';
import { createConnectionTester, type ConnectionTester } from './connection/tester';
import { createTestAll, type TestAll } from './connection/test-all';
import { createEventHub, type CoreEvents } from './events';
import { createOrgRegistry, type MakeSigningKey, type OrgRegistry } from './orgs';
import { createPreferences, type PreferencesService } from './preferences';
import { checkHistory } from './schedule/history';
import { createScheduler, type Scheduler } from './schedule/service';
import { createClipboardGuard, type ClipboardGuard } from './secrets/clipboard-guard';
import { createTokenWorkflow, type TokenWorkflow } from './tokens/workflow';
import { createDataLoaderExporter, type DataLoaderExporter } from './dataloader/export';
import { createImportService, type ImportService } from './imports/service';
import { OrgKeyError } from './errors';
import { createBrowserLogin, type BrowserLogin } from './oauth/browser-login';
import { createCertificateService, type CertificateService } from './jwt/certificates';
import { createSigningKey } from './jwt/certificate';
import { findOrgRecord } from './org-records';
import { createRedactor } from './logging/redactor';
import { redactingLogger } from './logging/file-logger';
import { hostCorePorts, type HostPorts, type OpenCoreOptions } from './open';
import { silentLogger, type CorePorts, type KeychainCounts, type Logger } from './ports';
import { watchedSecretStore } from './secrets/watched-store';
import { orgSecretsOf, type TidyReport } from './secrets/org-secrets';

export interface CoreOptions {
  host: AppInfo['host'];
  version: string;
  /** Makes a JWT org's key pair and certificate (the key to the keychain); unit tests give a quick one. */
  makeSigningKey?: MakeSigningKey;
}

export interface Core {
  orgs: OrgRegistry;
  tester: ConnectionTester;
  /** Test every org, a few at a time: the app, the CLI and the bench all run this. */
  testAll: TestAll;
  /** What the core tells its host on its own, e.g. Test all's progress (shared/events.ts). */
  events: CoreEvents;
  preferences: PreferencesService;
  tokens: TokenWorkflow;
  clipboard: ClipboardGuard;
  /** A fresh access token by a login with the org's method: `orgkey access-token`, *Copy access token*. */
  accessTokens: AccessTokens;
  /** Open the org in the browser with a single-use login link: `orgkey open`, the detail's *Open in browser*. */
  browser: BrowserOpener;
  dataloader: DataLoaderExporter;
  signIn: BrowserLogin;
  /** JWT orgs: their certificates, saving one as a file, and key rotation. */
  certificates: CertificateService;
  /** The login audit of an org's Login History: `orgkey audit-logins`, the detail's *Audit logins*. */
  audits: LoginAudits;
  /** The app's *Export CSV*: the kept audit written with the shared CSV writer. */
  auditCsv: AuditCsvFiles;
  /** Scheduled checks and the notifications after them: the host's timer calls `schedule.runDue()`. */
  schedule: Scheduler;
  /** Importing orgs from Data Loader folders, an ORGanizer export, `sf org list --json` or a CSV: preview, then apply. */
  imports: ImportService;
  /** Each org's last 50 checks, newest first. */
  checks: { history(id: string): CheckHistoryEntry[] };
  dialogs: {
    pickFolder(options: { title?: string; defaultPath?: string }): Promise<{ path: string | null }>;
    pickFile(options: { title?: string; defaultPath?: string }): Promise<{ path: string | null }>;
    pickSaveFile(options: { title?: string; defaultPath?: string }): Promise<{ path: string | null }>;
  };
  /** The keychain as the core uses it (secrets/org-secrets.ts). */
  keychain: {
    /** Calls made through the port so far; the bench takes the difference around a test. */
    counts(): KeychainCounts;
    /** The move to one entry per org and the orphan sweep, if there is any to do; `openCore` starts it. */
    ready(): Promise<void>;
    /** Both, now, whatever there is to do. */
    tidy(): Promise<TidyReport>;
  };
  /** The one way a secret reaches a front end: the user pressed Reveal. */
  reveal(id: string, what: 'password' | 'token'): Promise<{ value: string }>;
  info(): AppInfo;
  /** The core's clock: "today" for token ages and retirement deadlines in every front end that asks. */
  now(): Date;
}

export function createCore(given: CorePorts, options: CoreOptions): Core {
  // Every secret that passes the keychain port is known to the redactor, and every log line passes it.
  const redactor = given.redactor ?? createRedactor();
  const watched = watchedSecretStore(given.secrets, redactor);
  const ports: CorePorts = {
    ...given,
    redactor,
    secrets: watched,
    logger: redactingLogger(given.logger ?? silentLogger, redactor),
  };
  // One set of logins in flight: a test and a token proof of the same org exclude each other.
  const logins = createLoginAttempts(ports);
  const events = createEventHub(ports.logger);
  // Each org's checks, kept in the data folder (removed with the org).
  const history = checkHistory(ports);
  const scheduled: { scheduler?: Scheduler } = {};
  // Every test kept is one check in the org's history; one the admin ran may start or clear a notification's cause
  // (a scheduled run looks at every org once it has ended).
  const tester = createConnectionTester(logins, (id, outcome, testOptions) => {
    try {
      history.record(id, { at: outcome.testedAt, ok: outcome.ok, scheduled: !!testOptions.scheduled, latencyMs: outcome.latencyMs, ...(outcome.failure ? { code: outcome.failure.code } : {}) });
      if (!testOptions.scheduled) scheduled.scheduler?.evaluate([id]);
    } catch (error) {
      ports.logger?.warn('[schedule]', `org ${id}: the check was not kept in its history (${error instanceof Error ? error.name : typeof error})`);
    }
  });
  // A JWT org's key pair and self-signed certificate (jwt/certificate.ts); unit tests give a quicker one.
  // An org's last login audit: in brief in its record, its groups in the data folder (removed with the org).
  const kept = keptAudits(ports);
  const orgs = createOrgRegistry(ports, {
    keptAudits: kept,
    checkHistory: history,
    makeSigningKey: options.makeSigningKey ?? ((orgId, alias) => createSigningKey(ports, orgId, alias)),
  });
  const accessTokens = createAccessTokens(logins);
  const testAll = createTestAll({
    sequence: tester.sequence,
    orgIds: () => orgs.list().map((org) => org.id),
    concurrency: () => ports.settings.read().preferences.testConcurrency,
    emit: (progress) => events.emit('testAll.progress', progress),
    ...(ports.logger ? { logger: ports.logger } : {}),
  });
  const scheduler = createScheduler({
    ports,
    testAll,
    history,
    emitFinished: (status) => events.emit('schedule.finished', status),
    notificationClicked: (orgId) => events.emit('notification.clicked', { orgId }),
  });
  scheduled.scheduler = scheduler;
  const tokens = createTokenWorkflow(ports, logins);
  return {
    orgs,
    tester,
    testAll,
    schedule: scheduler,
    checks: {
      history(id) {
        findOrgRecord(ports.settings, id);
        return history.list(id);
      },
    },
    events: { on: events.on },
    preferences: createPreferences(ports.settings),
    tokens,
    imports: createImportService({ ports, orgs, tokens }),
    clipboard: createClipboardGuard(ports, accessTokens),
    accessTokens,
    browser: createBrowserOpener(ports, accessTokens),
    dataloader: createDataLoaderExporter(ports, logins),
    signIn: createBrowserLogin(ports),
    certificates: createCertificateService(ports),
    audits: createLoginAudits({ ports, logins, kept, emit: (name, payload) => events.emit(name, payload) }),
    auditCsv: createAuditCsvFiles(ports, (id) => kept.load(id)),
    dialogs: {
      async pickFolder(options) {
        if (!ports.dialogs) throw new OrgKeyError('DIALOG_UNAVAILABLE');
        return { path: await ports.dialogs.pickFolder(options) };
      },
      async pickFile(options) {
        if (!ports.dialogs) throw new OrgKeyError('DIALOG_UNAVAILABLE');
        return { path: await ports.dialogs.pickFile(options) };
      },
      async pickSaveFile(options) {
        if (!ports.dialogs) throw new OrgKeyError('DIALOG_UNAVAILABLE');
        return { path: await ports.dialogs.pickSaveFile(options) };
      },
    },
    async reveal(id, what) {
      findOrgRecord(ports.settings, id);
      const value = await orgSecretsOf(ports).get(id, what);
      if (!value) throw new OrgKeyError('NOTHING_TO_COPY', { message: `No ${what === 'token' ? 'security token' : 'password'} is stored for this org.` });
      ports.logger?.info('[secrets]', `revealed the ${what} of org ${id} on request`);
      return { value };
    },
    info: () => ({
      name: 'OrgKey',
      version: options.version,
      host: options.host,
      platform: process.platform,
      keychainService: ports.secrets.service,
      settingsPath: ports.settings.path,
      ...(ports.settings.recovery ? { settingsRecovery: ports.settings.recovery } : {}),
    }),
    now: () => ports.clock.now(),
    keychain: {
      counts: () => ({ ...watched.counts }),
      ready: () => orgSecretsOf(ports).ready(),
      tidy: () => orgSecretsOf(ports).tidy(),
    },
  };
}

export type { CorePorts } from './ports';
export type { OrgDraft, OrgPatch } from './orgs';
export type { DataLoaderExportRequest } from './dataloader/export';
export type { AccessTokenAnswer, AccessTokens } from './connection/access-token';
export type { BrowserAddress } from './connection/open-in-browser';

export interface OpenedCore {
  core: Core;
  /** The core's logger (redacted), for the host's own lines and its handler table. */
  logger: Logger;
}

/**
 * Open the core for a host: settings in `options.dataDir`, secrets under `options.keychainService`,
 * one redactor and `orgkey.log`, plus the host's own `ports` (open.ts). Every host opens it this way.
 */
export function openCore(options: OpenCoreOptions, ports: HostPorts = {}): OpenedCore {
  const host = hostCorePorts(options, ports);
  const core = createCore(host.ports, { host: options.host, version: options.version });
  // At start, in the background: nothing unless entries are to be moved or an add stopped halfway.
  core.keychain.ready().catch((error: unknown) => host.logger.warn('[secrets]', `keychain tidy-up not done yet (${error instanceof OrgKeyError ? error.appError.code : 'error'}); tried again on the next keychain call`));
  return { core, logger: host.logger };
}

export { openSettings, type HostPorts, type OpenCoreOptions } from './open';
export type { OpenConf } from './settings/store';
export type { ClipboardPort, DialogPort, ExternalOpener, Logger, NotifierPort, SettingsStore } from './ports';
export { startScheduleTimer, type Scheduler, type ScheduledCheck, type ScheduledRun } from './schedule/service';
export { systemClock } from './ports';
export { defaultDataDir } from './paths';
export { keychainServiceName } from './secrets/accounts';
export { OrgKeyError } from './errors';
export { allowListedOpener } from './external-opener';
