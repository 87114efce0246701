import { SimulatorFault, type SimulatorControl } from '../simulator/simulator-control';
import type { SimulatedGrant, SimulatorTokens } from '../simulator/simulator-tokens';
import { graphError, type GraphReply } from './simulator-format';
import type { FacebookPageData, FacebookWorld } from './simulator-data';
import { routeGraphCall } from './simulator-resources';

export const GRAPH_VERSION = 'v25.0';

/** Minutes a throttled Page answers in `estimated_time_to_regain_access` (the RATE_LIMIT fault and real throttling). */
const THROTTLE_REGAIN_MINUTES = 5;
/** Simulated budgets: Platform limit for the app per rolling hour, Pages BUC per rolling day (platforms.md §1.4). */
const APP_CALLS_PER_HOUR = 200 * 1000;
const PAGE_CALLS_PER_DAY = 4800 * 10;

/** Switches only the Facebook simulator has (tests and the sandbox flip them on `FacebookSimulator.settings`). */
export interface FacebookSimulatorSettings {
  /**
   * Batch time-outs: when an operation whose path contains `pathIncludes` comes up in a batch, the batch runs
   * out of time there. That operation and every later one in the batch are not run and answer `null`, as Meta
   * does for the operations it did not finish. Each rule applies to `times` batches.
   */
  batchTimeouts: Array<{ pathIncludes: string; times: number }>;
}

export function defaultFacebookSettings(): FacebookSimulatorSettings {
  return { batchTimeouts: [] };
}

export interface GraphState {
  world: FacebookWorld;
  control: SimulatorControl;
  tokens: SimulatorTokens;
  usage: GraphUsage;
  clientId: string;
  clientSecret: string;
  settings: FacebookSimulatorSettings;
}

/** One Graph API call, whether it came over HTTP or inside a batch. */
export interface GraphCall {
  method: string;
  /** Relative to `/v25.0/`, without a leading slash: `me/accounts`, `108241000000001/roles`. */
  path: string;
  /** Query and body parameters together. */
  params: Record<string, string>;
  /** The query as sent, repeated in paging links. */
  query: URLSearchParams;
  token: string | null;
  /** Absolute `…/v25.0` the caller reached, for `paging.next`. */
  linkBase: string;
}

export type Caller =
  | { kind: 'app' }
  | { kind: 'user'; grant: SimulatedGrant }
  | { kind: 'page'; grant: SimulatedGrant; pageId: string };

interface Window {
  start: number;
  count: number;
}

/** Counts calls like Meta's usage headers do: integer percentages of the app's and each Page's budget. */
export class GraphUsage {
  private app: Window = { start: 0, count: 0 };
  private readonly pages = new Map<string, Window>();

  record(now: number, pageId: string | null): void {
    this.app = this.bump(this.app, now, 3_600_000);
    if (pageId) this.pages.set(pageId, this.bump(this.pages.get(pageId), now, 86_400_000));
  }

  pagePercent(now: number, pageId: string): number {
    const window = this.pages.get(pageId);
    if (!window || now - window.start >= 86_400_000) return 0;
    return Math.min(100, Math.floor((window.count / PAGE_CALLS_PER_DAY) * 100));
  }

  /** `X-App-Usage`: the share of the control's app budget when one is set, else of the simulated hourly limit. */
  appHeader(now: number, appBudgetPercent: number | null = null): string {
    const hourly = now - this.app.start >= 3_600_000 ? 0 : Math.min(100, Math.floor((this.app.count / APP_CALLS_PER_HOUR) * 100));
    const count = appBudgetPercent ?? hourly;
    return JSON.stringify({ call_count: count, total_cputime: Math.floor(count / 2), total_time: Math.floor(count / 2) });
  }

  /** `X-Business-Use-Case-Usage`, keyed by the Page id (the object whose BUC budget the call used). */
  businessHeader(now: number, pageId: string, throttled = false): string {
    const percent = throttled ? 100 : this.pagePercent(now, pageId);
    return JSON.stringify({
      [pageId]: [
        {
          type: 'pages',
          call_count: percent,
          total_cputime: Math.floor(percent / 2),
          total_time: Math.floor(percent / 2),
          estimated_time_to_regain_access: percent >= 100 ? THROTTLE_REGAIN_MINUTES : 0,
        },
      ],
    });
  }

  private bump(window: Window | undefined, now: number, length: number): Window {
    if (!window || now - window.start >= length) return { start: now, count: 1 };
    return { start: window.start, count: window.count + 1 };
  }
}

/** The Page a call is about (node, its posts and comments), for BUC accounting and throttles. */
function pageOfCall(state: GraphState, segments: string[], token: string | null): FacebookPageData | undefined {
  const [first] = segments;
  if (!first) return undefined;
  if (first === 'me') {
    const check = state.tokens.checkAccess(token);
    return check.ok && check.grant.kind === 'page' && check.grant.subject ? state.world.page(check.grant.subject) : undefined;
  }
  return state.world.page(first) ?? state.world.postOwner(first)?.page ?? state.world.commentOwner(first)?.page;
}

function usageHeaders(state: GraphState, pageId: string | null, throttled = false): Record<string, string> {
  if (!state.control.usageHeaders) return {};
  const now = state.control.now();
  const headers: Record<string, string> = { 'x-app-usage': state.usage.appHeader(now, state.control.appUsagePercent()) };
  if (pageId) headers['x-business-use-case-usage'] = state.usage.businessHeader(now, pageId, throttled);
  return headers;
}

function faultReply(state: GraphState, fault: SimulatorFault, pageId: string | null): GraphReply {
  switch (fault) {
    case SimulatorFault.EXPIRED_TOKEN:
      return graphError(190, 'Error validating access token: Session has expired.', { subcode: 463 });
    case SimulatorFault.REVOKED_TOKEN:
      return revokedReply();
    case SimulatorFault.RATE_LIMIT:
      return throttleReply(state, pageId);
    default:
      return graphError(2, 'An unexpected error has occurred. Please retry your request later.', {
        status: 500,
        isTransient: true,
      });
  }
}

function revokedReply(): GraphReply {
  return graphError(
    190,
    'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
    { subcode: 460 },
  );
}

/** Meta throttles with HTTP 400 (our choice among the 400/403 seen): 80001 on a Page's BUC, 4 on the app. */
function throttleReply(state: GraphState, pageId: string | null): GraphReply {
  if (pageId) {
    return graphError(80001, 'There have been too many calls to this Page account. Wait a bit and try again.', {
      isTransient: true,
      headers: usageHeaders(state, pageId, true),
    });
  }
  return appThrottleReply(state.control.usageHeaders);
}

/** Code 4, the app's own limit: X-App-Usage at 100 (always for the app budget: at 100 % the header has appeared). */
function appThrottleReply(withHeader: boolean): GraphReply {
  const usage = JSON.stringify({ call_count: 100, total_cputime: 40, total_time: 40 });
  const headers: Record<string, string> = withHeader ? { 'x-app-usage': usage } : {};
  return graphError(4, '(#4) Application request limit reached', { isTransient: true, headers });
}

function authenticate(state: GraphState, token: string | null): { ok: true; caller: Caller } | { ok: false; reply: GraphReply } {
  if (token === `${state.clientId}|${state.clientSecret}`) return { ok: true, caller: { kind: 'app' } };
  const check = state.tokens.checkAccess(token);
  if (check.ok) {
    const { grant } = check;
    if (grant.kind === 'page' && grant.subject) return { ok: true, caller: { kind: 'page', grant, pageId: grant.subject } };
    return { ok: true, caller: { kind: 'user', grant } };
  }
  switch (check.reason) {
    case 'MISSING':
      return { ok: false, reply: graphError(104, 'An access token is required to request this resource.') };
    case 'EXPIRED':
      return { ok: false, reply: graphError(190, 'Error validating access token: Session has expired.', { subcode: 463 }) };
    case 'REVOKED':
      return { ok: false, reply: revokedReply() };
    default:
      return { ok: false, reply: graphError(190, 'Invalid OAuth access token - Cannot parse access token') };
  }
}

/**
 * Serves one Graph call: faults first (they stand for the platform's state), then the app budget (each batch
 * operation is one call, as Meta counts them; a call counts before its token is looked at), then usage and
 * throttling, then the token, then the resource. Usage headers ride on every answer unless the control turns
 * them off.
 */
export function handleGraphCall(state: GraphState, call: GraphCall): GraphReply {
  const segments = call.path.split('/').filter(Boolean);
  const isList = call.method === 'GET' && segments.length === 2;
  const page = pageOfCall(state, segments, call.token);
  const pageId = page?.id ?? null;
  const fault = state.control.takeFault(`/${GRAPH_VERSION}/${call.path}`, (candidate) => isList || candidate !== SimulatorFault.PARTIAL_PAGE);
  if (fault && fault !== SimulatorFault.PARTIAL_PAGE) return faultReply(state, fault, pageId);
  if (state.control.consumeAppBudget()?.exceeded) return appThrottleReply(true);
  const now = state.control.now();
  state.usage.record(now, pageId);
  if (pageId && state.usage.pagePercent(now, pageId) >= 100) return throttleReply(state, pageId);
  const authenticated = authenticate(state, call.token);
  const reply = authenticated.ok
    ? routeGraphCall(state, authenticated.caller, call, segments, fault === SimulatorFault.PARTIAL_PAGE)
    : authenticated.reply;
  return { ...reply, headers: { ...usageHeaders(state, pageId), ...reply.headers } };
}
