import { Platform } from '../../src/accounts/account.enums';
import { isRecord } from '../http/platform-http';
import {
  SnapshotField,
  emptySnapshot,
  linksIn,
  mentionsIn,
  type AccountSnapshot,
  type SnapshotComments,
  type SnapshotPost,
} from '../snapshot';

/**
 * What the Data API cannot show (platforms.md §6): no website or contact field on a channel, no managers
 * endpoint, and no "following" (subscriptions are the channel's own viewing choices, not a roster of the
 * accounts it follows in a way the policy means).
 */
export const YOUTUBE_UNAVAILABLE: SnapshotField[] = [
  SnapshotField.WEBSITE,
  SnapshotField.ADMINS,
  SnapshotField.CONTACT_EMAIL,
  SnapshotField.FOLLOWING,
];

/** The rules scan this many newest uploads. */
export const RECENT_POST_LIMIT = 50;

/** The first page of commentThreads?moderationStatus=heldForReview, or null when the token may not read it. */
export interface HeldForReviewQueue {
  items: Record<string, unknown>[];
  totalResults: number | null;
  hasMore: boolean;
}

export interface ChannelReads {
  channel: Record<string, unknown>;
  uploads: Record<string, unknown>[];
  heldForReview: HeldForReviewQueue | null;
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function isoTime(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** customUrl '@LakesideMiddle' → 'lakesidemiddle'. */
export function handleOf(channel: Record<string, unknown>): string | null {
  const customUrl = text(record(channel.snippet).customUrl);
  return customUrl ? customUrl.replace(/^@/, '').toLowerCase() : null;
}

/**
 * An uploads-playlist entry as a post. Entries without `videoPublishedAt` are videos the token may not see
 * (private to someone else, deleted): they are skipped rather than reported as posts without a time.
 */
function toPost(item: Record<string, unknown>): SnapshotPost | null {
  const snippet = record(item.snippet);
  const details = record(item.contentDetails);
  const videoId = text(details.videoId) ?? text(record(snippet.resourceId).videoId);
  const createdAt = isoTime(details.videoPublishedAt);
  if (!videoId || !createdAt) return null;
  const body = [text(snippet.title), text(snippet.description)].filter((part) => part !== null).join('\n\n') || null;
  return {
    externalId: videoId,
    createdAt,
    text: body,
    url: `https://www.youtube.com/watch?v=${videoId}`,
    mentions: mentionsIn(body),
    tags: [],
    // Per-video "comments off" is not in the API (only a 403 when listing its comments).
    commentsEnabled: null,
  };
}

/**
 * YouTube has no account-wide comment switch the API can read (moderateComments is deprecated), so the
 * mode is PER_POST; the held-for-review queue is what it does show. Its count is the first page's items
 * when that page is the whole queue, else pageInfo.totalResults (an estimate on Google's side).
 */
function toComments(queue: HeldForReviewQueue): SnapshotComments {
  const count = queue.hasMore ? Math.max(queue.totalResults ?? 0, queue.items.length) : queue.items.length;
  const times = queue.items
    .map((item) => isoTime(record(record(record(item.snippet).topLevelComment).snippet).publishedAt))
    .filter((time) => time !== null)
    .sort();
  return { mode: 'PER_POST', heldForReviewCount: count, lastModeratedAt: times.at(-1) ?? null };
}

function followerCount(statistics: Record<string, unknown>): number | null {
  if (statistics.hiddenSubscriberCount === true) return null;
  const count = Number(statistics.subscriberCount);
  return typeof statistics.subscriberCount === 'string' && Number.isFinite(count) ? count : null;
}

/** channels (snippet, brandingSettings, status, statistics, contentDetails) + uploads + held queue → snapshot. */
export function toSnapshot(reads: ChannelReads): AccountSnapshot {
  const { channel } = reads;
  const snippet = record(channel.snippet);
  const branding = record(record(channel.brandingSettings).channel);
  const privacy = record(channel.status).privacyStatus;
  const statistics = record(channel.statistics);
  const unavailable = [...YOUTUBE_UNAVAILABLE];
  // A channel can hide its subscriber count; a token without the comment scope cannot read the held queue.
  if (!reads.heldForReview) unavailable.push(SnapshotField.COMMENTS);
  if (statistics.hiddenSubscriberCount === true) unavailable.push(SnapshotField.FOLLOWER_COUNT);
  const snapshot = emptySnapshot(Platform.YOUTUBE, String(channel.id), unavailable);
  const posts = reads.uploads
    .map(toPost)
    .filter((post) => post !== null)
    .sort((left, right) => right.createdAt.localeCompare(left.createdAt))
    .slice(0, RECENT_POST_LIMIT);
  snapshot.handle = handleOf(channel);
  snapshot.displayName = text(snippet.title);
  snapshot.profileText = text(snippet.description) ?? text(branding.description);
  snapshot.profileLinks = linksIn(snapshot.profileText);
  snapshot.audience = privacy === 'public' ? 'PUBLIC' : privacy === 'unlisted' || privacy === 'private' ? 'PRIVATE' : null;
  snapshot.followerCount = followerCount(statistics);
  snapshot.comments = reads.heldForReview ? toComments(reads.heldForReview) : null;
  snapshot.recentPosts = posts;
  snapshot.lastPostAt = posts[0]?.createdAt ?? null;
  return snapshot;
}
