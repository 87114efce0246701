import type { Router } from 'express';
import { manages, type SimulatedChannel, type SimulatedComment, type SimulatedVideo } from './simulator-data';
import { etagOf, queryValue, requestedParts, sendGoogleError, sendInvalidValue, sendSelected } from './simulator-google';
import {
  COMMENT_SCOPES,
  READ_SCOPES,
  apiGate,
  pageOf,
  requireScope,
  singleFilter,
  viewerOf,
  type YouTubeSimulatorState,
} from './simulator-gate';
import {
  CHANNEL_PARTS,
  COMMENT_THREAD_PARTS,
  PLAYLIST_ITEM_PARTS,
  VIDEO_PARTS,
  channelResource,
  commentThreadResource,
  playlistItemResource,
  videoResource,
} from './simulator-resources';

/** The unofficial but long-standing cap on comma-separated `id` lists (platforms.md §4.4 [U]). */
const MAX_IDS = 50;

function idList(raw: string): string[] {
  return [...new Set(raw.split(',').map((id) => id.trim()).filter(Boolean))];
}

function listBody(kind: string, items: unknown[], extra: Record<string, unknown>): Record<string, unknown> {
  const body = { kind, ...extra, items };
  return { kind, etag: etagOf(body), ...extra, items };
}

/** GET channels, playlistItems, commentThreads and videos, with the API's filters, parts and paging. */
export function registerReadRoutes(router: Router, state: YouTubeSimulatorState): void {
  const { store, control } = state;

  router.get('/youtube/v3/channels', apiGate(state, 1), (request, response) => {
    if (!requireScope(response, READ_SCOPES)) return;
    const parts = requestedParts(request, response, CHANNEL_PARTS);
    if (!parts) return;
    const filter = singleFilter(request, response, ['forUsername', 'managedByMe', 'categoryId', 'mine', 'forHandle', 'id']);
    if (!filter) return;
    const value = queryValue(request, filter) ?? '';
    const viewer = viewerOf(response);
    let channels: SimulatedChannel[] = [];
    if (filter === 'id') {
      const ids = idList(value);
      if (ids.length > MAX_IDS) return sendInvalidValue(response, 'id', `${ids.length} ids`);
      channels = ids.map((id) => store.channel(id)).filter((channel) => channel !== undefined);
    } else if (filter === 'forHandle') {
      const channel = store.channelByHandle(value);
      channels = channel ? [channel] : [];
    } else if (filter === 'mine' && value === 'true') {
      channels = store.channelsManagedBy(viewer.userId);
    }
    // forUsername (legacy usernames), categoryId and managedByMe (content owners only) find nothing here.
    let body: Record<string, unknown>;
    if (filter === 'mine') {
      const page = pageOf(request, response, control, channels, { defaultSize: 5, minSize: 0, maxSize: 50 });
      if (!page) return;
      body = listBody('youtube#channelListResponse', page.items.map((channel) => channelResource(channel, parts)), {
        nextPageToken: page.nextPageToken,
        pageInfo: page.pageInfo,
      });
      // A Google account without a channel gets no `items` at all.
      if (page.items.length === 0) delete body.items;
    } else {
      body = listBody('youtube#channelListResponse', channels.map((channel) => channelResource(channel, parts)), {
        pageInfo: { totalResults: channels.length, resultsPerPage: channels.length },
      });
    }
    sendSelected(request, response, body);
  });

  router.get('/youtube/v3/playlistItems', apiGate(state, 1), (request, response) => {
    if (!requireScope(response, READ_SCOPES)) return;
    const parts = requestedParts(request, response, PLAYLIST_ITEM_PARTS);
    if (!parts) return;
    const filter = singleFilter(request, response, ['id', 'playlistId']);
    if (!filter) return;
    const playlistId = queryValue(request, filter) ?? '';
    const channel = filter === 'playlistId' ? store.channelByUploads(playlistId) : undefined;
    // An uploads playlist with no uploads answers 404 like a missing one (a known YouTube quirk).
    if (!channel || channel.videos.length === 0) {
      return sendGoogleError(response, 404, {
        reason: 'playlistNotFound',
        domain: 'youtube.playlistItem',
        message: "The playlist identified with the request's <code>playlistId</code> parameter cannot be found.",
        location: 'playlistId',
      });
    }
    const uploads = store.uploads(channel);
    const page = pageOf(request, response, control, uploads, { defaultSize: 5, minSize: 0, maxSize: 50 });
    if (!page) return;
    const viewerManages = manages(channel, viewerOf(response).userId);
    const items = page.items.map((video, index) => playlistItemResource(channel, video, page.offset + index, parts, viewerManages));
    const body = listBody('youtube#playlistItemListResponse', items, {
      nextPageToken: page.nextPageToken,
      prevPageToken: page.prevPageToken,
      pageInfo: page.pageInfo,
    });
    sendSelected(request, response, body);
  });

  router.get('/youtube/v3/commentThreads', apiGate(state, 1), (request, response) => {
    if (!requireScope(response, COMMENT_SCOPES)) return;
    const parts = requestedParts(request, response, COMMENT_THREAD_PARTS);
    if (!parts) return;
    const filter = singleFilter(request, response, ['allThreadsRelatedToChannelId', 'channelId', 'id', 'videoId']);
    if (!filter) return;
    const value = queryValue(request, filter) ?? '';
    const moderationStatus = queryValue(request, 'moderationStatus') ?? 'published';
    if (!['published', 'heldForReview', 'likelySpam'].includes(moderationStatus)) {
      return sendInvalidValue(response, 'moderationStatus', moderationStatus);
    }
    const viewer = viewerOf(response);
    // Threads in fixture order (channel, video, comment) before the sort below, which keeps ties in that order.
    let threads: Array<{ channel: SimulatedChannel; video: SimulatedVideo; comment: SimulatedComment }>;
    if (filter === 'id') {
      threads = store.commentsWithIds(idList(value));
    } else {
      const found = filter === 'videoId' ? store.video(value) : undefined;
      const channel = filter === 'videoId' ? found?.channel : store.channel(value);
      if (!channel) {
        const [reason, what] = filter === 'videoId' ? ['videoNotFound', 'video'] : ['channelNotFound', 'channel'];
        return sendGoogleError(response, 404, {
          reason,
          domain: 'youtube.commentThread',
          message: `The ${what} identified by the <code>${filter}</code> parameter could not be found.`,
          location: filter,
        });
      }
      if (found?.video.commentsDisabled) {
        return sendGoogleError(response, 403, {
          reason: 'commentsDisabled',
          domain: 'youtube.commentThread',
          message: 'The video identified by the <code>videoId</code> parameter has disabled comments.',
          location: 'videoId',
        });
      }
      // Held and spam queues are the channel owner's business only.
      if (moderationStatus !== 'published' && !manages(channel, viewer.userId)) {
        return sendGoogleError(response, 403, {
          reason: 'forbidden',
          domain: 'youtube.commentThread',
          message: 'The request is not properly authorized to retrieve the specified comment threads.',
        });
      }
      // Channel ids are unique (the fixture schema checks), so the channel's own videos are all its threads.
      threads = channel.videos
        .filter((video) => !found || video.id === value)
        .flatMap((video) =>
          video.comments.filter((comment) => comment.moderationStatus === moderationStatus).map((comment) => ({ channel, video, comment })),
        );
    }
    threads.sort((left, right) => right.comment.publishedAt.localeCompare(left.comment.publishedAt));
    const page = pageOf(request, response, control, threads, { defaultSize: 20, minSize: 1, maxSize: 100 });
    if (!page) return;
    const items = page.items.map(({ channel, video, comment }) =>
      commentThreadResource(channel, video, comment, parts, filter !== 'id' && manages(channel, viewer.userId)),
    );
    sendSelected(request, response, listBody('youtube#commentThreadListResponse', items, {
      nextPageToken: page.nextPageToken,
      pageInfo: page.pageInfo,
    }));
  });

  router.get('/youtube/v3/videos', apiGate(state, 1), (request, response) => {
    if (!requireScope(response, READ_SCOPES)) return;
    const parts = requestedParts(request, response, VIDEO_PARTS);
    if (!parts) return;
    const filter = singleFilter(request, response, ['chart', 'id', 'myRating']);
    if (!filter) return;
    const viewer = viewerOf(response);
    const ids = filter === 'id' ? idList(queryValue(request, 'id') ?? '') : [];
    if (ids.length > MAX_IDS) return sendInvalidValue(response, 'id', `${ids.length} ids`);
    // Private videos are visible to the channel's managers only; others simply do not get them.
    const items = ids
      .map((id) => store.video(id))
      .filter((found) => found !== undefined)
      .filter(({ channel, video }) => video.privacyStatus !== 'private' || manages(channel, viewer.userId))
      .map(({ channel, video }) => videoResource(channel, video, parts));
    sendSelected(request, response, listBody('youtube#videoListResponse', items, {
      pageInfo: { totalResults: items.length, resultsPerPage: items.length },
    }));
  });
}
