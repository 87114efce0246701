import { validate as isUuid, v7 as uuidv7 } from 'uuid';

/** Time-ordered UUIDv7: ids sort in creation order, so a keyset cursor needs nothing but the id. */
export function newId(): string {
  return uuidv7();
}

export function isId(value: unknown): value is string {
  return typeof value === 'string' && isUuid(value);
}
