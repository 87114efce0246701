import type { Request, Response, Router } from 'express';
import { isRecord } from '../http/platform-http';
import { allowed, denyAccess, grantOf, SCOPES, type LinkedinApiDependencies } from './simulator-access';
import { ORGANIZATION_ROLES, organizationUrn, personUrn, ROLE_STATES, type OrganizationRole, type RoleState } from './simulator-data';
import { compoundKey, pathKey, rawQuery, scalarParam, sendIllegalArgument, sendNotFound, sendRestliError } from './simulator-restli';

/** Rest.li tunnels PARTIAL_UPDATE through POST and says so in this header. */
function isPartialUpdate(request: Request, response: Response): boolean {
  if (request.get('x-restli-method')?.toUpperCase() === 'PARTIAL_UPDATE') return true;
  sendIllegalArgument(response, 'POST on an entity needs X-RestLi-Method: PARTIAL_UPDATE');
  return false;
}

/** `{"patch":{"$set":{...},"$delete":[...]}}` → the fields to set and to clear; null after answering 400. */
function patchOf(request: Request, response: Response): { set: Record<string, unknown>; remove: string[] } | null {
  const body: unknown = request.body;
  const patch = isRecord(body) ? body.patch : undefined;
  const set = isRecord(patch) ? (patch.$set ?? {}) : undefined;
  const remove = isRecord(patch) ? (patch.$delete ?? []) : undefined;
  if (!isRecord(set) || !Array.isArray(remove) || !remove.every((name) => typeof name === 'string')) {
    sendIllegalArgument(response, 'Body must be {"patch":{"$set":{...}}}');
    return null;
  }
  return { set, remove: remove as string[] };
}

/** A localized text field: `localizedX` (a string) or `x` ({localized:{en_US:...}}); undefined when neither is valid. */
function localizedText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isRecord(value) && isRecord(value.localized)) {
    const first = Object.values(value.localized)[0];
    if (typeof first === 'string') return first;
  }
  return undefined;
}

const UPDATABLE = new Map<string, 'description' | 'website'>([
  ['localizedDescription', 'description'],
  ['description', 'description'],
  ['localizedWebsite', 'website'],
  ['website', 'website'],
]);

export function mountLinkedinWrites(router: Router, { store }: LinkedinApiDependencies): void {
  router.post('/rest/organizations/:id', (request, response) => {
    if (!isPartialUpdate(request, response) || !allowed(response, SCOPES.WRITE_ADMIN, 'organizations.PARTIAL_UPDATE')) return;
    const organization = /^\d+$/.test(String(request.params.id)) ? store.organization(Number(request.params.id)) : undefined;
    if (!organization) return sendNotFound(response, `Organization ${String(request.params.id)} not found`);
    if (!store.isAdministrator(grantOf(response).userId, organization)) return denyAccess(response, 'organizations.PARTIAL_UPDATE');
    const patch = patchOf(request, response);
    if (!patch) return;
    const changes: Array<['description' | 'website', string | null]> = [];
    for (const [name, value] of Object.entries(patch.set)) {
      const target = UPDATABLE.get(name);
      const text = localizedText(value);
      if (!target || text === undefined) return sendIllegalArgument(response, `Field ${name} cannot be set to this value`);
      changes.push([target, text]);
    }
    for (const name of patch.remove) {
      const target = UPDATABLE.get(name);
      if (!target) return sendIllegalArgument(response, `Field ${name} cannot be deleted`);
      changes.push([target, null]);
    }
    for (const [target, value] of changes) organization[target] = value;
    response.status(204).end();
  });

  /** UPDATE of one ACL row, keyed by (organization,role,roleAssignee); creates the row when it is new. */
  router.put('/rest/organizationAcls/:key', (request, response) => {
    if (!allowed(response, SCOPES.WRITE_ADMIN, 'organizationAcls.UPDATE')) return;
    const key = compoundKey(request.path.slice('/rest/organizationAcls/'.length));
    const body: unknown = request.body;
    if (!key || !key.organization || !key.role || !key.roleAssignee) {
      return sendIllegalArgument(response, 'Key must be (organization:{urn},role:{role},roleAssignee:{urn}) with URNs URL-encoded');
    }
    if (!isRecord(body) || !(ROLE_STATES as readonly unknown[]).includes(body.state)) {
      return sendIllegalArgument(response, `Body must carry state, one of ${ROLE_STATES.join(', ')}`);
    }
    for (const name of ['organization', 'role', 'roleAssignee'] as const) {
      if (body[name] !== undefined && body[name] !== key[name]) return sendIllegalArgument(response, `Body ${name} does not match the key`);
    }
    if (!(ORGANIZATION_ROLES as readonly string[]).includes(key.role)) return sendIllegalArgument(response, `Invalid role ${key.role}`);
    const organizationId = /^urn:li:organization:(\d+)$/.exec(key.organization)?.[1];
    const organization = organizationId ? store.organization(Number(organizationId)) : undefined;
    if (!organization) return sendNotFound(response, `${key.organization} not found`);
    if (!store.isAdministrator(grantOf(response).userId, organization)) return denyAccess(response, 'organizationAcls.UPDATE');
    const member = store.memberByUrn(key.roleAssignee);
    if (!member) return sendNotFound(response, `${key.roleAssignee} is not a LinkedIn member`);
    const state = body.state as RoleState;
    const role = key.role as OrganizationRole;
    const row = organization.acls.find((acl) => acl.member === member.id && acl.role === role);
    const approvedAdministrators = organization.acls.filter((acl) => acl.role === 'ADMINISTRATOR' && acl.state === 'APPROVED');
    if (role === 'ADMINISTRATOR' && state !== 'APPROVED' && approvedAdministrators.length === 1 && approvedAdministrators[0] === row) {
      return sendRestliError(response, 422, 'An organization must keep at least one approved ADMINISTRATOR', { code: 'UNPROCESSABLE_ENTITY' });
    }
    if (row) row.state = state;
    else store.addAcl(organization, { member: member.id, role, state });
    response.status(204).end();
  });

  router.delete('/rest/posts/:urn', (request, response) => {
    if (!allowed(response, SCOPES.WRITE_SOCIAL, 'posts.DELETE')) return;
    const urn = pathKey(request, '/rest/posts/');
    if (urn === null) return sendIllegalArgument(response, 'The URN in the path must be URL-encoded');
    const found = store.findPost(urn);
    if (!found) return sendNotFound(response, `${urn} not found`);
    if (!store.canModerate(grantOf(response).userId, found.organization)) return denyAccess(response, 'posts.DELETE');
    found.organization.posts = found.organization.posts.filter((post) => post !== found.post);
    response.status(204).end();
  });

  /** `actor` (required on social actions): the member, or an organization the member moderates. */
  const actorAllowed = (request: Request, response: Response, organizationId: number): boolean => {
    const actor = scalarParam(rawQuery(request), 'actor');
    if (!actor) {
      sendIllegalArgument(response, 'Missing or unencoded required parameter: actor');
      return false;
    }
    if (actor === personUrn(grantOf(response).userId) || actor === organizationUrn(organizationId)) return true;
    denyAccess(response, 'socialActions (actor)');
    return false;
  };

  router.post('/rest/socialMetadata/:urn', (request, response) => {
    if (!isPartialUpdate(request, response) || !allowed(response, SCOPES.WRITE_SOCIAL, 'socialMetadata.PARTIAL_UPDATE')) return;
    const urn = pathKey(request, '/rest/socialMetadata/');
    if (urn === null) return sendIllegalArgument(response, 'The URN in the path must be URL-encoded');
    const found = store.findPost(urn);
    if (!found) return sendNotFound(response, `${urn} not found`);
    if (!actorAllowed(request, response, found.organization.id)) return;
    if (!store.canModerate(grantOf(response).userId, found.organization)) return denyAccess(response, 'socialMetadata.PARTIAL_UPDATE');
    const patch = patchOf(request, response);
    if (!patch) return;
    const state = patch.set.commentsState;
    if (state !== 'OPEN' && state !== 'CLOSED') return sendIllegalArgument(response, 'commentsState must be OPEN or CLOSED');
    found.post.commentsState = state;
    response.status(204).end();
  });

  router.delete('/rest/socialActions/:urn/comments/:commentId', (request, response) => {
    if (!allowed(response, SCOPES.WRITE_SOCIAL, 'socialActions.comments.DELETE')) return;
    const urn = pathKey(request, '/rest/socialActions/');
    if (urn === null) return sendIllegalArgument(response, 'The URN in the path must be URL-encoded');
    const found = store.findPost(urn);
    const comment = found?.post.comments.find((candidate) => candidate.id === request.params.commentId);
    if (!found || !comment) return sendNotFound(response, 'Comment not found');
    if (!actorAllowed(request, response, found.organization.id)) return;
    if (!store.canModerate(grantOf(response).userId, found.organization)) return denyAccess(response, 'socialActions.comments.DELETE');
    found.post.comments = found.post.comments.filter((candidate) => candidate !== comment);
    response.status(204).end();
  });
}
