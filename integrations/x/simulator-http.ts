import type { Request, Response } from 'express';
import type { SimulatorControl } from '../simulator/simulator-control';

/** Problem `type` URIs X uses (platforms.md §3.4). */
export const PROBLEM_TYPE = 'https://api.twitter.com/2/problems/';

export type Problem = Record<string, unknown> & { title: string; type: string };

export function sendProblem(response: Response, status: number, problem: Problem): void {
  response.status(status).type('application/problem+json').json(problem);
}

/** X answers every bad, expired or revoked token with the same generic 401 (platforms.md §3.4). */
export const UNAUTHORIZED: Problem = { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' };
export const SERVICE_UNAVAILABLE: Problem = { title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status: 503 };

export function forbidden(detail = 'Forbidden'): Problem {
  return { title: 'Forbidden', type: 'about:blank', status: 403, detail };
}

export interface ParameterError {
  parameters: Record<string, string[]>;
  message: string;
}

export function invalidRequest(errors: ParameterError[]): Problem {
  return {
    errors,
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: `${PROBLEM_TYPE}invalid-request`,
  };
}

/** The per-id error of lookups and of 200 answers about a missing, suspended or hidden user or post. */
export function resourceProblem(
  kind: 'NOT_FOUND' | 'SUSPENDED' | 'NOT_AUTHORIZED',
  resource: { type: 'user' | 'tweet'; parameter: string; id: string },
): Problem {
  const common = { value: resource.id, resource_type: resource.type, parameter: resource.parameter, resource_id: resource.id };
  if (kind === 'SUSPENDED') {
    return { ...common, detail: `User has been suspended: [${resource.id}].`, title: 'Forbidden', type: `${PROBLEM_TYPE}resource-not-found` };
  }
  if (kind === 'NOT_AUTHORIZED') {
    return {
      ...common,
      detail: `Sorry, you are not authorized to see the ${resource.type} with ${resource.parameter}: [${resource.id}].`,
      title: 'Authorization Error',
      type: `${PROBLEM_TYPE}not-authorized-for-resource`,
    };
  }
  const noun = resource.type === 'user' ? 'user' : 'Post';
  return {
    ...common,
    detail: `Could not find ${noun} with ${resource.parameter}: [${resource.id}].`,
    title: 'Not Found Error',
    type: `${PROBLEM_TYPE}resource-not-found`,
  };
}

/** One X endpoint as the rate limiter and the scope check see it. */
export interface EndpointSpec {
  key: string;
  /** Requests per 15-minute window per user (X's documented user-context limits). */
  limit: number;
  scopes: string[];
  /** Paged list endpoints are the only ones a PARTIAL_PAGE fault applies to. */
  list: boolean;
}

export interface RateWindow {
  limit: number;
  remaining: number;
  /** Epoch seconds, as x-rate-limit-reset. */
  reset: number;
  exceeded: boolean;
}

const WINDOW_MS = 15 * 60_000;

/** Fixed 15-minute windows per (user, endpoint) on the simulator clock (platforms.md §3.4). */
export class RateLimitWindows {
  private readonly windows = new Map<string, { endsAt: number; used: number }>();

  constructor(private readonly control: SimulatorControl) {}

  consume(subject: string, endpoint: EndpointSpec): RateWindow {
    const now = this.control.now();
    const key = `${subject} ${endpoint.key}`;
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { endsAt: now + WINDOW_MS, used: 0 };
      this.windows.set(key, window);
    }
    window.used += 1;
    return {
      limit: endpoint.limit,
      remaining: Math.max(0, endpoint.limit - window.used),
      reset: Math.ceil(window.endsAt / 1000),
      exceeded: window.used > endpoint.limit,
    };
  }

  reset(): void {
    this.windows.clear();
  }
}

export function setRateLimitHeaders(response: Response, window: RateWindow, remaining = window.remaining): void {
  response.setHeader('x-rate-limit-limit', String(window.limit));
  response.setHeader('x-rate-limit-remaining', String(remaining));
  response.setHeader('x-rate-limit-reset', String(window.reset));
}

/** platforms.md §7: v2 answers 429 with a Problem, the docs' example uses the legacy v1.1 body; X sends both. */
export function sendTooManyRequests(response: Response, body: 'PROBLEM' | 'LEGACY'): void {
  if (body === 'LEGACY') {
    response.status(429).json({ errors: [{ code: 88, message: 'Rate limit exceeded' }] });
    return;
  }
  sendProblem(response, 429, { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 });
}

/**
 * Reads a request's query the way X validates it: only the endpoint's parameters, each once, and the
 * listed `*.fields` values. Collects every problem into one invalid-request answer.
 */
export class QueryReader {
  readonly errors: ParameterError[] = [];
  private readonly values = new Map<string, string>();

  constructor(request: Request, allowed: readonly string[]) {
    for (const [name, value] of Object.entries(request.query)) {
      if (!allowed.includes(name)) {
        this.errors.push({ parameters: { [name]: [String(value)] }, message: `The query parameter [${name}] is not one of [${allowed.join(',')}]` });
      } else if (typeof value !== 'string') {
        this.errors.push({ parameters: { [name]: [String(value)] }, message: `Duplicate parameters are not allowed: [${name}]` });
      } else {
        this.values.set(name, value);
      }
    }
  }

  string(name: string): string | undefined {
    return this.values.get(name);
  }

  fields(name: string, allowed: readonly string[]): Set<string> {
    const raw = this.values.get(name);
    if (raw === undefined) return new Set();
    const names = raw.split(',').filter(Boolean);
    for (const field of names) {
      if (!allowed.includes(field)) {
        this.errors.push({ parameters: { [name]: [field] }, message: `The \`${name}\` query parameter value [${field}] is not one of [${allowed.join(',')}]` });
      }
    }
    return new Set(names);
  }

  integer(name: string, minimum: number, maximum: number): number | undefined {
    const raw = this.values.get(name);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!/^[0-9]+$/.test(raw) || value < minimum || value > maximum) {
      this.errors.push({ parameters: { [name]: [raw] }, message: `The \`${name}\` query parameter value [${raw}] is not between ${minimum} and ${maximum}` });
      return undefined;
    }
    return value;
  }

  /** Answers 400 when anything was wrong; returns whether it did. */
  rejectIfInvalid(response: Response): boolean {
    if (this.errors.length === 0) return false;
    sendProblem(response, 400, invalidRequest(this.errors));
    return true;
  }
}

export function validId(value: string): boolean {
  return /^[0-9]{1,19}$/.test(value);
}

export function invalidId(name: string, value: string): Problem {
  return invalidRequest([{ parameters: { [name]: [value] }, message: `The \`${name}\` query parameter value [${value}] does not match ^[0-9]{1,19}$` }]);
}
