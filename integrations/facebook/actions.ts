import { RemediationKind, type ActionRequest, type ActionResult, type ConnectorContext, type SnapshotTarget } from '../provider';
import { graphCall } from './graph-api';
import { badRequest } from './graph-errors';

/** A Page admin in Meta's words: every task, MANAGE included. */
const FULL_ADMIN_TASKS = ['MANAGE', 'CREATE_CONTENT', 'MODERATE', 'MESSAGING', 'ADVERTISE', 'ANALYZE'];

function stringParam(request: ActionRequest, name: string): string {
  const value = request.params[name];
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`${request.kind} needs the ${name} parameter`);
  return value;
}

function tasksParam(request: ActionRequest): string[] {
  const value = request.params.roles;
  if (value === undefined) return FULL_ADMIN_TASKS;
  const tasks = typeof value === 'string' ? value.split(',').map((task) => task.trim()) : Array.isArray(value) ? value : [];
  if (tasks.length === 0 || tasks.some((task) => !/^[A-Z_]+$/.test(task))) throw badRequest('ADD_ADMIN roles must be Page tasks such as MANAGE');
  return tasks;
}

/**
 * The remediations Graph can apply to a Page (platforms.md §1.3), with the Page token. Writes are not retried:
 * the remediation lifecycle decides. REMOVE_ADMIN works for business users only; a person with a role outside a
 * business answers a permission error (PERMISSION_DENIED), and removing them stays a manual step.
 */
export async function applyFacebookAction(context: ConnectorContext, target: SnapshotTarget, request: ActionRequest): Promise<ActionResult> {
  const token = target.credentials.extra?.pageAccessToken ?? target.credentials.accessToken;
  const pageId = target.externalId;
  const call = (method: 'POST' | 'DELETE', path: string, params: Record<string, string> = {}) =>
    graphCall(context, context.http, { method, path, params, token, objectId: pageId });
  let platformResponse: Record<string, unknown>;
  switch (request.kind) {
    case RemediationKind.UPDATE_PROFILE_TEXT:
      platformResponse = await call('POST', pageId, { about: stringParam(request, 'text') });
      break;
    case RemediationKind.UPDATE_WEBSITE:
      platformResponse = await call('POST', pageId, { website: stringParam(request, 'url') });
      break;
    case RemediationKind.SET_AUDIENCE_PRIVATE:
      platformResponse = await call('POST', pageId, { is_published: 'false' });
      break;
    case RemediationKind.HIDE_COMMENT:
      platformResponse = await call('POST', stringParam(request, 'commentId'), { is_hidden: 'true' });
      break;
    case RemediationKind.DELETE_COMMENT:
      platformResponse = await call('DELETE', stringParam(request, 'commentId'));
      break;
    case RemediationKind.HIDE_POST:
      platformResponse = await call('POST', stringParam(request, 'postId'), { is_hidden: 'true' });
      break;
    case RemediationKind.DELETE_POST:
      platformResponse = await call('DELETE', stringParam(request, 'postId'));
      break;
    case RemediationKind.REMOVE_ADMIN:
      platformResponse = await call('DELETE', `${pageId}/assigned_users`, { user: stringParam(request, 'userId') });
      break;
    case RemediationKind.ADD_ADMIN:
      platformResponse = await call('POST', `${pageId}/assigned_users`, {
        user: stringParam(request, 'userId'),
        tasks: JSON.stringify(tasksParam(request)),
      });
      break;
    default:
      throw badRequest(`Facebook cannot apply ${request.kind} through its API`);
  }
  return { platformResponse };
}
