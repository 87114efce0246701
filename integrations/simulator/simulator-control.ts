/**
 * The switches a test or a sandbox user flips on one platform simulator. Faults are queued rules: the next
 * `times` matching API requests answer with the platform's own error for that fault.
 */
export enum SimulatorFault {
  /** The presented access token answers as expired (Meta 190/463, HTTP 401 elsewhere). */
  EXPIRED_TOKEN = 'EXPIRED_TOKEN',
  /** The presented token answers as revoked / invalid (consent withdrawn, password changed). */
  REVOKED_TOKEN = 'REVOKED_TOKEN',
  /** 429 or the platform's throttle code, with its rate-limit headers. */
  RATE_LIMIT = 'RATE_LIMIT',
  /** 500/503 with the platform's error body. */
  SERVER_ERROR = 'SERVER_ERROR',
  /** A list page comes back shorter than asked (or empty) but still points to a next page. */
  PARTIAL_PAGE = 'PARTIAL_PAGE',
}

export interface FaultRule {
  fault: SimulatorFault;
  /** How many matching requests it applies to. */
  remaining: number;
  /** Only requests whose path contains this. */
  pathIncludes?: string;
}

/** An app-wide budget: `calls` platform-counted calls per fixed window of `windowMs` (the sync's pacing target). */
export interface AppRateLimit {
  calls: number;
  windowMs: number;
}

/** Where the app stands in its current window, once the call that asked was counted (or refused). */
export interface AppBudget {
  limit: number;
  remaining: number;
  /** When the window ends, on the simulator clock (epoch ms). */
  resetAtMs: number;
  /** consume: the call that asked is refused (answer the platform's own throttle signal); peek: the next one would be. */
  exceeded: boolean;
}

/** What the consent screen does with the next authorize request. */
export type ConsentPlan =
  | { decision: 'SHOW_PAGE' }
  | { decision: 'APPROVE'; userId: string }
  | { decision: 'DENY' };

export class SimulatorControl {
  /** Share (0-1) of API requests that fail with the platform's 5xx answer at random. */
  serverErrorRate = 0;
  /** The randomness behind serverErrorRate (a test may make it repeatable). */
  random: () => number = Math.random;
  /** Added to every request (the bench uses 50 ms). */
  latencyMs = 0;
  /** Largest page the simulator serves whatever the client asks (forces multi-page reads). */
  pageSizeCap: number | null = null;
  /** Shifts the simulator's clock, to age tokens without waiting. */
  clockOffsetMs = 0;
  /** Overrides the access-token lifetime the token endpoint grants (seconds). */
  accessTokenTtlSeconds: number | null = null;
  /** Whether the consent screen auto-answers. */
  consent: ConsentPlan = { decision: 'SHOW_PAGE' };
  /** Whether Meta usage headers are sent (platforms.md §7: they appear only "once enough calls have been made"). */
  usageHeaders = true;
  /** API requests served (OAuth endpoints excluded), by "METHOD path". */
  readonly requests = new Map<string, number>();
  /** Calls the app budget refused since the last reset (the bench checks the sync stays under it). */
  appRateLimited = 0;
  private faults: FaultRule[] = [];
  private appLimit: AppRateLimit | null = null;
  private appWindow: { startMs: number; used: number } | null = null;

  /**
   * App-wide budget over every API call (OAuth endpoints excluded), null = none. The window is fixed: it starts
   * at the first counted call after the previous window ended. Setting it starts afresh.
   */
  get appRateLimit(): AppRateLimit | null {
    return this.appLimit;
  }

  set appRateLimit(limit: AppRateLimit | null) {
    this.appLimit = limit ? { calls: limit.calls, windowMs: limit.windowMs } : null;
    this.appWindow = null;
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  inject(fault: SimulatorFault, options: { times?: number; pathIncludes?: string } = {}): void {
    this.faults.push({ fault, remaining: options.times ?? 1, pathIncludes: options.pathIncludes });
  }

  /** Consumes and returns the first fault rule matching this request, if any. */
  takeFault(path: string, accepts: (fault: SimulatorFault) => boolean = () => true): SimulatorFault | null {
    // Background noise of a real platform: a share of all requests fail with a 5xx, independently of queued rules.
    if (this.serverErrorRate > 0 && accepts(SimulatorFault.SERVER_ERROR) && this.random() < this.serverErrorRate) return SimulatorFault.SERVER_ERROR;
    const rule = this.faults.find(
      (candidate) =>
        candidate.remaining > 0 &&
        accepts(candidate.fault) &&
        (!candidate.pathIncludes || path.includes(candidate.pathIncludes)),
    );
    if (!rule) return null;
    rule.remaining -= 1;
    this.faults = this.faults.filter((candidate) => candidate.remaining > 0);
    return rule.fault;
  }

  pendingFaults(): readonly FaultRule[] {
    return this.faults;
  }

  /**
   * Counts `units` against the app budget (YouTube charges its quota units, every other platform 1 per call);
   * null when no budget is set. A refused call uses no units, so the window's budget stays exactly `calls`.
   */
  consumeAppBudget(units = 1): AppBudget | null {
    const limit = this.appLimit;
    if (!limit) return null;
    const now = this.now();
    if (!this.appWindow || now >= this.appWindow.startMs + limit.windowMs) this.appWindow = { startMs: now, used: 0 };
    const exceeded = this.appWindow.used + units > limit.calls;
    if (exceeded) this.appRateLimited += 1;
    else this.appWindow.used += units;
    return {
      limit: limit.calls,
      remaining: Math.max(0, limit.calls - this.appWindow.used),
      resetAtMs: this.appWindow.startMs + limit.windowMs,
      exceeded,
    };
  }

  /** The current window without counting a call (a window that ended reads as a fresh one); null when no budget is set. */
  peekAppBudget(): AppBudget | null {
    const limit = this.appLimit;
    if (!limit) return null;
    const now = this.now();
    const window = this.appWindow && now < this.appWindow.startMs + limit.windowMs ? this.appWindow : { startMs: now, used: 0 };
    const remaining = Math.max(0, limit.calls - window.used);
    return { limit: limit.calls, remaining, resetAtMs: window.startMs + limit.windowMs, exceeded: remaining === 0 };
  }

  /** Integer percentage of the current window's budget used (Meta's X-App-Usage); null when no budget is set. */
  appUsagePercent(): number | null {
    const budget = this.peekAppBudget();
    return budget && Math.min(100, Math.floor(((budget.limit - budget.remaining) / budget.limit) * 100));
  }

  countRequest(method: string, path: string): void {
    const key = `${method} ${path}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
  }

  totalRequests(): number {
    let total = 0;
    for (const count of this.requests.values()) total += count;
    return total;
  }

  /** Back to defaults (not the data: fixtures stay as the test changed them). */
  reset(): void {
    this.latencyMs = 0;
    this.pageSizeCap = null;
    this.clockOffsetMs = 0;
    this.accessTokenTtlSeconds = null;
    this.consent = { decision: 'SHOW_PAGE' };
    this.usageHeaders = true;
    this.requests.clear();
    this.faults = [];
    this.appRateLimit = null;
    this.appRateLimited = 0;
    this.serverErrorRate = 0;
  }

  /** The page size to serve: what the client asked, within the platform's cap and the test's cap. */
  pageSize(requested: number | undefined, platformDefault: number, platformMax: number): number {
    const asked = requested && Number.isFinite(requested) && requested > 0 ? requested : platformDefault;
    const size = Math.min(asked, platformMax);
    return this.pageSizeCap ? Math.min(size, this.pageSizeCap) : size;
  }
}
