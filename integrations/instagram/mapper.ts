import { Platform } from '../../src/accounts/account.enums';
import { isRecord } from '../http/platform-http';
import { emptySnapshot, linksIn, mentionsIn, type AccountSnapshot, type SnapshotField, type SnapshotPost } from '../snapshot';

/** Posts the rules scan (design.md: recentPosts holds up to 50 newest). */
export const RECENT_POST_LIMIT = 50;

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
const count = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
/** Instagram ids are numeric strings; older payloads sent numbers. */
const identifier = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;

/** Meta writes `2026-11-19T16:05:00+0000`; the snapshot wants ISO UTC. Null when unreadable. */
export function isoTime(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const milliseconds = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(milliseconds) ? null : new Date(milliseconds).toISOString();
}

/** The account's own id as Proctor keeps it: the professional account's `user_id`, else the node `id`. */
export function instagramUserId(profile: Record<string, unknown>): string | null {
  return identifier(profile.user_id) ?? identifier(profile.id);
}

export function mapPost(media: Record<string, unknown>): SnapshotPost | null {
  const externalId = identifier(media.id);
  const createdAt = isoTime(media.timestamp);
  if (!externalId || !createdAt) return null;
  const caption = text(media.caption);
  return {
    externalId,
    createdAt,
    text: caption,
    url: text(media.permalink),
    mentions: mentionsIn(caption),
    // User tags need the `tags` edge, which Proctor does not read: only caption @mentions are known.
    tags: [],
    commentsEnabled: typeof media.is_comment_enabled === 'boolean' ? media.is_comment_enabled : null,
  };
}

/** Newest hidden comment among those read with the media (the only moderation trace Instagram shows). */
function lastModeratedAt(media: readonly Record<string, unknown>[]): string | null {
  let newest: string | null = null;
  for (const item of media) {
    const comments = isRecord(item.comments) && Array.isArray(item.comments.data) ? item.comments.data : [];
    for (const comment of comments) {
      if (!isRecord(comment) || comment.hidden !== true) continue;
      const time = isoTime(comment.timestamp);
      if (time && (!newest || time > newest)) newest = time;
    }
  }
  return newest;
}

/**
 * `/me` (profile fields) plus the media read to the post limit → AccountSnapshot. Instagram has no admin
 * roster, audience setting, contact email or following list (platforms.md §6): those stay null.
 */
export function mapInstagramSnapshot(
  profile: Record<string, unknown>,
  media: readonly Record<string, unknown>[],
  unavailable: readonly SnapshotField[],
): AccountSnapshot {
  const snapshot = emptySnapshot(Platform.INSTAGRAM, instagramUserId(profile) ?? '', [...unavailable]);
  const biography = text(profile.biography);
  const posts = media
    .map(mapPost)
    .filter((post): post is SnapshotPost => post !== null)
    .sort((left, right) => right.createdAt.localeCompare(left.createdAt))
    .slice(0, RECENT_POST_LIMIT);
  snapshot.handle = text(profile.username)?.replace(/^@/, '').toLowerCase() ?? null;
  snapshot.displayName = text(profile.name);
  snapshot.profileText = biography;
  snapshot.website = text(profile.website);
  snapshot.profileLinks = linksIn(biography);
  snapshot.comments = { mode: 'PER_POST', lastModeratedAt: lastModeratedAt(media), heldForReviewCount: null };
  snapshot.recentPosts = posts;
  snapshot.lastPostAt = posts[0]?.createdAt ?? null;
  snapshot.followerCount = count(profile.followers_count);
  return snapshot;
}
