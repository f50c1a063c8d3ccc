import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `intervalMs`, for texts such as "2 min ago".
 *
 * One timer for the whole view; rows re-render only when the value changes.
 */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
