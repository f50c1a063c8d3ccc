/**
 * Run tasks with at most `concurrency` in flight, in order of the input, stopping new starts once
 * `signal` aborts. Shared by the core's "test all" (CLI) and the renderer's, so both schedule alike:
 * a slow item holds one slot, never the whole run.
 */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      await task(items[index] as T, index);
    }
  };
  const width = Math.max(1, Math.min(concurrency, items.length));
  await Promise.all(Array.from({ length: width }, worker));
}
