import { useCallback, useRef, useState } from 'react';
import type { SignedIn, SignInStart } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { call } from '../lib/api';
import { orgStore } from '../store/useOrgs';

export type SignInRun =
  | { status: 'idle' }
  /** Asking core to listen on the callback port and open the browser. */
  | { status: 'starting' }
  /** The browser is on the authorize page (or should be: `start.opened` says whether OrgKey could open it). */
  | { status: 'waiting'; start: SignInStart }
  | { status: 'signed-in'; signedIn: SignedIn }
  /** The user pressed Cancel (SIGN_IN_CANCELLED): news, not a failure. */
  | { status: 'cancelled'; error: AppError }
  /** Any other end: the port was taken, access denied, a foreign state, a refused code, a timeout… */
  | { status: 'error'; error: AppError };

/**
 * A browser sign-in from the renderer: `signIn.start` (listen, open the browser, learn the URL),
 * then `signIn.finish` (wait for the callback and the code exchange). The code, verifier and tokens
 * stay in main: the renderer only ever sees the authorize URL and who signed in.
 */
export function useSignIn(id: string, onSignedIn: (signedIn: SignedIn) => void): {
  run: SignInRun;
  signIn: () => Promise<SignInRun>;
  cancel: () => void;
  reset: () => void;
} {
  const [run, setRun] = useState<SignInRun>({ status: 'idle' });
  // A ref as well as state: a double click must not start two sign-ins before React re-renders.
  const busy = useRef(false);

  const signIn = useCallback(async (): Promise<SignInRun> => {
    if (busy.current) return { status: 'starting' };
    busy.current = true;
    setRun({ status: 'starting' });
    const started = await call((api) => api.signIn.start({ id }));
    if (!started.ok) {
      busy.current = false;
      const next: SignInRun = { status: 'error', error: started.error };
      setRun(next);
      return next;
    }
    setRun({ status: 'waiting', start: started.value });
    const finished = await call((api) => api.signIn.finish({ id }));
    busy.current = false;
    let next: SignInRun;
    if (finished.ok) {
      next = { status: 'signed-in', signedIn: finished.value };
      orgStore.signedIn(id, finished.value);
      onSignedIn(finished.value);
    } else if (finished.error.code === 'SIGN_IN_CANCELLED') next = { status: 'cancelled', error: finished.error };
    else next = { status: 'error', error: finished.error };
    setRun(next);
    return next;
  }, [id, onSignedIn]);

  const cancel = useCallback(() => {
    if (busy.current) void call((api) => api.signIn.cancel({ id }));
  }, [id]);

  const reset = useCallback(() => {
    if (!busy.current) setRun({ status: 'idle' });
  }, []);

  return { run, signIn, cancel, reset };
}
