import { graphError, type GraphReply } from './simulator-format';
import type { Caller, GraphState } from './simulator-graph';
import type { FacebookPageData, PageTask } from './simulator-data';

export interface PageRequirement {
  /** Any one of these tasks is enough. */
  tasks: PageTask[];
  /** The permission (scope) the user granted the app. */
  scope: string;
}

/** `GET /me` with a Page token: the Page's own id and name, for anyone who holds a role on it. */
export const PAGE_IDENTITY: PageRequirement = {
  tasks: ['MANAGE', 'CREATE_CONTENT', 'MODERATE', 'MESSAGING', 'ADVERTISE', 'ANALYZE', 'MODERATE_COMMUNITY'],
  scope: 'pages_show_list',
};
/** Reading Page fields, roles, settings, posts and comments needs the MODERATE task (platforms.md §1.1). */
export const READ_PAGE: PageRequirement = { tasks: ['MANAGE', 'MODERATE'], scope: 'pages_read_engagement' };
/** `assigned_users` and Page detail updates need MANAGE and pages_manage_metadata (FB8, FB16). */
export const MANAGE_PAGE: PageRequirement = { tasks: ['MANAGE'], scope: 'pages_manage_metadata' };
export const MODERATE_COMMENTS: PageRequirement = { tasks: ['MANAGE', 'MODERATE'], scope: 'pages_manage_engagement' };
export const MANAGE_POSTS: PageRequirement = { tasks: ['MANAGE', 'CREATE_CONTENT'], scope: 'pages_manage_posts' };

/**
 * Page-scoped calls need a Page access token for that Page, minted for someone who still holds a role on it
 * with a task that allows the call, and the permission behind it.
 */
export function checkPageAccess(state: GraphState, caller: Caller, page: FacebookPageData, requirement: PageRequirement): GraphReply | null {
  if (caller.kind !== 'page') return graphError(210, '(#210) This call requires a Page access token.');
  if (caller.pageId !== page.id) {
    return graphError(200, '(#200) The Page access token belongs to another Page.', { type: 'OAuthException' });
  }
  const tasks = state.world.tasksOn(page, caller.grant.userId);
  if (!tasks) {
    // Meta invalidates a Page token when its person loses their role on the Page.
    return graphError(190, 'Error validating access token: The user is not an administrator of the Page.', { subcode: 492 });
  }
  if (!requirement.tasks.some((task) => tasks.includes(task))) {
    return graphError(200, `(#200) The user needs one of the tasks ${requirement.tasks.join(', ')} on this Page.`);
  }
  if (!caller.grant.scopes.includes(requirement.scope)) {
    return graphError(10, `(#10) This endpoint requires the '${requirement.scope}' permission.`);
  }
  return null;
}

export function checkUserAccess(caller: Caller, scope: string): GraphReply | null {
  if (caller.kind !== 'user') return graphError(100, '(#100) This call requires a User access token.');
  if (!caller.grant.scopes.includes(scope)) return graphError(10, `(#10) This endpoint requires the '${scope}' permission.`);
  return null;
}

export function unsupported(method: string, id: string): GraphReply {
  const verb = method.toLowerCase();
  return graphError(
    100,
    `Unsupported ${verb} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    { subcode: 33, type: 'GraphMethodException' },
  );
}

export function parseBoolean(value: string | undefined): boolean | null {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return null;
}

/** Graph takes list parameters as a JSON array or a comma-separated string. */
export function parseList(value: string | undefined): string[] | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : null;
    } catch {
      return null;
    }
  }
  return trimmed === '' ? [] : trimmed.split(',').map((item) => item.trim());
}
