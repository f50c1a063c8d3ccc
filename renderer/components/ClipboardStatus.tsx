import type { CopyWhat } from '../../shared/domain';
import type { ClipboardPhase } from '../hooks/useClipboard';

const WHAT_LABELS: Record<CopyWhat, string> = {
  combined: 'password + token',
  password: 'password',
  token: 'token',
  username: 'username',
  accessToken: 'access token',
};

/** "Copied … — clipboard clears in N s", then "Clipboard cleared": what the core says, never the value. */
export function clipboardText(phase: ClipboardPhase, now: number): string {
  if (phase.status === 'idle') return '';
  if (phase.status === 'cleared') return 'Clipboard cleared';
  const { what, clearsAt } = phase.copy;
  if (clearsAt === null) return `Copied ${WHAT_LABELS[what]} — never cleared`;
  const seconds = Math.max(0, Math.ceil((new Date(clearsAt).getTime() - now) / 1000));
  return `Copied ${WHAT_LABELS[what]} — clipboard clears in ${seconds} s`;
}

/** The countdown of a copied secret. Not role="status": that role belongs to the toast region. Always mounted so changes are read. */
export function ClipboardStatus({ phase, now }: { phase: ClipboardPhase; now: number }) {
  return (
    <div className="ok-clipboard-status" aria-live="polite" data-clipboard-state={phase.status}>
      {clipboardText(phase, now)}
    </div>
  );
}
