import { useCallback, useEffect, useState } from 'react';

/**
 * Ask for focus on an element by id once the next render has put it on screen.
 *
 * Needed when the target appears in the same update that asks for it, e.g. a server error that
 * sends the wizard back to an earlier step and focuses the bad field there.
 */
export function useFocusRequest(): (id: string) => void {
  // A fresh object each time, so asking twice for the same id still refocuses.
  const [request, setRequest] = useState<{ id: string } | null>(null);
  useEffect(() => {
    if (request) document.getElementById(request.id)?.focus();
  }, [request]);
  return useCallback((id: string) => setRequest({ id }), []);
}
