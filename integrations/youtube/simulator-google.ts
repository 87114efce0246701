import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { pacificDay } from './pacific-time';

/** Google's canonical status names for the HTTP codes the simulator answers with. */
const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export interface GoogleErrorDetail {
  reason: string;
  message: string;
  domain?: string;
  location?: string;
  locationType?: 'parameter' | 'header';
}

/** `{"error":{code,message,errors:[{message,domain,reason}],status}}`, as the YouTube Data API answers. */
export function sendGoogleError(response: Response, code: number, detail: GoogleErrorDetail): void {
  const error = {
    message: detail.message,
    domain: detail.domain ?? 'global',
    reason: detail.reason,
    ...(detail.location ? { location: detail.location, locationType: detail.locationType ?? 'parameter' } : {}),
  };
  response.status(code).json({ error: { code, message: detail.message, errors: [error], status: STATUS_NAMES[code] } });
}

export function sendAuthError(response: Response): void {
  response.setHeader('WWW-Authenticate', 'Bearer realm="https://accounts.google.com/", error="invalid_token"');
  sendGoogleError(response, 401, {
    reason: 'authError',
    message:
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
    location: 'Authorization',
    locationType: 'header',
  });
}

export function sendQuotaExceeded(response: Response): void {
  sendGoogleError(response, 403, {
    reason: 'quotaExceeded',
    domain: 'youtube.quota',
    message: 'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
  });
}

/**
 * Google's short-term rate answer (per-project queries per minute): 403 as the YouTube Data API documents it,
 * 429 as newer Google APIs answer it; the same body either way, no rate-limit headers, no Retry-After.
 */
export function sendRateLimitExceeded(response: Response, status: 403 | 429): void {
  sendGoogleError(response, status, { reason: 'rateLimitExceeded', domain: 'usageLimits', message: 'Rate Limit Exceeded' });
}

export function sendMissingParameter(response: Response, name: string): void {
  sendGoogleError(response, 400, { reason: 'required', message: `Required parameter: ${name}`, location: name });
}

export function sendInvalidValue(response: Response, name: string, value: string): void {
  sendGoogleError(response, 400, {
    reason: 'invalidValue',
    domain: 'youtube.parameter',
    message: `Invalid value '${value}' for parameter ${name}.`,
    location: name,
  });
}

/** A query parameter as one string (Express parses repeated or bracketed ones into arrays and objects). */
export function queryValue(request: Request, name: string): string | undefined {
  const value: unknown = request.query[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Reads `part=` against the resource's parts; answers 400 and returns null when it is missing or names an
 * unknown part. `id` is always returned, like Google does.
 */
export function requestedParts(request: Request, response: Response, known: readonly string[]): Set<string> | null {
  const raw = queryValue(request, 'part');
  if (!raw) {
    sendMissingParameter(response, 'part');
    return null;
  }
  const parts = raw.split(',').map((part) => part.trim()).filter(Boolean);
  const unknown = parts.find((part) => !known.includes(part));
  if (unknown !== undefined || parts.length === 0) {
    const message = `'${unknown ?? raw}'`;
    sendGoogleError(response, 400, { reason: 'unknownPart', domain: 'youtube.part', message, location: 'part' });
    return null;
  }
  return new Set(parts);
}

/** A resource with only the asked-for parts, plus kind, etag and id. */
export function withParts(kind: string, id: string, parts: Set<string>, all: Record<string, unknown>): Record<string, unknown> {
  const selected: Record<string, unknown> = {};
  for (const [part, value] of Object.entries(all)) if (parts.has(part) && value !== undefined) selected[part] = value;
  return { kind, etag: etagOf({ id, ...selected }), id, ...selected };
}

export function etagOf(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('base64url').slice(0, 27);
}

/**
 * `fields=` partial responses, top level only: `items(id,snippet/title),nextPageToken` keeps `items` and
 * `nextPageToken` whole. Good enough for a client that only trims what it does not read.
 */
export function sendSelected(request: Request, response: Response, body: Record<string, unknown>): void {
  const fields = queryValue(request, 'fields');
  if (!fields) return void response.json(body);
  const names = new Set<string>();
  let depth = 0;
  let current = '';
  for (const character of fields + ',') {
    if (character === '(') depth += 1;
    if (character === ')') depth -= 1;
    if (character === ',' && depth === 0) {
      names.add(current.trim().split(/[(/]/)[0]);
      current = '';
    } else current += character;
  }
  response.json(Object.fromEntries(Object.entries(body).filter(([name]) => names.has(name))));
}

// Page tokens are opaque to clients; this one carries the offset and a nonce, so a shortened (PARTIAL_PAGE)
// page never hands back the same token twice.
export function encodePageToken(offset: number): string {
  return `EAA${Buffer.from(`${offset}:${randomBytes(3).toString('hex')}`).toString('base64url')}`;
}

export function decodePageToken(token: string): number | null {
  if (!token.startsWith('EAA')) return null;
  const match = /^(\d+):[0-9a-f]{6}$/.exec(Buffer.from(token.slice(3), 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}

/** The project's daily quota, in units, reset at midnight Pacific time like Google's. */
export class YouTubeQuota {
  used = 0;
  private day = '';

  constructor(public dailyLimit: number | null) {}

  /** Charges a request; false when it would go over the day's budget (the request is still refused). */
  charge(units: number, now: number): boolean {
    const today = pacificDay(new Date(now));
    if (today !== this.day) {
      this.day = today;
      this.used = 0;
    }
    if (this.dailyLimit !== null && this.used + units > this.dailyLimit) return false;
    this.used += units;
    return true;
  }

  reset(): void {
    this.used = 0;
  }
}
