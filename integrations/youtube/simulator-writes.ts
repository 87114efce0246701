import express, { type Request, type Response, type Router } from 'express';
import { isRecord } from '../http/platform-http';
import { manages, type SimulatedChannel, type SimulatedComment, type SimulatedVideo } from './simulator-data';
import { queryValue, sendGoogleError, sendInvalidValue, sendMissingParameter, sendSelected } from './simulator-google';
import { COMMENT_SCOPES, WRITE_SCOPES, apiGate, requireScope, viewerOf, type YouTubeSimulatorState } from './simulator-gate';
import { channelResource, videoResource } from './simulator-resources';

/** Google's quota cost of channels.update, videos.update, comments.setModerationStatus and comments.delete. */
const WRITE_UNITS = 50;

/** The one part a write accepts; answers 400 otherwise. */
function writablePart(request: Request, response: Response, allowed: string): boolean {
  const part = queryValue(request, 'part');
  if (!part) {
    sendMissingParameter(response, 'part');
    return false;
  }
  if (part !== allowed) {
    sendGoogleError(response, 400, {
      reason: 'unexpectedPart',
      domain: 'youtube.part',
      message: `'${part}'`,
      location: 'part',
    });
    return false;
  }
  return true;
}

function resourceId(request: Request, response: Response): string | null {
  const body: unknown = request.body;
  if (isRecord(body) && typeof body.id === 'string' && body.id) return body.id;
  sendGoogleError(response, 400, { reason: 'required', message: 'Required parameter: id', location: 'resource.id' });
  return null;
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function commentsOrRefuse(
  state: YouTubeSimulatorState,
  response: Response,
  ids: string[],
  allowed: (found: { channel: SimulatedChannel; video: SimulatedVideo; comment: SimulatedComment }) => boolean,
): SimulatedComment[] | null {
  const comments: SimulatedComment[] = [];
  for (const id of ids) {
    const found = state.store.comment(id);
    if (!found) {
      sendGoogleError(response, 404, {
        reason: 'commentNotFound',
        domain: 'youtube.comment',
        message: 'The specified comment could not be found.',
        location: 'id',
      });
      return null;
    }
    if (!allowed(found)) {
      sendGoogleError(response, 403, {
        reason: 'forbidden',
        domain: 'youtube.comment',
        message: 'The comment could not be updated due to insufficient permissions.',
      });
      return null;
    }
    comments.push(found.comment);
  }
  return comments;
}

/** channels.update (brandingSettings), videos.update (status), comments.setModerationStatus, comments.delete. */
export function registerWriteRoutes(router: Router, state: YouTubeSimulatorState): void {
  const { store } = state;
  const json = express.json({ limit: '1mb' });

  // "This method overrides the existing values for all of the mutable properties that are contained in the part."
  router.put('/youtube/v3/channels', json, apiGate(state, WRITE_UNITS), (request, response) => {
    if (!requireScope(response, WRITE_SCOPES)) return;
    if (!writablePart(request, response, 'brandingSettings')) return;
    const id = resourceId(request, response);
    if (!id) return;
    const channel = store.channel(id);
    if (!channel) {
      return sendGoogleError(response, 404, {
        reason: 'channelNotFound',
        domain: 'youtube.channel',
        message: 'The channel identified in the request could not be found.',
      });
    }
    if (!manages(channel, viewerOf(response).userId)) {
      return sendGoogleError(response, 403, {
        reason: 'channelForbidden',
        domain: 'youtube.channel',
        message: 'The channel identified in the request does not support the request or the request is not properly authorized.',
      });
    }
    const body: unknown = request.body;
    const settings = isRecord(body) && isRecord(body.brandingSettings) ? body.brandingSettings : {};
    const branding = isRecord(settings.channel) ? settings.channel : {};
    const description = typeof branding.description === 'string' ? branding.description : '';
    if (description.length > 1000) {
      return sendGoogleError(response, 400, {
        reason: 'brandingValidationError',
        domain: 'youtube.channel',
        message: 'The channel description is too long.',
      });
    }
    // The title is not writable through the API (Studio only); whatever is sent for it is ignored.
    channel.description = description;
    channel.keywords = typeof branding.keywords === 'string' ? branding.keywords : '';
    channel.country = optionalString(branding.country);
    channel.defaultLanguage = optionalString(branding.defaultLanguage);
    sendSelected(request, response, channelResource(channel, new Set(['brandingSettings'])));
  });

  router.put('/youtube/v3/videos', json, apiGate(state, WRITE_UNITS), (request, response) => {
    if (!requireScope(response, WRITE_SCOPES)) return;
    if (!writablePart(request, response, 'status')) return;
    const id = resourceId(request, response);
    if (!id) return;
    const found = store.video(id);
    if (!found) {
      return sendGoogleError(response, 404, {
        reason: 'videoNotFound',
        domain: 'youtube.video',
        message: 'The video that you are trying to update cannot be found.',
      });
    }
    if (!manages(found.channel, viewerOf(response).userId)) {
      return sendGoogleError(response, 403, {
        reason: 'forbidden',
        domain: 'youtube.video',
        message: 'The video that you are trying to update is not owned by the authorized user.',
      });
    }
    const body: unknown = request.body;
    const status = isRecord(body) && isRecord(body.status) ? body.status : {};
    const privacyStatus = status.privacyStatus;
    if (privacyStatus !== 'public' && privacyStatus !== 'unlisted' && privacyStatus !== 'private') {
      return sendGoogleError(response, 400, {
        reason: 'invalidVideoMetadata',
        domain: 'youtube.video',
        message: 'The request metadata is invalid.',
      });
    }
    const publishAt = optionalString(status.publishAt);
    if (publishAt && privacyStatus !== 'private') {
      return sendGoogleError(response, 400, {
        reason: 'invalidPublishAt',
        domain: 'youtube.video',
        message: 'The request metadata specifies an invalid scheduled publishing time.',
      });
    }
    const { video, channel } = found;
    video.privacyStatus = privacyStatus;
    video.publishAt = publishAt;
    video.embeddable = status.embeddable !== false;
    video.license = status.license === 'creativeCommon' ? 'creativeCommon' : 'youtube';
    video.publicStatsViewable = status.publicStatsViewable !== false;
    if (typeof status.selfDeclaredMadeForKids === 'boolean') video.selfDeclaredMadeForKids = status.selfDeclaredMadeForKids;
    sendSelected(request, response, videoResource(channel, video, new Set(['status'])));
  });

  router.post('/youtube/v3/comments/setModerationStatus', apiGate(state, WRITE_UNITS), (request, response) => {
    if (!requireScope(response, COMMENT_SCOPES)) return;
    const ids = queryValue(request, 'id');
    if (!ids) return sendMissingParameter(response, 'id');
    const moderationStatus = queryValue(request, 'moderationStatus');
    if (!moderationStatus) return sendMissingParameter(response, 'moderationStatus');
    if (moderationStatus !== 'heldForReview' && moderationStatus !== 'published' && moderationStatus !== 'rejected') {
      return sendInvalidValue(response, 'moderationStatus', moderationStatus);
    }
    if (queryValue(request, 'banAuthor') === 'true' && moderationStatus !== 'rejected') {
      return sendGoogleError(response, 400, {
        reason: 'banWithoutReject',
        domain: 'youtube.comment',
        message: 'The banAuthor parameter can only be used if the moderationStatus parameter value is rejected.',
        location: 'banAuthor',
      });
    }
    const userId = viewerOf(response).userId;
    const comments = commentsOrRefuse(state, response, ids.split(',').filter(Boolean), ({ channel }) => manages(channel, userId));
    if (!comments) return;
    for (const comment of comments) comment.moderationStatus = moderationStatus;
    response.status(204).end();
  });

  // Google documents comments.delete for the comment's author; the simulator also lets the channel's managers
  // delete comments on their videos, which is what a moderator's DELETE_COMMENT needs.
  router.delete('/youtube/v3/comments', apiGate(state, WRITE_UNITS), (request, response) => {
    if (!requireScope(response, COMMENT_SCOPES)) return;
    const id = queryValue(request, 'id');
    if (!id) return sendMissingParameter(response, 'id');
    const userId = viewerOf(response).userId;
    const allowed = ({ channel, comment }: { channel: SimulatedChannel; comment: SimulatedComment }) => {
      const author = store.channel(comment.authorChannelId);
      return manages(channel, userId) || (author !== undefined && manages(author, userId));
    };
    if (!commentsOrRefuse(state, response, [id], allowed)) return;
    store.deleteComment(id);
    response.status(204).end();
  });
}
