import { useCallback, useRef, useState } from 'react';
import type { ProofResult } from '../../shared/api';
import type { TestOutcome } from '../../shared/domain';
import type { AppError, Result } from '../../shared/result';

export interface ProofOptions {
  saveAnyway?: boolean;
  confirmRetry?: boolean;
}

export type ProofState =
  | { status: 'idle' }
  | { status: 'running' }
  /** The login with the new secret failed: nothing was replaced. */
  | { status: 'refused'; outcome: TestOutcome | null }
  /** The lockout guard stopped the proof before any login: the user must confirm. */
  | { status: 'guarded'; error: AppError; options: ProofOptions }
  /** A message for one field (`error.field`), e.g. a paste with no token in it. */
  | { status: 'field'; error: AppError }
  | { status: 'error'; error: AppError };

/**
 * "Prove, then store" for a new token or password: one attempt at a time, never retried by itself.
 *
 * `prove(options)` runs `attempt`; `onStored` receives the result when core replaced the secret.
 */
export function useProof(
  attempt: (options: ProofOptions) => Promise<Result<ProofResult>>,
  onStored: (result: ProofResult, options: ProofOptions) => void,
): { state: ProofState; prove: (options?: ProofOptions) => Promise<void>; reset: () => void } {
  const [state, setState] = useState<ProofState>({ status: 'idle' });
  const running = useRef(false);

  const prove = useCallback(
    async (options: ProofOptions = {}) => {
      if (running.current) return;
      running.current = true;
      setState({ status: 'running' });
      const result = await attempt(options);
      running.current = false;
      if (result.ok) {
        if (result.value.stored) {
          setState({ status: 'idle' });
          onStored(result.value, options);
        } else {
          setState({ status: 'refused', outcome: result.value.outcome ?? null });
        }
      } else if (result.error.code === 'LOCKOUT_GUARD') {
        setState({ status: 'guarded', error: result.error, options });
      } else if (result.error.field) {
        setState({ status: 'field', error: result.error });
      } else {
        setState({ status: 'error', error: result.error });
      }
    },
    [attempt, onStored],
  );

  const reset = useCallback(() => setState({ status: 'idle' }), []);
  return { state, prove, reset };
}
