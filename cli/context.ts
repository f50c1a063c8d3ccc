/**
 * What every command runs on: the same core, settings file and keychain entries as the app.
 *
 * The core is built on first use, so `orgkey --help` and usage errors never open the settings
 * file, and the keychain module loads only when a command touches a secret.
 */
import path from 'node:path';
import { defaultDataDir, keychainServiceName, openCore, openSettings, type ClipboardPort, type Core, type SettingsStore } from '../electron/core';
import type { AppInfo, OrgSummary, Preferences } from '../shared/domain';
import { tidyAlias } from '../shared/validation';
import { CliError } from './errors';
import { systemOpener } from './opener';
import type { Io } from './terminal';
import { version } from '../package.json';

export const CLI_VERSION: string = version;

/** The front end, as `app.info` reports it. */
const HOST: AppInfo['host'] = 'cli';

export interface CoreOptions {
  /** Preferences this run sees differently from the file, e.g. the clipboard delay of `copy`. */
  preferences?: Partial<Preferences>;
  clipboard?: ClipboardPort;
}

export interface Context {
  readonly io: Io;
  readonly dataDir: string;
  readonly keychainService: string;
  /** The settings file itself, as stored (no overrides). */
  settings(): SettingsStore;
  /** The core on the stored orgs; built once, on the first call (which alone may pass options). */
  core(options?: CoreOptions): Core;
  /** The org named `alias` (any case), or ORG_NOT_FOUND with exit code 2. */
  findOrg(alias: string): OrgSummary;
  /** What the core began on its own at start (tidying the keychain), finished before the process exits. */
  settled(): Promise<void>;
}

export function createContext(io: Io, dataDirOption: string | undefined): Context {
  const dataDir = dataDirOption ? path.resolve(dataDirOption) : defaultDataDir(io.env, io.platform);
  const keychainService = keychainServiceName(io.env);
  let core: Core | undefined;
  let settings: SettingsStore | undefined;

  const context: Context = {
    io,
    dataDir,
    keychainService,
    settings() {
      if (!settings) {
        settings = openSettings(dataDir);
        const recovery = settings.recovery;
        if (recovery) {
          io.err(`warning: the settings file was damaged (${recovery.reason}); it was kept as ${recovery.movedTo} and OrgKey starts with empty settings.`);
        }
      }
      return settings;
    },
    core(options) {
      if (core) {
        if (options) throw new Error('[cli] core options must be given on the first call');
        return core;
      }
      options ??= {};
      core = openCore(
        {
          host: HOST,
          version: CLI_VERSION,
          dataDir,
          keychainService,
          settings: context.settings(),
          logSource: 'cli',
          ...(options.preferences ? { preferences: options.preferences } : {}),
        },
        {
          ...(options.clipboard ? { clipboard: options.clipboard } : {}),
          // Only a browser sign-in opens it (`orgkey login`), on the org's authorize page.
          opener: systemOpener(io.platform, { env: io.env }),
        },
      ).core;
      return core;
    },
    async settled() {
      // A failure was logged by the core; the next command tries again.
      await core?.keychain.ready().catch(() => undefined);
    },
    findOrg(alias) {
      const org = context.core().orgs.findByName(alias, { orId: true });
      if (!org) {
        throw new CliError('ORG_NOT_FOUND', `No org named “${tidyAlias(alias)}” in OrgKey.`, 'Run “orgkey list” to see the names.');
      }
      return org;
    },
  };
  return context;
}
