/**
 * Runs queries one after another. Inside a transaction they share one connection, where issuing them together
 * only queues them in the driver (and pg deprecates doing so); in turn costs nothing and keeps the order plain.
 */
export async function inTurn<T extends unknown[]>(...steps: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  const results: unknown[] = [];
  for (const step of steps as Array<() => Promise<unknown>>) results.push(await step());
  return results as T;
}
