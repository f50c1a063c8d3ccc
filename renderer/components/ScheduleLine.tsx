import { useNow } from '../hooks/useNow';
import { scheduleLine } from '../lib/schedule';
import { useSchedule } from '../store/useSchedule';

/**
 * One line above the org list about scheduled checks — the last run's summary and the next run —
 * as a tray icon's menu says it where there is one. Nothing while no schedule is on and none ran.
 */
export function ScheduleLine() {
  const { status } = useSchedule();
  const now = useNow();
  const line = status ? scheduleLine(status, now) : null;
  if (!line) return null;
  return (
    <p className="ok-muted slds-m-bottom_small" data-schedule-line aria-live="polite">
      {line}
    </p>
  );
}
