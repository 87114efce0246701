import type { Request, Response } from 'express';
import type { SimulatorControl } from '../simulator/simulator-control';
import { SimulatorFault } from '../simulator/simulator-control';
import { bearerToken, type SimulatedGrant, type SimulatorTokens } from '../simulator/simulator-tokens';
import type { GraphNode, InstagramStore, SimulatedAccount } from './simulator-data';
import { FieldSyntaxError, formatFields, parseFields, type FieldRequest } from './simulator-fields';
import { appUsageHeader, GRAPH_ERRORS, sendFault, sendGraphError, usageHeader, type GraphErrorSpec } from './simulator-responses';

export const MANAGE_COMMENTS_SCOPE = 'instagram_business_manage_comments';
export const BASIC_SCOPE = 'instagram_business_basic';
/** Calls one account may make per hour before 80002 (the real BUC budget scales with impressions). */
const HOURLY_CALL_BUDGET = 1000;
const EDGE_PAGE_SIZES: Record<string, { default: number; max: number }> = {
  media: { default: 25, max: 100 },
  comments: { default: 25, max: 50 },
  replies: { default: 25, max: 50 },
};

/** Thrown while rendering; answered as the Graph error it carries. */
export class GraphRequestError extends Error {
  constructor(readonly spec: GraphErrorSpec) {
    super(spec.message);
  }
}

export interface GraphDependencies {
  store: InstagramStore;
  control: SimulatorControl;
  tokens: SimulatorTokens;
}

export interface Caller {
  grant: SimulatedGrant;
  account: SimulatedAccount;
}

/** Every Graph parameter, from the query string or a form/JSON body (Meta accepts both on POST). */
export function graphParameter(request: Request, name: string): string | undefined {
  const body = request.body as Record<string, unknown> | undefined;
  const value = request.query[name] ?? body?.[name];
  return typeof value === 'string' ? value : typeof value === 'boolean' ? String(value) : undefined;
}

/** `Authorization: Bearer|OAuth <token>` or an `access_token` parameter, as Graph accepts them. */
function presentedToken(request: Request): string | null {
  const header = request.headers.authorization?.trim() ?? '';
  const fromHeader = bearerToken(header) ?? /^OAuth\s+(\S+)$/i.exec(header)?.[1] ?? null;
  return fromHeader ?? graphParameter(request, 'access_token') ?? null;
}

/**
 * Authenticates an API request the way graph.instagram.com does, after letting a queued fault answer first and
 * counting the call against the app budget (before its token is looked at, as on Facebook). Sends the error and
 * returns null when the request cannot go on.
 */
export function authenticate(
  dependencies: GraphDependencies,
  request: Request,
  response: Response,
  options: { servesList: boolean },
): Caller | null {
  const { control, tokens, store } = dependencies;
  const token = presentedToken(request);
  const check = tokens.checkAccess(token);
  const account = check.ok ? store.accountByUserId(check.grant.userId) : null;
  const fault = control.takeFault(request.path, (candidate) => options.servesList || candidate !== SimulatorFault.PARTIAL_PAGE);
  if (fault && fault !== SimulatorFault.PARTIAL_PAGE) {
    sendFault(response, fault, account?.userId ?? null, control.now());
    return null;
  }
  if (fault === SimulatorFault.PARTIAL_PAGE) response.locals.partialPage = true;
  const budget = control.consumeAppBudget();
  if (budget?.exceeded) {
    response.setHeader('X-App-Usage', appUsageHeader(100));
    sendGraphError(response, GRAPH_ERRORS.appThrottled());
    return null;
  }
  if (budget && control.usageHeaders) response.setHeader('X-App-Usage', appUsageHeader(control.appUsagePercent() ?? 0));
  if (!check.ok) {
    const spec = {
      MISSING: GRAPH_ERRORS.missingToken,
      INVALID: GRAPH_ERRORS.invalidToken,
      EXPIRED: () => GRAPH_ERRORS.expired(control.now()),
      REVOKED: GRAPH_ERRORS.revoked,
    }[check.reason]();
    sendGraphError(response, spec);
    return null;
  }
  if (!account) {
    sendGraphError(response, GRAPH_ERRORS.invalidToken());
    return null;
  }
  return { grant: check.grant, account };
}

/** Grants minted by tests without consent carry no scopes; they stand for a fully consented token. */
export function hasScope(grant: SimulatedGrant, scope: string): boolean {
  return grant.scopes.length === 0 || grant.scopes.includes(scope);
}

/** BUC accounting per Instagram account: the usage header on every answer, 80002 once the budget is spent. */
export class UsageMeter {
  private readonly windows = new Map<string, { startedAt: number; calls: number }>();

  constructor(private readonly control: SimulatorControl) {}

  /** Counts the call; false (and the throttle answer sent) when the account is over budget. */
  record(response: Response, accountId: string): boolean {
    const now = this.control.now();
    let window = this.windows.get(accountId);
    if (!window || now - window.startedAt >= 3_600_000) {
      window = { startedAt: now, calls: 0 };
      this.windows.set(accountId, window);
    }
    window.calls += 1;
    const percent = Math.min(100, Math.ceil((window.calls / HOURLY_CALL_BUDGET) * 100));
    const minutesLeft = Math.ceil((window.startedAt + 3_600_000 - now) / 60_000);
    if (window.calls > HOURLY_CALL_BUDGET) {
      response.setHeader('X-Business-Use-Case-Usage', usageHeader(accountId, 100, minutesLeft));
      sendGraphError(response, GRAPH_ERRORS.throttled());
      return false;
    }
    if (this.control.usageHeaders) response.setHeader('X-Business-Use-Case-Usage', usageHeader(accountId, percent, 0));
    return true;
  }
}

/** Where `next` links point: the mount and version this request came through. */
export interface RenderContext {
  control: SimulatorControl;
  /** e.g. http://127.0.0.1:4000/instagram/v25.0 */
  versionUrl: string;
  /** Meta repeats a query-string token in `next` links; a header token stays out of them. */
  queryToken: string | null;
  /** A PARTIAL_PAGE fault shortens the first list this request serves. */
  partialPage: boolean;
}

export function parseFieldParameter(value: string | undefined): FieldRequest[] | null {
  if (value === undefined || value.trim() === '') return null;
  try {
    return parseFields(value);
  } catch (error) {
    if (error instanceof FieldSyntaxError) throw new GraphRequestError(GRAPH_ERRORS.invalidParameter(`Syntax error in fields: ${error.message}`));
    throw error;
  }
}

/** Meta's timestamp format: 2026-11-19T16:05:00+0000. */
export function graphTime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

export const NODE_TYPES = { user: 'IGUser', media: 'IGMedia', comment: 'IGComment' } as const;
const DEFAULT_FIELDS: Record<GraphNode['type'], string[]> = { user: ['id'], media: ['id'], comment: ['id', 'text', 'timestamp'] };

function scalarFields(node: GraphNode): Record<string, unknown> {
  switch (node.type) {
    case 'user': {
      const { account } = node;
      return {
        id: account.id,
        user_id: account.userId,
        username: account.username,
        name: account.name,
        account_type: account.accountType,
        biography: account.biography,
        website: account.website,
        followers_count: account.followersCount,
        follows_count: account.followsCount,
        media_count: account.media.length,
        profile_picture_url: `https://scontent.cdninstagram.example/v/${account.userId}.jpg`,
      };
    }
    case 'media': {
      const { account, media } = node;
      return {
        id: media.id,
        caption: media.caption,
        media_type: media.mediaType,
        media_product_type: media.mediaProductType,
        permalink: `https://www.instagram.com/p/${BigInt(media.id).toString(36)}/`,
        timestamp: graphTime(media.timestamp),
        comments_count: media.comments.length,
        like_count: media.likeCount,
        is_comment_enabled: media.commentEnabled,
        username: account.username,
        owner: { id: account.userId },
      };
    }
    case 'comment': {
      const { media, comment } = node;
      return {
        id: comment.id,
        text: comment.text,
        timestamp: graphTime(comment.timestamp),
        username: comment.username,
        hidden: comment.hidden,
        like_count: 0,
        media: { id: media.id },
      };
    }
  }
}

export function edgeItems(node: GraphNode, edge: string): GraphNode[] | null {
  if (node.type === 'user' && edge === 'media') return node.account.media.map((media) => ({ type: 'media', account: node.account, media }));
  if (node.type === 'media' && edge === 'comments') {
    return node.media.comments.map((comment) => ({ type: 'comment', account: node.account, media: node.media, comment }));
  }
  if (node.type === 'comment' && edge === 'replies') return [];
  return null;
}

/** One node with the requested fields; Graph leaves out fields whose value is null. */
export function renderNode(node: GraphNode, fields: FieldRequest[] | null, context: RenderContext): Record<string, unknown> {
  const requested: FieldRequest[] = fields ?? DEFAULT_FIELDS[node.type].map((name) => ({ name, modifiers: {}, fields: null }));
  const scalars = scalarFields(node);
  const rendered: Record<string, unknown> = {};
  for (const field of requested) {
    const items = edgeItems(node, field.name);
    if (items) {
      const nodeId = node.type === 'user' ? node.account.userId : scalars.id;
      const list = renderList(items, { limit: field.modifiers.limit }, field.fields, context, field.name, (position) => {
        const query = new URLSearchParams(field.fields ? { fields: formatFields(field.fields) } : {});
        for (const [name, value] of Object.entries(position)) query.set(name, value);
        if (context.queryToken) query.set('access_token', context.queryToken);
        return `${context.versionUrl}/${String(nodeId)}/${field.name}?${query.toString()}`;
      });
      if (list.data.length > 0 || list.paging) rendered[field.name] = list;
      continue;
    }
    if (!(field.name in scalars)) throw new GraphRequestError(GRAPH_ERRORS.nonexistingField(field.name, NODE_TYPES[node.type]));
    const value = scalars[field.name];
    if (value !== null && value !== undefined) rendered[field.name] = value;
  }
  if (!('id' in rendered)) rendered.id = scalars.id;
  return rendered;
}

/** Part of every cursor, so a short or empty page never hands back the cursor it was asked with. */
let cursorSerial = 0;

function encodeCursor(offset: number): string {
  cursorSerial += 1;
  return Buffer.from(`o${offset}.${cursorSerial}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^o(\d+)\.\d+$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new GraphRequestError(GRAPH_ERRORS.invalidParameter('Invalid cursor'));
  return Number(match[1]);
}

export interface ListPosition {
  limit?: string;
  after?: string;
  before?: string;
}

/** A cursor-paged list: `{data, paging{cursors{before,after}, next?, previous?}}`, `next` absent on the last page. */
export function renderList(
  items: GraphNode[],
  position: ListPosition,
  fields: FieldRequest[] | null,
  context: RenderContext,
  edge: string,
  /** The URL of another page of the same list, given its limit and after/before cursor. */
  link: (position: Record<string, string>) => string,
): { data: Record<string, unknown>[]; paging?: Record<string, unknown> } {
  const sizes = EDGE_PAGE_SIZES[edge] ?? { default: 25, max: 100 };
  const parsedLimit = position.limit === undefined ? Number.NaN : Number(position.limit);
  const requestedLimit = Number.isFinite(parsedLimit) ? parsedLimit : undefined;
  const size = context.control.pageSize(requestedLimit, sizes.default, sizes.max);
  let start = 0;
  if (position.after) start = decodeCursor(position.after);
  else if (position.before) start = Math.max(0, decodeCursor(position.before) - size);
  start = Math.min(start, items.length);
  let served = Math.min(size, items.length - start);
  if (context.partialPage && served > 0) {
    context.partialPage = false;
    served = Math.floor(served / 2);
  }
  const data = items.slice(start, start + served).map((item) => renderNode(item, fields, context));
  const end = start + served;
  if (items.length === 0) return { data };
  const before = encodeCursor(start);
  const after = encodeCursor(end);
  const limit = String(requestedLimit ?? size);
  const paging: Record<string, unknown> = { cursors: { before, after } };
  if (end < items.length) paging.next = link({ limit, after });
  if (start > 0) paging.previous = link({ limit, before });
  return { data, paging };
}
