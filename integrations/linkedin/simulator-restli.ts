import type { Request, Response } from 'express';
import { SimulatorFault, type SimulatorControl } from '../simulator/simulator-control';

/**
 * Rest.li 2.0 as LinkedIn speaks it: error bodies, query values parsed structure-first (so URNs must arrive
 * URL-encoded), `List(...)` batch ids, `(key:value,...)` compound keys, start/count paging with total + links.
 */

export function sendRestliError(
  response: Response,
  status: number,
  message: string,
  options: { code?: string; serviceErrorCode?: number } = {},
): void {
  response
    .status(status)
    .set('x-restli-protocol-version', '2.0.0')
    .json({
      status,
      ...(options.serviceErrorCode !== undefined && { serviceErrorCode: options.serviceErrorCode }),
      ...(options.code !== undefined && { code: options.code }),
      message,
    });
}

/** Our choice for malformed Rest.li syntax (platforms.md leaves the exact code unconfirmed). */
export function sendIllegalArgument(response: Response, message: string): void {
  sendRestliError(response, 400, message, { code: 'ILLEGAL_ARGUMENT', serviceErrorCode: 100 });
}

export function sendNotFound(response: Response, message = 'Not Found'): void {
  sendRestliError(response, 404, message, { code: 'NOT_FOUND' });
}

function decode(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** Query parameters with their values still encoded as sent. */
export function rawQuery(request: Request): Map<string, string> {
  const query = new Map<string, string>();
  const url = request.originalUrl;
  const mark = url.indexOf('?');
  if (mark < 0) return query;
  for (const part of url.slice(mark + 1).split('&')) {
    if (!part) continue;
    const equals = part.indexOf('=');
    const name = decode(equals < 0 ? part : part.slice(0, equals));
    if (name !== null) query.set(name, equals < 0 ? '' : part.slice(equals + 1));
  }
  return query;
}

const RESERVED = /[(),':]/;

/** An encoded scalar: its decoded value, undefined when absent, null when reserved characters are unencoded. */
export function scalarParam(query: Map<string, string>, name: string): string | undefined | null {
  const raw = query.get(name);
  if (raw === undefined) return undefined;
  return RESERVED.test(raw) ? null : decode(raw);
}

/** `List(a,b,c)` with every item URL-encoded; null when malformed. */
export function listParam(raw: string | undefined): string[] | null {
  const match = raw === undefined ? null : /^List\((.*)\)$/.exec(raw);
  if (!match) return null;
  if (match[1] === '') return [];
  const items = match[1].split(',').map((item) => (RESERVED.test(item) ? null : decode(item)));
  return items.every((item): item is string => item !== null && item !== '') ? items : null;
}

/** `(name:value,name:value)` compound key (path segment, as sent); null when malformed. */
export function compoundKey(raw: string): Record<string, string> | null {
  const match = /^\((.*)\)$/.exec(raw);
  if (!match) return null;
  const key: Record<string, string> = {};
  for (const part of match[1].split(',')) {
    const colon = part.indexOf(':');
    if (colon <= 0) return null;
    const value = part.slice(colon + 1);
    const decoded = RESERVED.test(value) ? null : decode(value);
    if (decoded === null) return null;
    key[part.slice(0, colon)] = decoded;
  }
  return key;
}

/** Top-level names of a `fields=` projection (`a,b:(c,d),e` → a, b, e); null = no projection. */
export function projectedFields(request: Request): Set<string> | null {
  const raw = rawQuery(request).get('fields');
  if (raw === undefined) return null;
  const text = decode(raw) ?? '';
  const names = new Set<string>();
  let depth = 0;
  let current = '';
  for (const character of text) {
    if (character === '(') depth += 1;
    if (character === ')') depth -= 1;
    if (character === ',' && depth === 0) {
      names.add(current.split(/[:(]/)[0].trim());
      current = '';
    } else {
      current += character;
    }
  }
  names.add(current.split(/[:(]/)[0].trim());
  names.delete('');
  return names;
}

export function project(entity: Record<string, unknown>, fields: Set<string> | null): Record<string, unknown> {
  if (!fields) return entity;
  return Object.fromEntries(Object.entries(entity).filter(([name]) => fields.has(name)));
}

export interface PageLimits {
  defaultCount: number;
  maxCount: number;
}

/**
 * One start/count page of `items`, or null after answering 400 for bad paging parameters. A PARTIAL_PAGE
 * fault halves a page of two or more: `total` and the `next` link still say where the rest is, because
 * that is the only way a Rest.li client can tell a short page from the last one.
 */
export function servePage(
  request: Request,
  response: Response,
  control: SimulatorControl,
  items: readonly Record<string, unknown>[],
  limits: PageLimits,
): void {
  const query = rawQuery(request);
  const start = nonNegativeInteger(query.get('start'), 0);
  const requested = nonNegativeInteger(query.get('count'), limits.defaultCount);
  if (start === null || requested === null) return sendIllegalArgument(response, 'start and count must be non-negative integers');
  const size = control.pageSize(requested, limits.defaultCount, limits.maxCount);
  let elements = items.slice(start, start + size);
  if (elements.length >= 2 && control.takeFault(request.originalUrl, (fault) => fault === SimulatorFault.PARTIAL_PAGE)) {
    elements = elements.slice(0, Math.floor(elements.length / 2));
  }
  const fields = projectedFields(request);
  const links: Array<Record<string, string>> = [];
  const link = (rel: string, linkStart: number) => {
    query.set('start', String(linkStart));
    query.set('count', String(size));
    const search = [...query].map(([name, value]) => `${encodeURIComponent(name)}=${value}`).join('&');
    links.push({ type: 'application/json', rel, href: `${request.originalUrl.split('?')[0]}?${search}` });
  };
  if (start > 0) link('prev', Math.max(0, start - size));
  if (start + elements.length < items.length) link('next', start + elements.length);
  response.set('x-restli-protocol-version', '2.0.0').json({
    elements: elements.map((element) => project(element, fields)),
    paging: { start, count: size, total: items.length, links },
  });
}

function nonNegativeInteger(raw: string | undefined, fallback: number): number | null {
  if (raw === undefined) return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

/**
 * Rest.li BATCH_GET answer: results by key; per-key failures in `errors` (and their status in `statuses`),
 * so one bad id does not fail the others.
 */
export function batchResponse(
  response: Response,
  outcomes: Array<[string, { entity: Record<string, unknown> } | { status: number; code: string; message: string }]>,
): void {
  const results: Record<string, unknown> = {};
  const statuses: Record<string, number> = {};
  const errors: Record<string, unknown> = {};
  for (const [key, outcome] of outcomes) {
    if ('entity' in outcome) {
      results[key] = outcome.entity;
      statuses[key] = 200;
    } else {
      statuses[key] = outcome.status;
      errors[key] = { status: outcome.status, code: outcome.code, message: outcome.message };
    }
  }
  response.set('x-restli-protocol-version', '2.0.0').json({ results, statuses, errors });
}

/** A resource key in the path after `prefix`, which must be URL-encoded like a query value; null when not. */
export function pathKey(request: Request, prefix: string): string | null {
  const raw = request.path.slice(prefix.length).split('/')[0];
  return raw && !RESERVED.test(raw) ? decode(raw) : null;
}
