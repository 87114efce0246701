import { Platform } from '../../src/accounts/account.enums';
import { isRecord } from '../http/platform-http';
import { PlatformErrorKind } from '../platform-error';
import { emptySnapshot, linksIn, mentionsIn, SnapshotField, type AccountSnapshot, type SnapshotFollow, type SnapshotPost } from '../snapshot';
import { xError } from './errors';

/**
 * platforms.md §6: X has no admin roster (credentials are a shared login) and no public contact email
 * (`confirmed_email` is the owner's login address, not a contact).
 */
export const X_UNAVAILABLE_FIELDS: SnapshotField[] = [SnapshotField.ADMINS, SnapshotField.CONTACT_EMAIL];

/** What the snapshot reads of each account, in one `/2/users?ids=` lookup. */
export const X_USER_FIELDS = 'created_at,description,entities,most_recent_tweet_id,name,protected,public_metrics,url,username';
export const X_TWEET_FIELDS = 'created_at,entities,reply_settings,text';

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function requiredText(record: Record<string, unknown>, field: string, what: string): string {
  const value = record[field];
  if (typeof value !== 'string' || value.length === 0) throw xError(PlatformErrorKind.BAD_RESPONSE, `X answered ${what} without ${field}`);
  return value;
}

/** `entities.<part>.urls[].expanded_url` (X shows links as t.co; the expanded one is what was typed). */
function expandedUrls(entities: unknown, part: 'url' | 'description'): string[] {
  if (!isRecord(entities) || !isRecord(entities[part]) || !Array.isArray(entities[part].urls)) return [];
  return entities[part].urls.flatMap((link: unknown) =>
    isRecord(link) && typeof link.expanded_url === 'string' && link.expanded_url ? [link.expanded_url] : [],
  );
}

function isoTime(value: unknown, what: string): string {
  const parsed = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(parsed)) throw xError(PlatformErrorKind.BAD_RESPONSE, `X answered ${what} without a readable created_at`);
  return new Date(parsed).toISOString();
}

/**
 * A Post as a snapshot post. `reply_settings` limits who may reply: only `everyone` counts as comments
 * open; `mentionedUsers`, `following`, `verified`, `subscribers` and `other` count as restricted (false).
 */
export function mapXPost(tweet: Record<string, unknown>, username: string): SnapshotPost {
  const id = requiredText(tweet, 'id', 'a post');
  const body = text(tweet.text);
  const entities = tweet.entities;
  const mentions =
    isRecord(entities) && Array.isArray(entities.mentions)
      ? [
          ...new Set(
            entities.mentions.flatMap((mention: unknown) =>
              isRecord(mention) && typeof mention.username === 'string' ? [mention.username.toLowerCase()] : [],
            ),
          ),
        ]
      : mentionsIn(body);
  const replySettings = text(tweet.reply_settings);
  return {
    externalId: id,
    createdAt: isoTime(tweet.created_at, `post ${id}`),
    text: body,
    url: `https://x.com/${username}/status/${id}`,
    mentions,
    tags: [],
    commentsEnabled: replySettings === null ? null : replySettings === 'everyone',
  };
}

export function mapXFollow(user: Record<string, unknown>): SnapshotFollow {
  const username = text(user.username);
  return { externalId: requiredText(user, 'id', 'a followed account'), handle: username ? username.toLowerCase() : null, name: text(user.name) };
}

/** One account's profile (from the lookup), newest posts and complete following list as a snapshot. */
export function mapXSnapshot(
  profile: Record<string, unknown>,
  tweets: Array<Record<string, unknown>>,
  following: Array<Record<string, unknown>>,
): AccountSnapshot {
  const id = requiredText(profile, 'id', 'a user');
  const username = requiredText(profile, 'username', `user ${id}`);
  const snapshot = emptySnapshot(Platform.X, id, X_UNAVAILABLE_FIELDS);
  const description = text(profile.description);
  const metrics = isRecord(profile.public_metrics) ? profile.public_metrics : null;
  const recentPosts = tweets.map((tweet) => mapXPost(tweet, username)).sort((left, right) => right.createdAt.localeCompare(left.createdAt));
  const descriptionLinks = expandedUrls(profile.entities, 'description');
  snapshot.handle = username.toLowerCase();
  snapshot.displayName = text(profile.name);
  snapshot.profileText = description;
  snapshot.website = expandedUrls(profile.entities, 'url')[0] ?? (text(profile.url) || null);
  snapshot.profileLinks = descriptionLinks.length > 0 ? descriptionLinks : linksIn(description);
  snapshot.audience = typeof profile.protected === 'boolean' ? (profile.protected ? 'PRIVATE' : 'PUBLIC') : null;
  snapshot.comments = { mode: 'PER_POST', lastModeratedAt: null, heldForReviewCount: null };
  snapshot.recentPosts = recentPosts;
  snapshot.following = following.map(mapXFollow);
  snapshot.lastPostAt = recentPosts[0]?.createdAt ?? null;
  snapshot.followerCount = metrics && typeof metrics.followers_count === 'number' ? metrics.followers_count : null;
  return snapshot;
}
