import type { ActionRequest, ActionResult, ConnectorContext, SnapshotTarget } from '../provider';
import { RemediationKind } from '../provider';
import { PlatformErrorKind } from '../platform-error';
import { graphRequest, instagramError } from './graph-request';

/** What Instagram's API can change (platforms.md §2.3); profile text, website and privacy are manual. */
export const INSTAGRAM_REMEDIATIONS: readonly RemediationKind[] = [
  RemediationKind.DISABLE_POST_COMMENTS,
  RemediationKind.HIDE_COMMENT,
  RemediationKind.DELETE_COMMENT,
];

function idParameter(request: ActionRequest, name: 'postId' | 'commentId'): string {
  const value = request.params[name];
  if (typeof value !== 'string' || !/^\d+$/.test(value)) {
    throw instagramError(PlatformErrorKind.BAD_REQUEST, `${request.kind} needs a numeric ${name}`);
  }
  return value;
}

/**
 * Applies one remediation with the account's token. Instagram answers `{"success":true}`; the answer is kept
 * as evidence. Writes are not retried here: the remediation lifecycle decides when to try again.
 */
export async function applyInstagramAction(
  context: ConnectorContext,
  target: SnapshotTarget,
  request: ActionRequest,
): Promise<ActionResult> {
  const call = { http: context.http, apiUrl: context.apiUrl, now: context.now };
  const token = target.credentials.accessToken;
  let answer: Record<string, unknown>;
  switch (request.kind) {
    case RemediationKind.DISABLE_POST_COMMENTS:
      // Written as `comment_enabled`, read back as `is_comment_enabled` (platforms.md §7).
      answer = await graphRequest(call, `/${idParameter(request, 'postId')}`, { method: 'POST', token, query: { comment_enabled: false } });
      break;
    case RemediationKind.HIDE_COMMENT:
      answer = await graphRequest(call, `/${idParameter(request, 'commentId')}`, { method: 'POST', token, query: { hide: true } });
      break;
    case RemediationKind.DELETE_COMMENT:
      answer = await graphRequest(call, `/${idParameter(request, 'commentId')}`, { method: 'DELETE', token });
      break;
    default:
      throw instagramError(PlatformErrorKind.BAD_REQUEST, `Instagram's API cannot apply ${request.kind}`);
  }
  if (answer.success !== true) throw instagramError(PlatformErrorKind.BAD_RESPONSE, 'Instagram did not confirm the change');
  return { platformResponse: answer };
}
