import { isRecord, retryUnavailable } from '../http/platform-http';
import { PlatformErrorKind } from '../platform-error';
import { RemediationKind, type ActionRequest, type ActionResult, type ConnectorContext, type SnapshotTarget } from '../provider';
import { xError } from './errors';
import { idSegment, xRequest, type XCall } from './requests';

/** platforms.md §3.3 / §6: hide replies, delete own posts, edit bio and website. Protecting the account is manual. */
export const X_REMEDIATIONS: RemediationKind[] = [
  RemediationKind.HIDE_COMMENT,
  RemediationKind.DELETE_POST,
  RemediationKind.UPDATE_PROFILE_TEXT,
  RemediationKind.UPDATE_WEBSITE,
];

function stringParam(request: ActionRequest, name: string): string {
  const value = request.params[name];
  if (typeof value !== 'string') throw xError(PlatformErrorKind.BAD_REQUEST, `${request.kind} needs a ${name} text parameter`);
  return value;
}

/** X answers `{"data":{"<flag>":true}}` when it did what was asked. */
function confirmed(body: Record<string, unknown>, flag: string, expected: boolean): Record<string, unknown> {
  if (!isRecord(body.data) || body.data[flag] !== expected) {
    throw xError(PlatformErrorKind.BAD_RESPONSE, `X did not confirm ${flag}=${String(expected)}`);
  }
  return body;
}

/** PUTs are idempotent and retried on a brief 5xx; DELETE is not (a retry after success would answer 404). */
export async function applyXAction(context: ConnectorContext, target: SnapshotTarget, request: ActionRequest): Promise<ActionResult> {
  const call: XCall = { context, http: context.http, accessToken: target.credentials.accessToken };
  switch (request.kind) {
    case RemediationKind.HIDE_COMMENT: {
      const replyId = idSegment(stringParam(request, 'commentId'), 'commentId');
      const body = await retryUnavailable(() => xRequest(call, 'PUT', `/2/tweets/${replyId}/hidden`, { json: { hidden: true } }));
      return { platformResponse: confirmed(body, 'hidden', true) };
    }
    case RemediationKind.DELETE_POST: {
      const postId = idSegment(stringParam(request, 'postId'), 'postId');
      return { platformResponse: confirmed(await xRequest(call, 'DELETE', `/2/tweets/${postId}`), 'deleted', true) };
    }
    case RemediationKind.UPDATE_PROFILE_TEXT: {
      const description = stringParam(request, 'text');
      return { platformResponse: await retryUnavailable(() => xRequest(call, 'PUT', '/2/users/me', { json: { description } })) };
    }
    case RemediationKind.UPDATE_WEBSITE: {
      const url = stringParam(request, 'url');
      return { platformResponse: await retryUnavailable(() => xRequest(call, 'PUT', '/2/users/me', { json: { url } })) };
    }
    default:
      throw xError(PlatformErrorKind.BAD_REQUEST, `X has no API for ${request.kind}`);
  }
}
