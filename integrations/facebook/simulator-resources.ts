import {
  checkPageAccess,
  checkUserAccess,
  MANAGE_PAGE,
  PAGE_IDENTITY,
  parseBoolean,
  READ_PAGE,
  unsupported,
} from './simulator-access';
import {
  graphError,
  graphOk,
  graphTime,
  pageItems,
  requestedFields,
  selectFields,
  type FieldSelection,
  type GraphNode,
  type GraphReply,
} from './simulator-format';
import type { Caller, GraphCall, GraphState } from './simulator-graph';
import type { FacebookCommentData, FacebookPageData, FacebookPostData } from './simulator-data';
import { routeGraphWrite } from './simulator-writes';

/** Graph's page sizes: 25 by default, 100 at most, for every edge served here. */
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

function pageNode(state: GraphState, page: FacebookPageData): GraphNode {
  const business = page.businessId ? state.world.business(page.businessId) : undefined;
  return {
    type: 'Page',
    fields: {
      id: page.id,
      name: page.name,
      username: page.username,
      link: `https://www.facebook.com/${page.username ?? page.id}`,
      category: page.category,
      about: page.about,
      description: page.description,
      website: page.website,
      emails: page.emails.length > 0 ? page.emails : undefined,
      phone: page.phone,
      is_published: page.isPublished,
      followers_count: page.followersCount,
      fan_count: page.fanCount,
      verification_status: 'not_verified',
      business: business ? { id: business.id, name: business.name } : undefined,
    },
  };
}

function commentNode(comment: FacebookCommentData): GraphNode {
  return {
    type: 'Comment',
    fields: {
      id: comment.id,
      created_time: graphTime(comment.createdTime),
      from: { id: comment.fromId, name: comment.fromName },
      message: comment.message,
      is_hidden: comment.isHidden,
      can_hide: true,
      can_remove: true,
    },
  };
}

function postNode(state: GraphState, call: GraphCall, page: FacebookPageData, post: FacebookPostData): GraphNode {
  return {
    type: 'PagePost',
    fields: {
      id: post.id,
      created_time: graphTime(post.createdTime),
      updated_time: graphTime(post.createdTime),
      message: post.message,
      permalink_url: `https://www.facebook.com/${page.id}/posts/${post.id.split('_').pop()}`,
      is_hidden: post.isHidden,
      is_published: true,
      message_tags: post.messageTags.length > 0 ? post.messageTags : undefined,
      from: { id: page.id, name: page.name },
    },
    edges: { comments: (selection) => expandComments(state, call, post, selection) },
  };
}

/** `comments.order(reverse_chronological).limit(n){…}` inside a post's fields: the first page of the edge. */
function expandComments(state: GraphState, call: GraphCall, post: FacebookPostData, selection: FieldSelection): unknown {
  const size = state.control.pageSize(Number(selection.modifiers.limit), DEFAULT_LIMIT, MAX_LIMIT);
  const ordered = orderComments(post.comments, selection.modifiers.order);
  const fields = selection.fields ?? [{ name: 'id', modifiers: {}, fields: null }];
  const paged = pageItems(ordered, {
    size,
    partial: false,
    link: (cursor) => `${call.linkBase}/${post.id}/comments?${new URLSearchParams({ limit: String(size), ...cursor })}`,
  });
  if (!paged.ok) return { data: [] };
  const data = paged.data.map((comment) => {
    const selected = selectFields(commentNode(comment), fields);
    return selected.ok ? selected.value : {};
  });
  return paged.paging ? { data, paging: paged.paging } : { data };
}

function orderComments(comments: FacebookCommentData[], order: string | undefined): FacebookCommentData[] {
  const sorted = [...comments].sort((left, right) => left.createdTime.localeCompare(right.createdTime));
  return order === 'reverse_chronological' ? sorted.reverse() : sorted;
}

function newestFirst(posts: FacebookPostData[]): FacebookPostData[] {
  return [...posts].sort((left, right) => right.createdTime.localeCompare(left.createdTime));
}

/** Serves a list edge: field selection on every row, then cursor paging. */
function listReply(
  state: GraphState,
  call: GraphCall,
  nodes: GraphNode[],
  defaults: string,
  partial: boolean,
  limits: { platformDefault: number; platformMax: number } = { platformDefault: DEFAULT_LIMIT, platformMax: MAX_LIMIT },
): GraphReply {
  const requested = requestedFields(call.params.fields, defaults);
  if (!requested.ok) return requested.reply;
  const size = state.control.pageSize(Number(call.params.limit), limits.platformDefault, limits.platformMax);
  const paged = pageItems(nodes, {
    size,
    after: call.params.after,
    before: call.params.after === undefined ? call.params.before : undefined,
    partial,
    link: (cursor) => {
      const query = new URLSearchParams(call.query);
      query.delete('after');
      query.delete('before');
      for (const [name, value] of Object.entries(cursor)) query.set(name, value);
      return `${call.linkBase}/${call.path}?${query}`;
    },
  });
  if (!paged.ok) return paged.reply;
  const data: Record<string, unknown>[] = [];
  for (const node of paged.data) {
    const selected = selectFields(node, requested.fields);
    if (!selected.ok) return selected.reply;
    data.push(selected.value);
  }
  return graphOk(paged.paging ? { data, paging: paged.paging } : { data });
}

function nodeReply(node: GraphNode, rawFields: string | undefined, defaults: string): GraphReply {
  const requested = requestedFields(rawFields, defaults);
  if (!requested.ok) return requested.reply;
  const selected = selectFields(node, requested.fields);
  return selected.ok ? graphOk(selected.value) : selected.reply;
}

function userEdge(state: GraphState, caller: Caller, call: GraphCall, edge: string, partial: boolean): GraphReply {
  if (caller.kind !== 'user') return graphError(100, '(#100) This call requires a User access token.');
  const { grant } = caller;
  if (edge === 'permissions') {
    const nodes = grant.scopes.map((permission) => ({ type: 'Permission', fields: { permission, status: 'granted' } }));
    return listReply(state, call, nodes, 'permission,status', partial);
  }
  if (edge !== 'accounts') return graphError(100, `(#100) Tried accessing nonexisting field (${edge}) on node type (User)`);
  const denied = checkUserAccess(caller, 'pages_show_list');
  if (denied) return denied;
  // Page tokens minted from a long-lived user token do not expire (platforms.md §1.1); from a short one they
  // live as long as it does.
  const remaining = grant.expiresAt === null ? null : Math.max(1, Math.ceil((grant.expiresAt - state.control.now()) / 1000));
  const ttl = grant.kind === 'user_long' ? null : remaining;
  const nodes: GraphNode[] = state.world.memberships(grant.userId).map((membership) => ({
    type: 'Page',
    fields: {
      id: membership.page.id,
      name: membership.page.name,
      username: membership.page.username,
      category: membership.page.category,
      tasks: membership.tasks,
      // A getter: a Page token is minted only for rows served with access_token selected.
      get access_token() {
        return state.tokens.issueAccessToken({ userId: grant.userId, scopes: grant.scopes, kind: 'page', subject: membership.page.id }, ttl)
          .token;
      },
    },
  }));
  return listReply(state, call, nodes, 'access_token,category,name,id,tasks', partial);
}

function pageEdge(state: GraphState, caller: Caller, call: GraphCall, page: FacebookPageData, edge: string, partial: boolean): GraphReply {
  const person = (userId: string) => state.world.person(userId);
  switch (edge) {
    case 'roles': {
      const denied = checkPageAccess(state, caller, page, READ_PAGE);
      if (denied) return denied;
      // `/roles` lists people outside a business (FB7); rows are User nodes with their Page tasks.
      const nodes = page.roles.map((row) => ({ type: 'User', fields: { id: row.userId, name: person(row.userId)?.name, tasks: row.tasks } }));
      return listReply(state, call, nodes, 'id,name,tasks', partial);
    }
    case 'assigned_users': {
      const denied = checkPageAccess(state, caller, page, MANAGE_PAGE);
      if (denied) return denied;
      const business = call.params.business;
      if (!business) return graphError(100, '(#100) The parameter business is required');
      if (business !== page.businessId) return graphError(100, '(#100) Param business must be the id of the business that owns this Page');
      const owner = state.world.business(business);
      const nodes = page.assignedUsers.map((row) => ({
        type: 'AssignedUser',
        fields: {
          id: row.userId,
          name: person(row.userId)?.name,
          user_type: person(row.userId)?.kind === 'SYSTEM_USER' ? 'SYSTEM_USER' : 'BUSINESS_USER',
          tasks: row.tasks,
          business: owner ? { id: owner.id, name: owner.name } : undefined,
        },
      }));
      return listReply(state, call, nodes, 'id,name', partial);
    }
    case 'published_posts':
    case 'posts': {
      const denied = checkPageAccess(state, caller, page, READ_PAGE);
      if (denied) return denied;
      const includeHidden = parseBoolean(call.params.include_hidden) === true;
      const posts = newestFirst(page.posts).filter((post) => includeHidden || !post.isHidden);
      return listReply(state, call, posts.map((post) => postNode(state, call, page, post)), 'created_time,message,id', partial);
    }
    case 'settings': {
      const denied = checkPageAccess(state, caller, page, READ_PAGE);
      if (denied) return denied;
      const nodes = page.settings.map((row) => ({ type: 'PageSettings', fields: { setting: row.setting, value: row.value } }));
      return listReply(state, call, nodes, 'setting,value', partial);
    }
    default:
      return graphError(100, `(#100) Tried accessing nonexisting field (${edge}) on node type (Page)`);
  }
}

function readNode(state: GraphState, caller: Caller, call: GraphCall, id: string): GraphReply {
  if (id === 'me' && caller.kind === 'user') {
    const person = state.world.person(caller.grant.userId);
    return nodeReply({ type: 'User', fields: { id: caller.grant.userId, name: person?.name } }, call.params.fields, 'name,id');
  }
  if (id === 'me' && caller.kind === 'page') {
    const own = state.world.page(caller.pageId);
    if (!own) return unsupported('GET', id);
    const denied = checkPageAccess(state, caller, own, PAGE_IDENTITY);
    return denied ?? nodeReply({ type: 'Page', fields: { id: own.id, name: own.name } }, call.params.fields, 'name,id');
  }
  const page = state.world.page(id);
  if (page) {
    const denied = checkPageAccess(state, caller, page, READ_PAGE);
    return denied ?? nodeReply(pageNode(state, page), call.params.fields, 'name,id');
  }
  const ownedPost = state.world.postOwner(id);
  if (ownedPost) {
    const denied = checkPageAccess(state, caller, ownedPost.page, READ_PAGE);
    return denied ?? nodeReply(postNode(state, call, ownedPost.page, ownedPost.post), call.params.fields, 'created_time,message,id');
  }
  const ownedComment = state.world.commentOwner(id);
  if (ownedComment) {
    const denied = checkPageAccess(state, caller, ownedComment.page, READ_PAGE);
    return denied ?? nodeReply(commentNode(ownedComment.comment), call.params.fields, 'created_time,from,message,id');
  }
  return unsupported('GET', id);
}

function readEdge(state: GraphState, caller: Caller, call: GraphCall, id: string, edge: string, partial: boolean): GraphReply {
  if (id === 'me' && caller.kind === 'user') return userEdge(state, caller, call, edge, partial);
  if (caller.kind === 'user' && id === caller.grant.userId) return userEdge(state, caller, call, edge, partial);
  const page = state.world.page(id === 'me' && caller.kind === 'page' ? caller.pageId : id);
  if (page) return pageEdge(state, caller, call, page, edge, partial);
  const ownedPost = state.world.postOwner(id);
  if (ownedPost && edge === 'comments') {
    const denied = checkPageAccess(state, caller, ownedPost.page, READ_PAGE);
    if (denied) return denied;
    const comments = orderComments(ownedPost.post.comments, call.params.order);
    return listReply(state, call, comments.map(commentNode), 'created_time,from,message,id', partial);
  }
  return unsupported('GET', id);
}

export function routeGraphCall(state: GraphState, caller: Caller, call: GraphCall, segments: string[], partial: boolean): GraphReply {
  if (segments.length === 0 || segments.length > 2) return unsupported(call.method, call.path);
  const [id, edge] = segments;
  if (call.method === 'GET') return edge ? readEdge(state, caller, call, id, edge, partial) : readNode(state, caller, call, id);
  if (call.method === 'POST' || call.method === 'DELETE') return routeGraphWrite(state, caller, call, id, edge);
  return graphError(3, `(#3) Unknown method ${call.method}`);
}
