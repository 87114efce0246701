import { isRecord, retryUnavailable, type PlatformHttp } from '../http/platform-http';
import type { PlatformError } from '../platform-error';
import type { ConnectorContext } from '../provider';
import { badResponse, graphErrorFrom, observeUsage, readUsageHeaders } from './graph-errors';

export interface GraphRequest {
  method?: 'GET' | 'POST' | 'DELETE';
  /** Relative to the API URL (`…/v25.0`): `me/accounts`, `{page-id}`, `{page-id}/assigned_users`. */
  path: string;
  params?: Record<string, string>;
  token: string;
  /** The Page the call is about, to read its BUC usage. */
  objectId?: string | null;
}

/**
 * One Graph call. The token goes as the `access_token` parameter (query for GET/DELETE, form for POST), as
 * Meta documents; usage headers land on the meter; any error body becomes a PlatformError.
 */
export async function graphCall(context: ConnectorContext, http: PlatformHttp, request: GraphRequest): Promise<Record<string, unknown>> {
  const method = request.method ?? 'GET';
  const url = `${context.apiUrl.replace(/\/+$/, '')}/${request.path}`;
  const params = { ...request.params, access_token: request.token };
  const response = await http.request(method === 'POST' ? { method, url, form: params } : { method, url, query: params });
  const usage = readUsageHeaders(response.headers);
  observeUsage(http.meter, usage, request.objectId ?? null, context.now());
  if (response.status !== 200 || (isRecord(response.body) && 'error' in response.body)) {
    throw graphErrorFrom(response.status, response.body, usage, request.objectId ?? null);
  }
  if (!isRecord(response.body)) throw badResponse(`Facebook answered ${request.path} with something other than an object`);
  return response.body;
}

/**
 * The cursor for the next page, or null on the last page (no `paging.next`). A `next` without a usable
 * cursor, or a cursor already followed, is BAD_RESPONSE: following it could loop forever.
 */
export function nextCursor(body: Record<string, unknown>, seen: Set<string>): string | null {
  const paging = body.paging;
  if (!isRecord(paging) || typeof paging.next !== 'string') return null;
  let after: string | null = isRecord(paging.cursors) && typeof paging.cursors.after === 'string' ? paging.cursors.after : null;
  if (!after) {
    try {
      after = new URL(paging.next).searchParams.get('after');
    } catch {
      after = null;
    }
  }
  if (!after) throw badResponse('Facebook paging has next but no after cursor');
  if (seen.has(after)) throw badResponse('Facebook paging returned a cursor it had already returned');
  seen.add(after);
  return after;
}

export function rowsOf(body: Record<string, unknown>, what: string): Record<string, unknown>[] {
  if (!Array.isArray(body.data)) throw badResponse(`Facebook ${what} has no data list`);
  return body.data.filter(isRecord);
}

/**
 * Far beyond any real list at Graph's page sizes (100 rows a page); stops a server that keeps minting fresh
 * cursors. X stops at 10 000 pages, YouTube at 500.
 */
export const MAX_PAGES = 1000;

/** BAD_RESPONSE for a list that still points on after MAX_PAGES pages. */
export function tooManyPages(what: string): PlatformError {
  return badResponse(`Facebook kept paging ${what} past ${MAX_PAGES} pages`);
}

/** Reads a list edge page by page (each page retried when briefly unavailable) until the end, or until `found`. */
export async function graphList(
  context: ConnectorContext,
  http: PlatformHttp,
  request: GraphRequest,
  found: (row: Record<string, unknown>) => boolean = () => false,
): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  let after: string | null = null;
  for (let pages = 1; ; pages += 1) {
    const params: Record<string, string> = after ? { ...request.params, after } : { ...request.params };
    const body = await retryUnavailable(() => graphCall(context, http, { ...request, params }));
    const page = rowsOf(body, request.path);
    rows.push(...page);
    if (page.some(found)) return rows;
    after = nextCursor(body, seen);
    if (!after) return rows;
    if (pages >= MAX_PAGES) throw tooManyPages(request.path);
  }
}

export interface LongLivedToken {
  accessToken: string;
  /** Seconds; null when Meta does not say. */
  expiresIn: number | null;
}

/** `GET /oauth/access_token?grant_type=fb_exchange_token`: a (new) ~60-day user token. Expired tokens cannot be exchanged. */
export async function exchangeForLongLived(context: ConnectorContext, http: PlatformHttp, userToken: string): Promise<LongLivedToken> {
  const response = await retryUnavailable(() =>
    http.request({
      url: context.tokenUrl,
      query: {
        grant_type: 'fb_exchange_token',
        client_id: context.clientId,
        client_secret: context.clientSecret,
        fb_exchange_token: userToken,
      },
    }).then((answer) => {
      if (answer.status >= 500) throw graphErrorFrom(answer.status, answer.body);
      return answer;
    }),
  );
  if (response.status !== 200) throw graphErrorFrom(response.status, response.body);
  const body = response.body;
  if (!isRecord(body) || typeof body.access_token !== 'string') throw badResponse('Facebook token exchange answered without access_token');
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in);
  return { accessToken: body.access_token, expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : null };
}
