import {
  checkPageAccess,
  MANAGE_PAGE,
  MANAGE_POSTS,
  MODERATE_COMMENTS,
  parseBoolean,
  parseList,
  unsupported,
} from './simulator-access';
import { graphError, graphOk, type GraphReply } from './simulator-format';
import type { Caller, GraphCall, GraphState } from './simulator-graph';
import type { FacebookPageData, PageTask } from './simulator-data';

/** Parameters every Graph call may carry besides its own. */
const TRANSPORT_PARAMS = new Set(['access_token', 'method', 'format', 'pretty', 'suppress_http_code', 'fields', 'appsecret_proof']);
const PAGE_UPDATE_PARAMS = new Set(['about', 'description', 'website', 'emails', 'phone', 'is_published']);
const ALL_TASKS: PageTask[] = ['MANAGE', 'CREATE_CONTENT', 'MODERATE', 'MESSAGING', 'ADVERTISE', 'ANALYZE', 'MODERATE_COMMUNITY'];
/** The Page `about` field is the short description: Meta caps it (255 characters). */
const ABOUT_MAX_LENGTH = 255;

const success = () => graphOk({ success: true });

function updatePage(state: GraphState, caller: Caller, call: GraphCall, page: FacebookPageData): GraphReply {
  const denied = checkPageAccess(state, caller, page, MANAGE_PAGE);
  if (denied) return denied;
  const names = Object.keys(call.params).filter((name) => !TRANSPORT_PARAMS.has(name));
  const unknown = names.find((name) => !PAGE_UPDATE_PARAMS.has(name));
  if (unknown) return graphError(100, `(#100) Param ${unknown} is not a valid parameter for this call`);
  if (names.length === 0) return graphError(100, '(#100) At least one field to update is required');
  const { about, description, website, emails, phone, is_published: isPublished } = call.params;
  if (about !== undefined && about.length > ABOUT_MAX_LENGTH) {
    return graphError(100, `(#100) Param about must be at most ${ABOUT_MAX_LENGTH} characters long`);
  }
  const published = isPublished === undefined ? undefined : parseBoolean(isPublished);
  if (published === null) return graphError(100, '(#100) Param is_published must be a boolean');
  const emailList = parseList(emails);
  if (emails !== undefined && emailList === null) return graphError(100, '(#100) Param emails must be an array of email addresses');
  if (about !== undefined) page.about = about || null;
  if (description !== undefined) page.description = description || null;
  if (website !== undefined) page.website = website || null;
  if (emailList) page.emails = emailList;
  if (phone !== undefined) page.phone = phone || null;
  if (published !== undefined) page.isPublished = published;
  return success();
}

function assignUser(state: GraphState, caller: Caller, call: GraphCall, page: FacebookPageData): GraphReply {
  const denied = checkPageAccess(state, caller, page, MANAGE_PAGE);
  if (denied) return denied;
  const userId = call.params.user;
  if (!userId) return graphError(100, '(#100) The parameter user is required');
  if (!page.businessId) return graphError(100, '(#100) Only a Page owned by a business can have assigned users');
  if (!state.world.person(userId)) return graphError(100, '(#100) Param user must be a valid business user id');
  const tasks = call.params.tasks === undefined ? ['MANAGE'] : parseList(call.params.tasks);
  if (!tasks || tasks.length === 0 || tasks.some((task) => !ALL_TASKS.includes(task as PageTask))) {
    return graphError(100, `(#100) Param tasks must be a list of ${ALL_TASKS.join(', ')}`);
  }
  state.world.assignUser(page, userId, tasks as PageTask[]);
  return success();
}

function unassignUser(state: GraphState, caller: Caller, call: GraphCall, page: FacebookPageData): GraphReply {
  const denied = checkPageAccess(state, caller, page, MANAGE_PAGE);
  if (denied) return denied;
  const userId = call.params.user;
  if (!userId) return graphError(100, '(#100) The parameter user is required');
  const index = page.assignedUsers.findIndex((row) => row.userId === userId);
  if (index >= 0) {
    page.assignedUsers.splice(index, 1);
    return success();
  }
  if (page.roles.some((row) => row.userId === userId)) {
    // Our choice for a [U] gap: the roles edge is read-only, so a person outside the business cannot be
    // removed through assigned_users; Meta answers a permission error and the removal stays manual.
    return graphError(200, '(#200) This person has a Page role outside the business and can only be removed in Page settings');
  }
  return graphError(100, '(#100) Param user is not assigned to this Page');
}

function writePost(state: GraphState, caller: Caller, call: GraphCall, id: string): GraphReply | null {
  const owned = state.world.postOwner(id);
  if (!owned) return null;
  const denied = checkPageAccess(state, caller, owned.page, MANAGE_POSTS);
  if (denied) return denied;
  if (call.method === 'DELETE') {
    owned.page.posts = owned.page.posts.filter((post) => post.id !== id);
    return success();
  }
  const hidden = parseBoolean(call.params.is_hidden);
  if (call.params.is_hidden === undefined && call.params.message === undefined) {
    return graphError(100, '(#100) At least one field to update is required');
  }
  if (call.params.is_hidden !== undefined && hidden === null) return graphError(100, '(#100) Param is_hidden must be a boolean');
  if (hidden !== null) owned.post.isHidden = hidden;
  if (call.params.message !== undefined) owned.post.message = call.params.message;
  return success();
}

function writeComment(state: GraphState, caller: Caller, call: GraphCall, id: string): GraphReply | null {
  const owned = state.world.commentOwner(id);
  if (!owned) return null;
  const denied = checkPageAccess(state, caller, owned.page, MODERATE_COMMENTS);
  if (denied) return denied;
  if (call.method === 'DELETE') {
    owned.post.comments = owned.post.comments.filter((comment) => comment.id !== id);
    return success();
  }
  const hidden = parseBoolean(call.params.is_hidden);
  if (hidden === null) return graphError(100, '(#100) The parameter is_hidden is required and must be a boolean');
  owned.comment.isHidden = hidden;
  return success();
}

/** POST and DELETE on nodes and on `/{page-id}/assigned_users`. Writes change the world, so a re-read shows them. */
export function routeGraphWrite(state: GraphState, caller: Caller, call: GraphCall, id: string, edge: string | undefined): GraphReply {
  const page = state.world.page(id === 'me' && caller.kind === 'page' ? caller.pageId : id);
  if (edge) {
    if (page && edge === 'assigned_users') {
      return call.method === 'POST' ? assignUser(state, caller, call, page) : unassignUser(state, caller, call, page);
    }
    return unsupported(call.method, `${id}/${edge}`);
  }
  if (page) {
    if (call.method === 'DELETE') return graphError(200, '(#200) Pages cannot be deleted through the API');
    return updatePage(state, caller, call, page);
  }
  return writePost(state, caller, call, id) ?? writeComment(state, caller, call, id) ?? unsupported(call.method, id);
}
