import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { SimulatorFault, type SimulatorControl } from '../simulator/simulator-control';
import { bearerToken, type SimulatorTokens } from '../simulator/simulator-tokens';
import type { StoredTweet, StoredUser, XStore } from './simulator-data';
import {
  forbidden, invalidId, invalidRequest, PROBLEM_TYPE, QueryReader, resourceProblem, sendProblem, sendTooManyRequests,
  SERVICE_UNAVAILABLE, setRateLimitHeaders, UNAUTHORIZED, validId, type EndpointSpec, type RateLimitWindows,
} from './simulator-http';
import type { TokenFamilies } from './simulator-oauth';
import { PageTokens, servePage, type Cut } from './simulator-paging';
import { renderTweet, renderUser, TWEET_FIELDS, USER_FIELDS } from './simulator-render';
import { registerXWriteRoutes } from './simulator-writes';

/** Switches only the X simulator has (tests and the sandbox flip them on `XSimulator.settings`). */
export interface XSimulatorSettings {
  /** 429 body: the v2 Problem, the legacy `{"errors":[{"code":88}]}`, or each in turn (platforms.md §7). */
  rateLimitBody: 'PROBLEM' | 'LEGACY' | 'ALTERNATE';
  /** When set, every API request answers 429 usage-capped (the project's monthly post cap). */
  usageCap: { period: 'Daily' | 'Monthly'; scope: 'Account' | 'Product' } | null;
  /** Answer 429 once a user's 15-minute window for an endpoint is used up, as X does. */
  enforceRateLimits: boolean;
  /** When set, every API request answers 403 client-forbidden (the app is not attached to a Project / enrolled). */
  clientForbidden: boolean;
}

export function defaultXSettings(): XSimulatorSettings {
  return { rateLimitBody: 'ALTERNATE', usageCap: null, enforceRateLimits: true, clientForbidden: false };
}

export interface ApiDependencies {
  control: SimulatorControl;
  tokens: SimulatorTokens;
  families: TokenFamilies;
  store: XStore;
  limits: RateLimitWindows;
  settings: XSimulatorSettings;
}

export interface Caller {
  userId: string;
  partialPage: boolean;
}

export type GuardedHandler = (request: Request, response: Response, caller: Caller) => void;
export type Guard = (endpoint: EndpointSpec, handler: GuardedHandler) => RequestHandler;

/** Per-user 15-minute limits from X's rate-limit table; PUT /2/users/me is not in it ([U]: we use 50). */
const ENDPOINTS = {
  me: { key: 'GET /2/users/me', limit: 75, scopes: ['tweet.read', 'users.read'], list: false },
  lookup: { key: 'GET /2/users', limit: 900, scopes: ['tweet.read', 'users.read'], list: false },
  user: { key: 'GET /2/users/:id', limit: 900, scopes: ['tweet.read', 'users.read'], list: false },
  tweets: { key: 'GET /2/users/:id/tweets', limit: 900, scopes: ['tweet.read', 'users.read'], list: true },
  following: { key: 'GET /2/users/:id/following', limit: 15, scopes: ['tweet.read', 'users.read', 'follows.read'], list: true },
} satisfies Record<string, EndpointSpec>;

const USER_QUERY = ['user.fields', 'expansions', 'tweet.fields'];

export function createXApiRouter(dependencies: ApiDependencies): Router {
  const { control, tokens, families, store, limits, settings } = dependencies;
  const router = express.Router();
  const pageTokens = new PageTokens();
  let legacyNext = false;

  const nextRateLimitBody = (): 'PROBLEM' | 'LEGACY' => {
    if (settings.rateLimitBody !== 'ALTERNATE') return settings.rateLimitBody;
    legacyNext = !legacyNext;
    return legacyNext ? 'PROBLEM' : 'LEGACY';
  };

  /** Token, faults, app budget, scopes and rate limits, in the order X applies them; rate-limit headers on every answer. */
  const guard: Guard = (endpoint, handler) => (request, response) => {
    const token = bearerToken(request.header('authorization'));
    const check = tokens.checkAccess(token);
    const caller = check.ok && token !== null && !families.isRevoked(token) ? check.grant : null;
    const window = limits.consume(caller?.userId ?? 'anonymous', endpoint);
    setRateLimitHeaders(response, window);
    const fault = control.takeFault(request.path, (candidate) => endpoint.list || candidate !== SimulatorFault.PARTIAL_PAGE);
    switch (fault) {
      case SimulatorFault.EXPIRED_TOKEN:
        return sendProblem(response, 401, UNAUTHORIZED);
      case SimulatorFault.REVOKED_TOKEN:
        // A revoked token stays revoked: its refresh token dies with it (the consent is gone).
        if (token) families.revokeFamilyOf(token);
        return sendProblem(response, 401, UNAUTHORIZED);
      case SimulatorFault.RATE_LIMIT:
        setRateLimitHeaders(response, window, 0);
        return sendTooManyRequests(response, nextRateLimitBody());
      case SimulatorFault.SERVER_ERROR:
        return sendProblem(response, 503, SERVICE_UNAVAILABLE);
      default:
        break;
    }
    // The app budget counts every call, before its token is looked at; its headers win when it is the tighter.
    const app = control.consumeAppBudget();
    if (app) {
      const appWindow = { limit: app.limit, remaining: app.remaining, reset: Math.ceil(app.resetAtMs / 1000), exceeded: app.exceeded };
      if (app.exceeded) {
        setRateLimitHeaders(response, appWindow, 0);
        return sendTooManyRequests(response, nextRateLimitBody());
      }
      if (app.remaining < window.remaining) setRateLimitHeaders(response, appWindow);
    }
    if (!caller) return sendProblem(response, 401, UNAUTHORIZED);
    // Tokens minted for tests carry no scopes; treat them as fully granted.
    if (caller.scopes.length > 0 && endpoint.scopes.some((scope) => !caller.scopes.includes(scope))) {
      return sendProblem(response, 403, forbidden());
    }
    if (settings.clientForbidden) {
      return sendProblem(response, 403, {
        client_id: 'simulator-app',
        title: 'Client Forbidden',
        detail:
          'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.',
        registration_url: 'https://developer.twitter.com/en/docs/projects/overview',
        required_enrollment: 'Appropriate Level of API Access',
        reason: 'client-not-enrolled',
        type: `${PROBLEM_TYPE}client-forbidden`,
      });
    }
    if (settings.usageCap) {
      const { period, scope } = settings.usageCap;
      return sendProblem(response, 429, {
        title: 'UsageCapExceeded',
        detail: `Usage cap exceeded: ${period} ${scope.toLowerCase()} cap`,
        type: `${PROBLEM_TYPE}usage-capped`,
        period,
        scope,
      });
    }
    if (settings.enforceRateLimits && window.exceeded) return sendTooManyRequests(response, nextRateLimitBody());
    handler(request, response, { userId: caller.userId, partialPage: fault === SimulatorFault.PARTIAL_PAGE });
  };

  const userProblem = (id: string, parameter: string, viewerId: string | null) => {
    const user = store.users.get(id);
    if (!user) return { user: null, problem: resourceProblem('NOT_FOUND', { type: 'user', parameter, id }) };
    if (user.suspended) return { user: null, problem: resourceProblem('SUSPENDED', { type: 'user', parameter, id }) };
    if (viewerId !== null && !canSeeContent(viewerId, user)) {
      return { user: null, problem: resourceProblem('NOT_AUTHORIZED', { type: 'user', parameter, id }) };
    }
    return { user, problem: null };
  };

  /** Protected accounts show their posts and lists only to themselves and their followers. */
  const canSeeContent = (viewerId: string, user: StoredUser) =>
    !user.protected || viewerId === user.id || (store.users.get(viewerId)?.following.includes(user.id) ?? false);

  router.get('/2/users/me', guard(ENDPOINTS.me, (request, response, caller) => {
    const query = new QueryReader(request, USER_QUERY);
    const fields = query.fields('user.fields', USER_FIELDS);
    query.fields('tweet.fields', TWEET_FIELDS);
    if (query.rejectIfInvalid(response)) return;
    response.json({ data: renderUser(store.users.get(caller.userId)!, fields, store) });
  }));

  router.get('/2/users', guard(ENDPOINTS.lookup, (request, response) => {
    const query = new QueryReader(request, ['ids', ...USER_QUERY]);
    const fields = query.fields('user.fields', USER_FIELDS);
    query.fields('tweet.fields', TWEET_FIELDS);
    const ids = (query.string('ids') ?? '').split(',').filter(Boolean);
    if (ids.length === 0) query.errors.push({ parameters: { ids: [] }, message: 'The `ids` query parameter can not be empty' });
    if (ids.length > 100) {
      query.errors.push({ parameters: { ids: [query.string('ids') ?? ''] }, message: `The number of values in the \`ids\` query parameter list [${ids.length}] is not between 1 and 100` });
    }
    for (const id of ids.filter((candidate) => !validId(candidate))) {
      query.errors.push({ parameters: { ids: [id] }, message: `The \`ids\` query parameter value [${id}] does not match ^[0-9]{1,19}$` });
    }
    if (query.rejectIfInvalid(response)) return;
    const data: Array<Record<string, unknown>> = [];
    const errors: Array<Record<string, unknown>> = [];
    for (const id of new Set(ids)) {
      const found = userProblem(id, 'ids', null);
      if (found.user) data.push(renderUser(found.user, fields, store));
      else errors.push(found.problem);
    }
    response.json({ ...(data.length > 0 ? { data } : {}), ...(errors.length > 0 ? { errors } : {}) });
  }));

  router.get('/2/users/:id', guard(ENDPOINTS.user, (request, response) => {
    const id = String(request.params.id);
    const query = new QueryReader(request, USER_QUERY);
    const fields = query.fields('user.fields', USER_FIELDS);
    if (!validId(id)) return sendProblem(response, 400, invalidId('id', id));
    if (query.rejectIfInvalid(response)) return;
    const found = userProblem(id, 'id', null);
    response.json(found.user ? { data: renderUser(found.user, fields, store) } : { errors: [found.problem] });
  }));

  router.get('/2/users/:id/tweets', guard(ENDPOINTS.tweets, (request, response, caller) => {
    const id = String(request.params.id);
    const query = new QueryReader(request, [
      'max_results', 'pagination_token', 'tweet.fields', 'exclude', 'since_id', 'until_id', 'start_time', 'end_time',
    ]);
    const fields = query.fields('tweet.fields', TWEET_FIELDS);
    const exclude = query.fields('exclude', ['replies', 'retweets']);
    const maxResults = query.integer('max_results', 5, 100);
    for (const name of ['since_id', 'until_id']) {
      const value = query.string(name);
      if (value !== undefined && !validId(value)) query.errors.push(invalidIdError(name, value));
    }
    for (const name of ['start_time', 'end_time']) {
      const value = query.string(name);
      if (value !== undefined && Number.isNaN(Date.parse(value))) {
        query.errors.push({ parameters: { [name]: [value] }, message: `Invalid '${name}':'${value}'. '${name}' must be a valid RFC3339 date.` });
      }
    }
    if (!validId(id)) return sendProblem(response, 400, invalidId('id', id));
    if (query.rejectIfInvalid(response)) return;
    const found = userProblem(id, 'id', caller.userId);
    if (!found.user) return void response.json({ errors: [found.problem] });
    const sinceId = query.string('since_id');
    const untilId = query.string('until_id');
    const startTime = query.string('start_time');
    const endTime = query.string('end_time');
    const timeline = store.timeline(id).filter(
      (tweet) =>
        !(exclude.has('replies') && tweet.inReplyToTweetId) &&
        (sinceId === undefined || BigInt(tweet.id) > BigInt(sinceId)) &&
        (untilId === undefined || BigInt(tweet.id) < BigInt(untilId)) &&
        (startTime === undefined || Date.parse(tweet.createdAt) >= Date.parse(startTime)) &&
        (endTime === undefined || Date.parse(tweet.createdAt) <= Date.parse(endTime)),
    );
    const page = servePage(pageTokens, timeline, {
      list: `tweets:${id}`,
      size: control.pageSize(maxResults, 10, 100),
      token: query.string('pagination_token'),
      partial: caller.partialPage,
      cutAt: tweetCut,
    });
    if (!page.ok) return sendProblem(response, 400, invalidPaginationToken(query.string('pagination_token') ?? ''));
    const meta: Record<string, unknown> = { result_count: page.items.length };
    if (page.items.length > 0) {
      meta.newest_id = page.items[0].id;
      meta.oldest_id = page.items[page.items.length - 1].id;
    }
    if (page.nextToken) meta.next_token = page.nextToken;
    if (page.previousToken) meta.previous_token = page.previousToken;
    const data = page.items.map((tweet) => renderTweet(tweet, fields, store));
    response.json({ ...(data.length > 0 ? { data } : {}), meta });
  }));

  router.get('/2/users/:id/following', guard(ENDPOINTS.following, (request, response, caller) => {
    const id = String(request.params.id);
    const query = new QueryReader(request, ['max_results', 'pagination_token', ...USER_QUERY]);
    const fields = query.fields('user.fields', USER_FIELDS);
    query.fields('tweet.fields', TWEET_FIELDS);
    const maxResults = query.integer('max_results', 1, 1000);
    if (!validId(id)) return sendProblem(response, 400, invalidId('id', id));
    if (query.rejectIfInvalid(response)) return;
    const found = userProblem(id, 'id', caller.userId);
    if (!found.user) return void response.json({ errors: [found.problem] });
    const followed = found.user.following
      .map((followedId) => store.users.get(followedId))
      .filter((user): user is StoredUser => user !== undefined && !user.suspended);
    const page = servePage(pageTokens, followed, {
      list: `following:${id}`,
      size: control.pageSize(maxResults, 100, 1000),
      token: query.string('pagination_token'),
      partial: caller.partialPage,
      cutAt: (index) => () => index,
    });
    if (!page.ok) return sendProblem(response, 400, invalidPaginationToken(query.string('pagination_token') ?? ''));
    const meta: Record<string, unknown> = { result_count: page.items.length };
    if (page.nextToken) meta.next_token = page.nextToken;
    if (page.previousToken) meta.previous_token = page.previousToken;
    const data = page.items.map((user) => renderUser(user, fields, store));
    response.json({ ...(data.length > 0 ? { data } : {}), meta });
  }));

  registerXWriteRoutes(router, guard, store);

  // Unreadable JSON bodies answer like any other invalid request.
  router.use((error: unknown, _request: Request, response: Response, next: NextFunction) => {
    if (error instanceof SyntaxError || (error instanceof Error && 'status' in error && error.status === 400)) {
      return sendProblem(response, 400, invalidRequest([{ parameters: {}, message: 'Request body is not valid JSON.' }]));
    }
    next(error);
  });

  return router;
}

/** A timeline page resumes after the last post it served, wherever that post now sits. */
function tweetCut(index: number, items: readonly StoredTweet[]): Cut<StoredTweet> {
  if (index === 0) return () => 0;
  const boundary = items[index - 1];
  return (current) =>
    current.filter((tweet) => tweet.createdAt > boundary.createdAt || (tweet.createdAt === boundary.createdAt && BigInt(tweet.id) >= BigInt(boundary.id))).length;
}

function invalidIdError(name: string, value: string) {
  return { parameters: { [name]: [value] }, message: `The \`${name}\` query parameter value [${value}] does not match ^[0-9]{1,19}$` };
}

function invalidPaginationToken(value: string) {
  return invalidRequest([{ parameters: { pagination_token: [value] }, message: `The \`pagination_token\` query parameter value [${value}] is not valid` }]);
}
