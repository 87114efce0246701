import type { Platform } from '../../src/accounts/account.enums';
import { PlatformError, PlatformErrorKind } from '../platform-error';

/** Counts the calls of one fetch and remembers the newest rate-limit signal the platform sent. */
export class CallMeter {
  calls = 0;
  /** Highest usage the platform reported, 0-100 (Meta usage headers, X remaining/limit). */
  usagePercent: number | null = null;
  /** When the platform said the window resets. */
  resetAt: Date | null = null;

  observeUsage(percent: number, resetAt: Date | null = null): void {
    if (!Number.isFinite(percent)) return;
    this.usagePercent = Math.max(this.usagePercent ?? 0, Math.min(100, percent));
    if (resetAt) this.resetAt = resetAt;
  }
}

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** Absolute URL. */
  url: string;
  query?: Record<string, string | number | boolean | undefined | null>;
  headers?: Record<string, string>;
  /** A JSON body (serialised here) or form fields (URL-encoded here). */
  json?: unknown;
  form?: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the raw text when the body is not JSON, or null when empty. */
  body: unknown;
}

export interface PlatformHttpOptions {
  platform: Platform;
  /** Per-call timeout. */
  timeoutMs?: number;
  meter?: CallMeter;
}

/**
 * The one place connectors touch the network. It times out, counts every call on the meter, and turns
 * network failures into UNAVAILABLE. It does not interpret status codes: each platform's client does,
 * because every platform says "expired" or "slow down" differently.
 */
export class PlatformHttp {
  readonly platform: Platform;
  readonly meter: CallMeter;
  private readonly timeoutMs: number;

  constructor(options: PlatformHttpOptions) {
    this.platform = options.platform;
    this.meter = options.meter ?? new CallMeter();
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** The same platform and timeout, counting on another meter (one meter per fetched account). */
  withMeter(meter: CallMeter): PlatformHttp {
    return new PlatformHttp({ platform: this.platform, timeoutMs: this.timeoutMs, meter });
  }

  async request(request: HttpRequest): Promise<HttpResponse> {
    const url = new URL(request.url);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    let body: string | undefined;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(request.form).toString();
    }
    this.meter.calls += 1;
    let response: Response;
    try {
      response = await fetch(url, {
        method: request.method ?? 'GET',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new PlatformError({
        kind: PlatformErrorKind.UNAVAILABLE,
        platform: this.platform,
        message: timedOut ? `no answer within ${this.timeoutMs} ms` : 'could not reach the platform',
      });
    }
    const text = await response.text();
    let parsed: unknown = null;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }
}

/** Seconds from a Retry-After header (seconds or HTTP date), or null. */
export function retryAfterSeconds(headers: Headers, now: Date = new Date()): number | null {
  const value = headers.get('retry-after');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * Runs a read again when the platform was briefly unavailable (5xx, timeout). Rate limits are not retried
 * here: the caller decides when to come back (the sync reschedules; checkAccount reports it).
 */
export async function retryUnavailable<T>(operation: () => Promise<T>, attempts = 3, baseDelayMs = 100): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      const unavailable = error instanceof PlatformError && error.kind === PlatformErrorKind.UNAVAILABLE;
      if (!unavailable || attempt >= attempts) throw error;
      await pause(baseDelayMs * 2 ** (attempt - 1));
    }
  }
}
