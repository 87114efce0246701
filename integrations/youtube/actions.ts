import { Platform } from '../../src/accounts/account.enums';
import { isRecord } from '../http/platform-http';
import { PlatformError, PlatformErrorKind } from '../platform-error';
import { RemediationKind, type ActionRequest, type ActionResult, type ConnectorContext, type SnapshotTarget } from '../provider';
import { itemsOf, youtubeCall, youtubeRead } from './api';

function refuse(kind: PlatformErrorKind, message: string): PlatformError {
  return new PlatformError({ kind, platform: Platform.YOUTUBE, message });
}

function stringParam(request: ActionRequest, name: string): string {
  const value = request.params[name];
  if (typeof value !== 'string' || value === '') throw refuse(PlatformErrorKind.BAD_REQUEST, `${request.kind} needs params.${name}`);
  return value;
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/**
 * channels.update overwrites every mutable property of the part it is sent, so the current brandingSettings
 * go back with only the description changed (else keywords, country and language would be wiped).
 */
async function updateDescription(context: ConnectorContext, target: SnapshotTarget, description: string): Promise<unknown> {
  const token = target.credentials.accessToken;
  const current = await youtubeRead(context, context.http, token, 'channels', { part: 'brandingSettings', id: target.externalId });
  const channel = itemsOf(current)[0];
  if (!channel) throw refuse(PlatformErrorKind.NOT_FOUND, 'the channel is gone');
  const branding = record(channel.brandingSettings);
  const json = { id: target.externalId, brandingSettings: { ...branding, channel: { ...record(branding.channel), description } } };
  return youtubeCall(context, context.http, token, { method: 'PUT', path: 'channels', query: { part: 'brandingSettings' }, json });
}

/** Status properties videos.update accepts; read-only ones (uploadStatus, madeForKids, ...) are not sent back. */
const MUTABLE_VIDEO_STATUS = ['embeddable', 'license', 'publicStatsViewable', 'selfDeclaredMadeForKids', 'containsSyntheticMedia'];

/**
 * Channel privacy is not writable through the API (platforms.md §4.3), so SET_AUDIENCE_PRIVATE applies to one
 * video (params.postId). videos.update overwrites the whole status part: the current values go back, minus
 * publishAt, which would otherwise publish the now-private video at its scheduled time.
 */
async function makeVideoPrivate(context: ConnectorContext, target: SnapshotTarget, videoId: string): Promise<unknown> {
  const token = target.credentials.accessToken;
  const current = await youtubeRead(context, context.http, token, 'videos', { part: 'status', id: videoId });
  const video = itemsOf(current)[0];
  if (!video) throw refuse(PlatformErrorKind.NOT_FOUND, 'the video is gone or not visible to this account');
  const status = record(video.status);
  const kept = Object.fromEntries(MUTABLE_VIDEO_STATUS.filter((name) => name in status).map((name) => [name, status[name]]));
  const json = { id: videoId, status: { ...kept, privacyStatus: 'private' } };
  return youtubeCall(context, context.http, token, { method: 'PUT', path: 'videos', query: { part: 'status' }, json });
}

/** Applies one remediation through the Data API; YouTube's own refusal comes back as a PlatformError. */
export async function applyYouTubeAction(
  context: ConnectorContext,
  target: SnapshotTarget,
  request: ActionRequest,
): Promise<ActionResult> {
  const token = target.credentials.accessToken;
  switch (request.kind) {
    case RemediationKind.UPDATE_PROFILE_TEXT:
      return { platformResponse: await updateDescription(context, target, stringParam(request, 'text')) };
    case RemediationKind.SET_AUDIENCE_PRIVATE:
      return { platformResponse: await makeVideoPrivate(context, target, stringParam(request, 'postId')) };
    case RemediationKind.HIDE_COMMENT: {
      // heldForReview takes the comment off public display and keeps it restorable from Studio.
      const commentId = stringParam(request, 'commentId');
      const query = { id: commentId, moderationStatus: 'heldForReview' };
      await youtubeCall(context, context.http, token, { method: 'POST', path: 'comments/setModerationStatus', query });
      return { platformResponse: { status: 204, commentId, moderationStatus: 'heldForReview' } };
    }
    case RemediationKind.DELETE_COMMENT: {
      const commentId = stringParam(request, 'commentId');
      await youtubeCall(context, context.http, token, { method: 'DELETE', path: 'comments', query: { id: commentId } });
      return { platformResponse: { status: 204, commentId, deleted: true } };
    }
    default:
      throw refuse(PlatformErrorKind.BAD_REQUEST, `YouTube cannot apply ${request.kind} through its API`);
  }
}
