/**
 * Bounded concurrency for I/O: at most `limit` calls of `fn` in flight, results in input order.
 * Used for footer reads so that thousands of files never open thousands of sockets or handles.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lanes = Math.max(1, Math.min(limit, items.length));
  async function lane(): Promise<void> {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  }
  await Promise.all(Array.from({ length: lanes }, lane));
  return out;
}
