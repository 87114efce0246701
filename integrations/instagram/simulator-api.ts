import type { Request, RequestHandler, Response } from 'express';
import type { GraphNode } from './simulator-data';
import {
  authenticate,
  BASIC_SCOPE,
  edgeItems,
  graphParameter,
  GraphRequestError,
  hasScope,
  MANAGE_COMMENTS_SCOPE,
  NODE_TYPES,
  parseFieldParameter,
  renderList,
  renderNode,
  type Caller,
  type GraphDependencies,
  type RenderContext,
  type UsageMeter,
} from './simulator-graph';
import { GRAPH_ERRORS, sendFault, sendGraphError } from './simulator-responses';
import { SimulatorFault } from '../simulator/simulator-control';

/** 60 days less a little, as graph.instagram.com answers it. */
export const LONG_LIVED_SECONDS = 5_183_944;
const REFRESHABLE_AFTER_MS = 24 * 3_600_000;
const VERSION = /^v\d+\.\d+$/;

/**
 * graph.instagram.com: `/{version}/me`, `/{version}/{id}`, `/{version}/{id}/{edge}` (GET, and POST/DELETE on
 * media and comments), plus the unversioned token endpoints `/access_token` and `/refresh_access_token`.
 */
export function graphApi(dependencies: GraphDependencies, usage: UsageMeter, clientSecret: string): RequestHandler {
  return (request, response) => {
    const segments = request.path.split('/').filter(Boolean);
    const version = VERSION.test(segments[0] ?? '') ? segments.shift()! : 'v25.0';
    try {
      if (segments.length === 1 && segments[0] === 'access_token') return exchangeToken(dependencies, clientSecret, request, response);
      if (segments.length === 1 && segments[0] === 'refresh_access_token') return refreshToken(dependencies, request, response);
      if (segments.length < 1 || segments.length > 2) {
        return sendGraphError(response, GRAPH_ERRORS.invalidParameter('Unknown path components: /' + segments.join('/')));
      }
      const [id, edge] = segments;
      const expandsEdge = /\b(media|comments|replies)\b/.test(graphParameter(request, 'fields') ?? '');
      const servesList = request.method === 'GET' && (edge !== undefined || expandsEdge);
      const caller = authenticate(dependencies, request, response, { servesList });
      if (!caller || !usage.record(response, caller.account.userId)) return;
      const node = id === 'me' ? ({ type: 'user', account: caller.account } as const) : dependencies.store.node(id);
      // Instagram Login tokens reach only their own account's objects.
      if (!node || node.account.userId !== caller.account.userId) {
        return sendGraphError(response, GRAPH_ERRORS.unsupported(request.method.toLowerCase(), id));
      }
      if (!hasScope(caller.grant, BASIC_SCOPE)) return sendGraphError(response, GRAPH_ERRORS.permission(BASIC_SCOPE));
      const context: RenderContext = {
        control: dependencies.control,
        versionUrl: `${request.protocol}://${request.get('host')}${request.baseUrl}/${version}`,
        queryToken: typeof request.query.access_token === 'string' ? request.query.access_token : null,
        partialPage: response.locals.partialPage === true,
      };
      if (request.method === 'GET' && edge) return readEdge(node, edge, request, response, context);
      if (request.method === 'GET') return void response.json(renderNode(node, parseFieldParameter(graphParameter(request, 'fields')), context));
      if (edge || (request.method !== 'POST' && request.method !== 'DELETE')) {
        return sendGraphError(response, GRAPH_ERRORS.unsupported(request.method.toLowerCase(), id));
      }
      return write(dependencies, caller, node, request, response);
    } catch (error) {
      if (error instanceof GraphRequestError) return sendGraphError(response, error.spec);
      throw error;
    }
  };
}

function readEdge(node: GraphNode, edge: string, request: Request, response: Response, context: RenderContext): void {
  const items = edgeItems(node, edge);
  if (!items) throw new GraphRequestError(GRAPH_ERRORS.nonexistingField(edge, NODE_TYPES[node.type]));
  const fields = parseFieldParameter(graphParameter(request, 'fields'));
  const position = { limit: graphParameter(request, 'limit'), after: graphParameter(request, 'after'), before: graphParameter(request, 'before') };
  const list = renderList(items, position, fields, context, edge, (page) => {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(request.query)) {
      if (typeof value === 'string' && name !== 'after' && name !== 'before' && name !== 'limit') query.set(name, value);
    }
    for (const [name, value] of Object.entries(page)) query.set(name, value);
    return `${context.versionUrl}/${request.path.split('/').filter(Boolean).slice(-2).join('/')}?${query.toString()}`;
  });
  response.json(list);
}

function booleanParameter(request: Request, name: string): boolean {
  const value = graphParameter(request, name);
  if (value === undefined) throw new GraphRequestError(GRAPH_ERRORS.missingParameter(name));
  if (value !== 'true' && value !== 'false') throw new GraphRequestError(GRAPH_ERRORS.invalidParameter(`Param ${name} must be a boolean`));
  return value === 'true';
}

/** The writes Instagram allows (platforms.md §2.3): comment switch per media, hide and delete comments. */
function write(dependencies: GraphDependencies, caller: Caller, node: GraphNode, request: Request, response: Response): void {
  if (!hasScope(caller.grant, MANAGE_COMMENTS_SCOPE)) return sendGraphError(response, GRAPH_ERRORS.permission(MANAGE_COMMENTS_SCOPE));
  const method = request.method.toLowerCase();
  if (node.type === 'media' && request.method === 'POST') {
    node.media.commentEnabled = booleanParameter(request, 'comment_enabled');
    return void response.json({ success: true });
  }
  if (node.type === 'comment' && request.method === 'POST') {
    node.comment.hidden = booleanParameter(request, 'hide');
    return void response.json({ success: true });
  }
  if (node.type === 'comment' && request.method === 'DELETE') {
    dependencies.store.deleteComment(node.media, node.comment.id);
    return void response.json({ success: true });
  }
  const id = node.type === 'user' ? node.account.userId : node.type === 'media' ? node.media.id : node.comment.id;
  sendGraphError(response, GRAPH_ERRORS.unsupported(method, id));
}

/** Token-endpoint faults: the same Meta answers as the API's, minus PARTIAL_PAGE (nothing pages here). */
function takeTokenFault(dependencies: GraphDependencies, request: Request, response: Response): boolean {
  const fault = dependencies.control.takeFault(request.path, (candidate) => candidate !== SimulatorFault.PARTIAL_PAGE);
  if (!fault) return false;
  sendFault(response, fault, null, dependencies.control.now());
  return true;
}

function liveGrant(dependencies: GraphDependencies, token: string | undefined, response: Response) {
  const check = dependencies.tokens.checkAccess(token);
  if (check.ok) return check.grant;
  const spec = {
    MISSING: () => GRAPH_ERRORS.missingParameter('access_token'),
    INVALID: GRAPH_ERRORS.invalidToken,
    EXPIRED: () => GRAPH_ERRORS.expired(dependencies.control.now()),
    REVOKED: GRAPH_ERRORS.revoked,
  }[check.reason]();
  sendGraphError(response, spec);
  return null;
}

/** GET /access_token?grant_type=ig_exchange_token&client_secret&access_token: 1 h token → 60 d token. */
function exchangeToken(dependencies: GraphDependencies, clientSecret: string, request: Request, response: Response): void {
  if (takeTokenFault(dependencies, request, response)) return;
  for (const name of ['grant_type', 'client_secret', 'access_token']) {
    if (!graphParameter(request, name)) return sendGraphError(response, GRAPH_ERRORS.missingParameter(name));
  }
  if (graphParameter(request, 'grant_type') !== 'ig_exchange_token') {
    return sendGraphError(response, GRAPH_ERRORS.invalidParameter('Unsupported grant_type'));
  }
  if (graphParameter(request, 'client_secret') !== clientSecret) {
    return sendGraphError(response, { status: 400, code: 1, message: 'Error validating client secret.' });
  }
  const grant = liveGrant(dependencies, graphParameter(request, 'access_token'), response);
  if (!grant) return;
  const issued = dependencies.tokens.issueAccessToken({ userId: grant.userId, scopes: grant.scopes, kind: 'long' }, LONG_LIVED_SECONDS);
  response.json({ access_token: issued.token, token_type: 'bearer', expires_in: issued.expiresIn });
}

/**
 * GET /refresh_access_token?grant_type=ig_refresh_token&access_token: a long-lived token at least 24 h old
 * and unexpired → a new 60 d token. A younger (or short-lived) token gets code 100, IGApiException: our
 * choice, since Meta documents the rule but not its error [U].
 */
function refreshToken(dependencies: GraphDependencies, request: Request, response: Response): void {
  if (takeTokenFault(dependencies, request, response)) return;
  for (const name of ['grant_type', 'access_token']) {
    if (!graphParameter(request, name)) return sendGraphError(response, GRAPH_ERRORS.missingParameter(name));
  }
  if (graphParameter(request, 'grant_type') !== 'ig_refresh_token') {
    return sendGraphError(response, GRAPH_ERRORS.invalidParameter('Unsupported grant_type'));
  }
  const grant = liveGrant(dependencies, graphParameter(request, 'access_token'), response);
  if (!grant) return;
  if (grant.kind !== 'long' || dependencies.control.now() - grant.issuedAt < REFRESHABLE_AFTER_MS) {
    return sendGraphError(response, { status: 400, code: 100, type: 'IGApiException', message: 'Unsupported request - method type: get' });
  }
  const issued = dependencies.tokens.issueAccessToken({ userId: grant.userId, scopes: grant.scopes, kind: 'long' }, LONG_LIVED_SECONDS);
  response.json({ access_token: issued.token, token_type: 'bearer', expires_in: issued.expiresIn });
}
