import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClipboardState, CopyWhat } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { call } from '../lib/api';

export type ClipboardPhase =
  | { status: 'idle' }
  /** OrgKey's copy is (as far as core knows) still on the clipboard. */
  | { status: 'holding'; copy: ClipboardState }
  /** Core no longer holds it: cleared on time, or replaced by another copy or by the user. */
  | { status: 'cleared'; copy: ClipboardState };

const TICK_MS = 1000;

/**
 * Copy a secret through core (the renderer never sees it) and follow what core says about the
 * clipboard afterwards: polled once a second while holding, which also drives the countdown.
 */
export function useClipboard(id: string): {
  phase: ClipboardPhase;
  now: number;
  error: AppError | null;
  copy: (what: CopyWhat, options?: { confirmRetry?: boolean }) => Promise<void>;
} {
  const [phase, setPhase] = useState<ClipboardPhase>({ status: 'idle' });
  const [now, setNow] = useState(() => Date.now());
  const [error, setError] = useState<AppError | null>(null);
  const latest = useRef(0);

  const copy = useCallback(
    async (what: CopyWhat, options: { confirmRetry?: boolean } = {}) => {
      const request = ++latest.current;
      setError(null);
      // An access token is a login: the lockout guard may ask first, and the answer carries `confirmRetry`.
      const result = await call((api) => api.secrets.copy({ id, what, ...(options.confirmRetry ? { confirmRetry: true } : {}) }));
      if (request !== latest.current) return;
      setNow(Date.now());
      if (result.ok) setPhase({ status: 'holding', copy: result.value });
      else setError(result.error);
    },
    [id],
  );

  const holding = phase.status === 'holding' ? phase.copy : null;
  useEffect(() => {
    if (!holding) return;
    const timer = window.setInterval(() => {
      setNow(Date.now());
      const request = latest.current;
      void call((api) => api.secrets.clipboardStatus()).then((result) => {
        if (!result.ok || request !== latest.current) return;
        const current = result.value;
        if (!current || current.copiedAt !== holding.copiedAt || current.what !== holding.what || current.orgId !== holding.orgId) {
          latest.current += 1;
          setPhase({ status: 'cleared', copy: holding });
        }
      });
    }, TICK_MS);
    return () => window.clearInterval(timer);
  }, [holding]);

  return { phase, now, error, copy };
}
