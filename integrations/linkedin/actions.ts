import { Platform } from '../../src/accounts/account.enums';
import type { HttpResponse } from '../http/platform-http';
import { PlatformError, PlatformErrorKind } from '../platform-error';
import { RemediationKind, type ActionRequest, type ActionResult, type ConnectorContext, type SnapshotTarget } from '../provider';
import { callLinkedin, organizationId, organizationUrn, readAllPages, restliEncode, type LinkedinCall } from './restli';

function badRequest(message: string): PlatformError {
  return new PlatformError({ kind: PlatformErrorKind.BAD_REQUEST, platform: Platform.LINKEDIN, message });
}

function stringParam(request: ActionRequest, name: string): string {
  const value = request.params[name];
  if (typeof value !== 'string' || value.length === 0) throw badRequest(`${request.kind} needs the parameter ${name}`);
  return value;
}

function rolesParam(request: ActionRequest): string[] | null {
  const value = request.params.roles;
  if (value === undefined) return null;
  const roles = (Array.isArray(value) ? value : [value]).filter((role): role is string => typeof role === 'string' && role.length > 0);
  if (roles.length === 0) throw badRequest(`${request.kind} roles must be role names`);
  return roles;
}

function personUrn(userId: string): string {
  if (/^urn:li:person:[A-Za-z0-9_-]+$/.test(userId)) return userId;
  if (/^[A-Za-z0-9_-]+$/.test(userId)) return `urn:li:person:${userId}`;
  throw badRequest('userId must be a person URN or member id');
}

function postUrn(request: ActionRequest): string {
  const urn = stringParam(request, 'postId');
  if (!/^urn:li:(share|ugcPost):\d+$/.test(urn)) throw badRequest('postId must be a share or ugcPost URN');
  return urn;
}

/** The numeric comment id, from itself or from `urn:li:comment:(urn:li:activity:…,ID)`. */
function commentId(request: ActionRequest): string {
  const value = stringParam(request, 'commentId');
  const id = /^(?:urn:li:comment:\(.+,)?(\d+)\)?$/.exec(value)?.[1];
  if (!id) throw badRequest('commentId must be a comment id or comment URN');
  return id;
}

/** What the platform said, kept as evidence: status, Rest.li id and body (writes mostly answer 204, no body). */
function evidence(response: HttpResponse): Record<string, unknown> {
  const restliId = response.headers.get('x-restli-id');
  return { status: response.status, ...(restliId && { id: restliId }), ...(response.body !== null && { body: response.body }) };
}

/**
 * The remediations LinkedIn's Community Management API allows. Admin changes are Rest.li UPDATEs of one
 * organizationAcls row keyed (organization,role,roleAssignee): state APPROVED adds, REVOKED removes
 * (platforms.md: PUT is listed, payload unconfirmed — this is our choice).
 */
export async function applyLinkedinAction(context: ConnectorContext, target: SnapshotTarget, request: ActionRequest): Promise<ActionResult> {
  const id = organizationId(target.externalId);
  if (!id) throw badRequest('the target is not a LinkedIn organization id');
  const organization = organizationUrn(id);
  const token = target.credentials.accessToken;
  const call = async (details: Omit<LinkedinCall, 'token'>) => evidence(await callLinkedin(context, context.http, { ...details, token }));
  const actor = `actor=${restliEncode(organization)}`;
  const setAclState = async (person: string, role: string, state: 'APPROVED' | 'REVOKED') => ({
    role,
    ...(await call({
      method: 'PUT',
      path: `/organizationAcls/(organization:${restliEncode(organization)},role:${role},roleAssignee:${restliEncode(person)})`,
      json: { organization, role, roleAssignee: person, state },
    })),
  });

  switch (request.kind) {
    case RemediationKind.UPDATE_PROFILE_TEXT:
    case RemediationKind.UPDATE_WEBSITE: {
      const patch =
        request.kind === RemediationKind.UPDATE_PROFILE_TEXT
          ? { localizedDescription: stringParam(request, 'text') }
          : { localizedWebsite: stringParam(request, 'url') };
      return { platformResponse: await call({ method: 'POST', path: `/organizations/${id}`, restliMethod: 'PARTIAL_UPDATE', json: { patch: { $set: patch } } }) };
    }
    case RemediationKind.DISABLE_POST_COMMENTS:
      return {
        platformResponse: await call({
          method: 'POST',
          path: `/socialMetadata/${restliEncode(postUrn(request))}?${actor}`,
          restliMethod: 'PARTIAL_UPDATE',
          json: { patch: { $set: { commentsState: 'CLOSED' } } },
        }),
      };
    case RemediationKind.DELETE_COMMENT:
      return {
        platformResponse: await call({
          method: 'DELETE',
          path: `/socialActions/${restliEncode(postUrn(request))}/comments/${commentId(request)}?${actor}`,
        }),
      };
    case RemediationKind.DELETE_POST:
      return { platformResponse: await call({ method: 'DELETE', path: `/posts/${restliEncode(postUrn(request))}`, restliMethod: 'DELETE' }) };
    case RemediationKind.ADD_ADMIN: {
      const person = personUrn(stringParam(request, 'userId'));
      const roles = rolesParam(request) ?? ['ADMINISTRATOR'];
      const results = [];
      for (const role of roles) results.push(await setAclState(person, role, 'APPROVED'));
      return { platformResponse: results };
    }
    case RemediationKind.REMOVE_ADMIN: {
      const person = personUrn(stringParam(request, 'userId'));
      // Without named roles, every approved role of the person goes (an ANALYST row is access too).
      const roles =
        rolesParam(request) ??
        (await readAllPages(context, context.http, token, `/organizationAcls?q=organization&organization=${restliEncode(organization)}`, { pageSize: 100 }))
          .filter((acl) => acl.roleAssignee === person && acl.state === 'APPROVED' && typeof acl.role === 'string')
          .map((acl) => String(acl.role));
      if (roles.length === 0) {
        throw new PlatformError({ kind: PlatformErrorKind.NOT_FOUND, platform: Platform.LINKEDIN, message: 'the person holds no approved role on this page' });
      }
      const results = [];
      for (const role of roles) results.push(await setAclState(person, role, 'REVOKED'));
      return { platformResponse: results };
    }
    default:
      throw badRequest(`LinkedIn cannot apply ${request.kind}`);
  }
}
