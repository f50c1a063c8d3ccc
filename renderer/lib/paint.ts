/**
 * Calls `callback` once the browser has painted the DOM as it is now.
 *
 * A requestAnimationFrame callback runs just before the next frame's style, layout and paint; a
 * task queued from it runs after them. The app's performance measures end here, so they count what
 * the user waits for, not just React's commit (`npm run bench` reads them: README, "Performance").
 */
export function afterNextPaint(callback: () => void): void {
  requestAnimationFrame(() => {
    setTimeout(callback, 0);
  });
}
