/**
 * The small ports through which the core talks to the outside world.
 *
 * `openCore` (index.ts) makes the ones every host shares (settings file, keychain, log, redactor);
 * each host passes only its own (clipboard, opener, dialogs). The core never imports `electron`.
 */
import type { Redactor } from './logging/redactor';
import type { SettingsRecovery } from '../../shared/domain';
import type { SettingsDoc } from './settings/schema';

/** The settings file: metadata only, never a secret. */
export interface SettingsStore {
  /** Where the file lives, for messages and the About box. */
  readonly path: string;
  /** Set when opening found the file damaged and moved it aside (the front ends tell the user). */
  readonly recovery?: SettingsRecovery;
  read(): SettingsDoc;
  /** Read, change and write back in one step; the write is atomic. */
  update(change: (doc: SettingsDoc) => SettingsDoc): SettingsDoc;
}

/** The OS keychain, one entry per secret under one service name. */
export interface SecretStore {
  readonly service: string;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** Resolves true when an entry was deleted, false when there was none. */
  delete(account: string): Promise<boolean>;
}

/** The system clipboard, written only by the main process. */
export interface ClipboardPort {
  /** Write a secret, marked as concealed where the platform supports it so clipboard managers skip it. */
  writeSecret(text: string): Promise<void>;
  readText(): Promise<string>;
  clear(): Promise<void>;
}

/**
 * Opens a URL in the OS browser. Every implementation checks the URL itself against the one
 * allow-list (`allowListedOpener`), whatever its caller checked: it rejects any other address
 * without starting anything.
 */
export interface ExternalOpener {
  /** `allowOrigin`: the org's own login origin, allowed besides Salesforce's domains and loopback. */
  open(url: string, options?: { allowOrigin?: string }): Promise<void>;
}

/** The OS file pickers (Electron's dialogs in the app; a scripted stand-in in the browser host). */
export interface DialogPort {
  /** Resolves the chosen absolute path, or null when the admin cancelled. */
  pickFolder(options: { title?: string; defaultPath?: string }): Promise<string | null>;
  pickFile(options: { title?: string; defaultPath?: string }): Promise<string | null>;
}

export interface Clock {
  now(): Date;
}

/** Log lines carry a component tag and never a secret (STYLE.md practice 12). */
export interface Logger {
  info(tag: string, message: string): void;
  warn(tag: string, message: string): void;
  error(tag: string, message: string): void;
}

export interface CorePorts {
  settings: SettingsStore;
  secrets: SecretStore;
  clock: Clock;
  logger?: Logger;
  clipboard?: ClipboardPort;
  opener?: ExternalOpener;
  dialogs?: DialogPort;
  /** The user's home folder, for `~` in typed paths and Data Loader's default key file; defaults to os.homedir(). */
  homeDir?: string;
  /** Knows every secret seen, so logs can hide them; createCore makes one when none is given. */
  redactor?: Redactor;
  /** Org id generator; defaults to random UUIDs. */
  newId?: () => string;
}

export const systemClock: Clock = { now: () => new Date() };

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
