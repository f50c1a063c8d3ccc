// STAND-IN until the core's contract is merged: the shapes the plan names. Deleted at the merge.
import type { TestFailureCode } from '../../shared/domain';

export const NOTIFICATION_CAUSES = ['login-failing', 'password-expiring', 'refresh-token-revoked', 'certificate-expiring', 'retirement-near', 'sandbox-refreshed'] as const;
export type NotificationCause = (typeof NOTIFICATION_CAUSES)[number];
export interface Schedule {
  mode: 'off' | 'daily' | 'hours';
  time: string;
  everyHours: number;
}
export interface ScheduleStatus {
  schedule: Schedule;
  nextRunAt: string | null;
  lastRun: { at: string; checked: number; failed: number; skipped: number } | null;
  running: boolean;
}
export interface CheckHistoryEntry {
  at: string;
  ok: boolean;
  scheduled: boolean;
  code?: TestFailureCode;
  skipped?: 'needs-person' | 'guarded' | 'busy';
  latencyMs?: number;
}
