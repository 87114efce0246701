import { isRecord, retryUnavailable, type PlatformHttp } from '../http/platform-http';
import { PlatformErrorKind } from '../platform-error';
import type { ConnectorContext } from '../provider';
import { errorFromProblem, errorFromResponse, observeRateLimit, xError } from './errors';

export interface XCall {
  context: ConnectorContext;
  /** The HTTP client to count on: the caller's, or one account's meter. */
  http: PlatformHttp;
  accessToken: string;
}

type Query = Record<string, string | number | undefined>;

/** One API call with the account's bearer token; rate-limit headers observed, non-2xx mapped. */
export async function xRequest(
  call: XCall,
  method: 'GET' | 'PUT' | 'DELETE',
  path: string,
  options: { query?: Query; json?: unknown } = {},
): Promise<Record<string, unknown>> {
  const response = await call.http.request({
    method,
    url: `${call.context.apiUrl.replace(/\/$/, '')}${path}`,
    query: options.query,
    json: options.json,
    headers: { authorization: `Bearer ${call.accessToken}` },
  });
  observeRateLimit(response, call.http.meter);
  if (response.status < 200 || response.status > 299) throw errorFromResponse(response, call.context.now());
  if (!isRecord(response.body)) throw xError(PlatformErrorKind.BAD_RESPONSE, 'X answered a body that is not a JSON object', { status: response.status });
  return response.body;
}

/** Reads are idempotent: a brief 5xx is retried. */
export function xRead(call: XCall, path: string, query: Query = {}): Promise<Record<string, unknown>> {
  return retryUnavailable(() => xRequest(call, 'GET', path, { query }));
}

/** A 200 that carries only `errors[]` (unknown, suspended or protected user) failed as a whole. */
export function failIfOnlyErrors(body: Record<string, unknown>): void {
  if (body.data === undefined && Array.isArray(body.errors) && body.errors.length > 0) throw errorFromProblem(body.errors[0]);
}

export function recordsIn(body: Record<string, unknown>, what: string): Array<Record<string, unknown>> {
  if (body.data === undefined) return [];
  if (!Array.isArray(body.data) || !body.data.every(isRecord)) {
    throw xError(PlatformErrorKind.BAD_RESPONSE, `X answered ${what} whose data is not a list of objects`);
  }
  return body.data;
}

/** Far beyond any real list at X's page sizes; stops a server that keeps minting fresh tokens. */
const MAX_PAGES = 10_000;

/**
 * Follows `meta.next_token` to the end (no next_token = last page; short or empty pages may still have
 * one), or until `maxItems` are read. A token seen before means the cursor loops: BAD_RESPONSE.
 */
export async function readAllPages(
  call: XCall,
  path: string,
  query: Query,
  paging: { pageSize: (itemsSoFar: number) => number; maxItems?: number },
): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  const seen = new Set<string>();
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const body = await xRead(call, path, { ...query, max_results: paging.pageSize(items.length), pagination_token: pageToken });
    failIfOnlyErrors(body);
    items.push(...recordsIn(body, path));
    if (paging.maxItems !== undefined && items.length >= paging.maxItems) return items.slice(0, paging.maxItems);
    if (!isRecord(body.meta)) throw xError(PlatformErrorKind.BAD_RESPONSE, `X answered ${path} without meta`);
    const next = body.meta.next_token;
    if (next === undefined || next === null) return items;
    if (typeof next !== 'string' || next.length === 0) throw xError(PlatformErrorKind.BAD_RESPONSE, `X answered ${path} with an unreadable next_token`);
    if (seen.has(next)) throw xError(PlatformErrorKind.BAD_RESPONSE, `X repeated a pagination token on ${path}`);
    seen.add(next);
    pageToken = next;
  }
  throw xError(PlatformErrorKind.BAD_RESPONSE, `X kept paging ${path} past ${MAX_PAGES} pages`);
}

/** Path segment for an X id, refusing anything that is not one (it would change the path). */
export function idSegment(id: string, what: string): string {
  if (!/^[0-9]{1,19}$/.test(id)) throw xError(PlatformErrorKind.BAD_REQUEST, `${what} is not an X id`);
  return id;
}
