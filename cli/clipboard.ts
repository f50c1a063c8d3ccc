/**
 * The system clipboard for the CLI: the platform clipboard (electron/platform/clipboard), with
 * failures as CLIPBOARD_UNAVAILABLE and the X11 owner started as this same `orgkey` program.
 * It loads on first use, so commands that never copy start without it.
 */
import type { ClipboardPort } from '../electron/core';
import type { SystemClipboard } from '../electron/platform/clipboard/system-clipboard';
import { CliError } from './errors';

/** The hidden first argument that makes `orgkey` the X11 clipboard owner (cli/orgkey.ts). */
export const X11_OWNER_ARGUMENT = '--serve-x11-clipboard';

export function clipboardRemedy(platform: NodeJS.Platform): string {
  if (platform === 'linux') {
    return 'Run it in a desktop session (X11, or Wayland with wl-clipboard installed), or pipe the secret instead: orgkey secret <alias> | <tool>.';
  }
  return 'Run it in a desktop session, or pipe the secret instead: orgkey secret <alias> | <tool>.';
}

export interface CliClipboard extends ClipboardPort {
  /** Whether the copy carries the secret marker for clipboard managers; null before a copy. */
  readonly lastWriteMarked: boolean | null;
  /** The way the clipboard is written (`X11`, `wl-copy`, …); null before first use or where there is none. */
  readonly methodName: string | null;
}

/**
 * A ClipboardPort on the system clipboard, or one that reports CLIPBOARD_UNAVAILABLE on use.
 * `stays`: the copy outlives this process (--clear-after 0); otherwise it ends with it.
 */
export function systemClipboard(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, { stays = false }: { stays?: boolean } = {}): CliClipboard {
  let loaded: Promise<{ inner: SystemClipboard; ClipboardFailure: new (...args: never[]) => Error }> | null = null;
  let ready: SystemClipboard | null = null;
  const load = () =>
    (loaded ??= Promise.all([import('../electron/platform/clipboard/system-clipboard'), import('../electron/platform/clipboard/x11-owner')]).then(([platformModule, ownerModule]) => {
      // The owner is this CLI again, by the absolute paths of Node and of the running script.
      const self = process.argv[1] ?? '';
      ready = platformModule.systemClipboard({
        platform,
        env,
        x11Stays: stays,
        startX11Owner: (request) => ownerModule.startOwnerProcess([process.execPath, self, X11_OWNER_ARGUMENT], env, request),
      });
      return { inner: ready, ClipboardFailure: platformModule.ClipboardFailure };
    }));
  const guarded =
    <A extends unknown[], R>(call: (inner: SystemClipboard, ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const { inner, ClipboardFailure } = await load();
      try {
        return await call(inner, ...args);
      } catch (error) {
        if (!(error instanceof ClipboardFailure)) throw error;
        throw new CliError('CLIPBOARD_UNAVAILABLE', error.message, clipboardRemedy(platform));
      }
    };
  return {
    get lastWriteMarked() {
      return ready?.lastWriteMarked ?? null;
    },
    get methodName() {
      return ready?.method?.name ?? null;
    },
    writeSecret: guarded((inner, text: string) => inner.writeSecret(text)),
    readText: guarded((inner) => inner.readText()),
    clear: guarded((inner) => inner.clear()),
  };
}
