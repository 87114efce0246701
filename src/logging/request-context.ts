import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request state that follows the request through every await (log correlation, SQL query counts). */
export interface RequestState {
  requestId: string;
  sqlQueries: number;
}

export const requestContext = new AsyncLocalStorage<RequestState>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
