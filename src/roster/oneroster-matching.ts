/** Rows by a key, skipping rows whose key is null. */
export function indexBy<T>(rows: T[], key: (row: T) => string | null): Map<string, T> {
  const index = new Map<string, T>();
  for (const row of rows) {
    const value = key(row);
    if (value !== null) index.set(value, row);
  }
  return index;
}

/**
 * Pairs each incoming person with the record they update: the one with their sourcedId, else one found by
 * `fallbacks` (employeeId, email / studentId) that nothing else claims. A record with another sourcedId is
 * only taken over in bulk mode, when that sourcedId is gone from the export (the SIS re-keyed the person);
 * in delta mode it may just be a person the delta does not mention.
 */
export function matchRecords<R extends { sourcedId: string }, E extends { id: string; sourcedId: string | null }>(
  incoming: R[],
  existing: E[],
  fallbacks: ((row: R) => E | undefined)[],
  options: { bulk: boolean; incomingSourcedIds: Set<string> },
): { matchOf: Map<R, E>; taken: Set<string> } {
  const bySourcedId = indexBy(existing, (row) => row.sourcedId);
  const matchOf = new Map<R, E>();
  const taken = new Set<string>();
  for (const row of incoming) {
    const match = bySourcedId.get(row.sourcedId);
    if (match) {
      matchOf.set(row, match);
      taken.add(match.id);
    }
  }
  const adoptable = (candidate: E | undefined): candidate is E =>
    Boolean(candidate) &&
    !taken.has(candidate!.id) &&
    (candidate!.sourcedId === null || (options.bulk && !options.incomingSourcedIds.has(candidate!.sourcedId)));
  for (const row of incoming) {
    if (matchOf.has(row)) continue;
    const match = fallbacks.map((find) => find(row)).find(adoptable);
    if (match) {
      matchOf.set(row, match);
      taken.add(match.id);
    }
  }
  return { matchOf, taken };
}

/**
 * Whether `value` of a unique key is free for the record `ownId`: unused, used by that record, or used by a
 * record this import moves to another value (or removes).
 */
export function keyIsFree<E extends { id: string }>(owner: E | undefined, ownId: string | null, releasedIds: Set<string>): boolean {
  return !owner || owner.id === ownId || releasedIds.has(owner.id);
}
