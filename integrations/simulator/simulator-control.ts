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

/** What the consent screen does with the next authorize request. */
export type ConsentPlan =
  | { decision: 'SHOW_PAGE' }
  | { decision: 'APPROVE'; userId: string }
  | { decision: 'DENY' };

export class SimulatorControl {
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
  private faults: FaultRule[] = [];

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  inject(fault: SimulatorFault, options: { times?: number; pathIncludes?: string } = {}): void {
    this.faults.push({ fault, remaining: options.times ?? 1, pathIncludes: options.pathIncludes });
  }

  /** Consumes and returns the first fault rule matching this request, if any. */
  takeFault(path: string, accepts: (fault: SimulatorFault) => boolean = () => true): SimulatorFault | null {
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
  }

  /** The page size to serve: what the client asked, within the platform's cap and the test's cap. */
  pageSize(requested: number | undefined, platformDefault: number, platformMax: number): number {
    const asked = requested && Number.isFinite(requested) && requested > 0 ? requested : platformDefault;
    const size = Math.min(asked, platformMax);
    return this.pageSizeCap ? Math.min(size, this.pageSizeCap) : size;
  }
}
