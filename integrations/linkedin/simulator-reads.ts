import type { Request, Response, Router } from 'express';
import { allowed, denyAccess, grantOf, SCOPES, type LinkedinApiDependencies } from './simulator-access';
import {
  aclJson,
  commentJson,
  organizationJson,
  ORGANIZATION_ROLES,
  postJson,
  ROLE_STATES,
  socialMetadataJson,
  type SimulatedOrganization,
} from './simulator-data';
import {
  batchResponse,
  listParam,
  pathKey,
  project,
  projectedFields,
  rawQuery,
  scalarParam,
  sendIllegalArgument,
  sendNotFound,
  servePage,
} from './simulator-restli';

const ACL_PAGE = { defaultCount: 10, maxCount: 100 };
const POST_PAGE = { defaultCount: 10, maxCount: 100 };
const COMMENT_PAGE = { defaultCount: 10, maxCount: 100 };
/** platforms.md lists `COMPANY_FOLLOWED_BY_MEMBER`; LinkedIn's Postman collection spells it `CompanyFollowedByMember` [U]. */
const FOLLOWER_EDGE_TYPES = ['COMPANY_FOLLOWED_BY_MEMBER', 'CompanyFollowedByMember'];

type BatchOutcome = { entity: Record<string, unknown> } | { status: number; code: string; message: string };

/** The decoded value of a parameter that must be present and URL-encoded; answers 400 and returns null otherwise. */
function requiredParam(request: Request, response: Response, name: string): string | null {
  const value = scalarParam(rawQuery(request), name);
  if (value === undefined) sendIllegalArgument(response, `Missing required parameter: ${name}`);
  if (value === null) sendIllegalArgument(response, `Parameter ${name} must be URL-encoded`);
  return value ?? null;
}

/** Optional role/state filters; false after answering 400. */
function roleFilters(request: Request, response: Response): { role?: string; state?: string } | false {
  const query = rawQuery(request);
  const role = scalarParam(query, 'role');
  const state = scalarParam(query, 'state');
  if (role === null || (role !== undefined && !(ORGANIZATION_ROLES as readonly string[]).includes(role))) {
    sendIllegalArgument(response, 'Invalid role');
    return false;
  }
  if (state === null || (state !== undefined && !(ROLE_STATES as readonly string[]).includes(state))) {
    sendIllegalArgument(response, 'Invalid state');
    return false;
  }
  return { role, state };
}

export function mountLinkedinReads(router: Router, { store, control }: LinkedinApiDependencies): void {
  const organizationFromUrn = (response: Response, urn: string): SimulatedOrganization | null => {
    const match = /^urn:li:organization:(\d+)$/.exec(urn);
    if (!match) {
      sendIllegalArgument(response, `Invalid organization URN: ${urn}`);
      return null;
    }
    const organization = store.organization(Number(match[1]));
    if (!organization) sendNotFound(response, `Organization ${match[1]} not found`);
    return organization ?? null;
  };

  router.get('/rest/organizationAcls', (request, response) => {
    if (!allowed(response, SCOPES.READ_ADMIN, 'organizationAcls.FINDER')) return;
    const q = requiredParam(request, response, 'q');
    if (q === null) return;
    const filters = roleFilters(request, response);
    if (!filters) return;
    const keep = (acl: { role: string; state: string }) =>
      (!filters.role || acl.role === filters.role) && (!filters.state || acl.state === filters.state);
    const member = grantOf(response).userId;
    if (q === 'roleAssignee') {
      const rows = store.aclsOfMember(member).filter(({ acl }) => keep(acl));
      return servePage(request, response, control, rows.map(({ organization, acl }) => aclJson(organization, acl)), ACL_PAGE);
    }
    if (q !== 'organization') return sendIllegalArgument(response, `Unknown finder: ${q}`);
    const urn = requiredParam(request, response, 'organization');
    const organization = urn === null ? null : organizationFromUrn(response, urn);
    if (!organization) return;
    if (!store.isAdministrator(member, organization)) return denyAccess(response, 'organizationAcls.FINDER-organization');
    const rows = organization.acls.filter(keep).map((acl) => aclJson(organization, acl));
    servePage(request, response, control, rows, ACL_PAGE);
  });

  const organizationOutcome = (member: string, id: string, fields: Set<string> | null): BatchOutcome => {
    const organization = /^\d+$/.test(id) ? store.organization(Number(id)) : undefined;
    if (!organization) return { status: 404, code: 'NOT_FOUND', message: `Organization ${id} not found` };
    if (!store.canRead(member, organization)) {
      return { status: 403, code: 'ACCESS_DENIED', message: 'Not enough permissions to access: organizations.BATCH_GET' };
    }
    return { entity: project(organizationJson(organization), fields) };
  };

  router.get('/rest/organizations', (request, response) => {
    if (!allowed(response, SCOPES.READ_ADMIN, 'organizations.BATCH_GET')) return;
    const ids = listParam(rawQuery(request).get('ids'));
    if (!ids) return sendIllegalArgument(response, 'ids must be List(id,...)');
    const fields = projectedFields(request);
    const member = grantOf(response).userId;
    batchResponse(response, [...new Set(ids)].map((id) => [id, organizationOutcome(member, id, fields)]));
  });

  router.get('/rest/organizations/:id', (request, response) => {
    if (!allowed(response, SCOPES.READ_ADMIN, 'organizations.GET')) return;
    const outcome = organizationOutcome(grantOf(response).userId, String(request.params.id), projectedFields(request));
    if ('entity' in outcome) return void response.json(outcome.entity);
    if (outcome.status === 404) return sendNotFound(response, outcome.message);
    denyAccess(response, 'organizations.GET');
  });

  router.get('/rest/posts', (request, response) => {
    if (!allowed(response, SCOPES.READ_SOCIAL, 'posts.FINDER')) return;
    if (requiredParam(request, response, 'q') === null) return;
    if (scalarParam(rawQuery(request), 'q') !== 'author') return sendIllegalArgument(response, 'Unknown finder');
    const author = requiredParam(request, response, 'author');
    const organization = author === null ? null : organizationFromUrn(response, author);
    if (!organization) return;
    if (!store.canRead(grantOf(response).userId, organization)) return denyAccess(response, 'posts.FINDER-author');
    const sortBy = scalarParam(rawQuery(request), 'sortBy') ?? 'LAST_MODIFIED';
    if (sortBy !== 'LAST_MODIFIED' && sortBy !== 'CREATED') return sendIllegalArgument(response, 'sortBy must be CREATED or LAST_MODIFIED');
    const posts = organization.posts.map((post) => postJson(organization, post));
    const key = sortBy === 'CREATED' ? 'createdAt' : 'lastModifiedAt';
    posts.sort((left, right) => Number(right[key]) - Number(left[key]));
    servePage(request, response, control, posts, POST_PAGE);
  });

  router.get('/rest/networkSizes/:urn', (request, response) => {
    const urn = pathKey(request, '/rest/networkSizes/');
    if (urn === null) return sendIllegalArgument(response, 'The URN in the path must be URL-encoded');
    const edgeType = requiredParam(request, response, 'edgeType');
    if (edgeType === null) return;
    if (!FOLLOWER_EDGE_TYPES.includes(edgeType)) return sendIllegalArgument(response, `Invalid edgeType: ${edgeType}`);
    const organization = organizationFromUrn(response, urn);
    if (!organization) return;
    response.json({ firstDegreeSize: organization.followerCount });
  });

  const metadataOutcome = (member: string, urn: string): BatchOutcome => {
    const found = store.findPost(urn);
    if (!found) return { status: 404, code: 'NOT_FOUND', message: `${urn} not found` };
    if (!store.canRead(member, found.organization)) {
      return { status: 403, code: 'ACCESS_DENIED', message: 'Not enough permissions to access: socialMetadata.BATCH_GET' };
    }
    return { entity: socialMetadataJson(found.post) };
  };

  router.get('/rest/socialMetadata', (request, response) => {
    if (!allowed(response, SCOPES.READ_SOCIAL, 'socialMetadata.BATCH_GET')) return;
    const ids = listParam(rawQuery(request).get('ids'));
    if (!ids) return sendIllegalArgument(response, 'ids must be List(urn,...) with every URN URL-encoded');
    const member = grantOf(response).userId;
    batchResponse(response, [...new Set(ids)].map((urn) => [urn, metadataOutcome(member, urn)]));
  });

  router.get('/rest/socialMetadata/:urn', (request, response) => {
    if (!allowed(response, SCOPES.READ_SOCIAL, 'socialMetadata.GET')) return;
    const urn = pathKey(request, '/rest/socialMetadata/');
    if (urn === null) return sendIllegalArgument(response, 'The URN in the path must be URL-encoded');
    const outcome = metadataOutcome(grantOf(response).userId, urn);
    if ('entity' in outcome) return void response.json(outcome.entity);
    if (outcome.status === 404) return sendNotFound(response, outcome.message);
    denyAccess(response, 'socialMetadata.GET');
  });

  router.get('/rest/socialActions/:urn/comments', (request, response) => {
    if (!allowed(response, SCOPES.READ_SOCIAL, 'socialActions.comments.GET_ALL')) return;
    const urn = pathKey(request, '/rest/socialActions/');
    if (urn === null) return sendIllegalArgument(response, 'The URN in the path must be URL-encoded');
    const found = store.findPost(urn);
    if (!found) return sendNotFound(response, `${urn} not found`);
    if (!store.canRead(grantOf(response).userId, found.organization)) return denyAccess(response, 'socialActions.comments.GET_ALL');
    const comments = found.post.comments.map((comment) => commentJson(found.post, comment));
    servePage(request, response, control, comments, COMMENT_PAGE);
  });
}
