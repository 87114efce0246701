import { createHash } from 'node:crypto';
import type { StoredTweet, StoredUser, XStore } from './simulator-data';

/** platforms.md §3.2 / X OpenAPI: the `user.fields` values X accepts (anything else is a 400). */
export const USER_FIELDS = [
  'affiliation', 'confirmed_email', 'connection_status', 'created_at', 'description', 'entities', 'id',
  'is_identity_verified', 'location', 'most_recent_tweet_id', 'name', 'parody', 'pinned_tweet_id',
  'profile_banner_url', 'profile_image_url', 'protected', 'public_metrics', 'receives_your_dm', 'subscription',
  'subscription_type', 'url', 'username', 'verified', 'verified_followers_count', 'verified_type', 'withheld',
] as const;

/** The `tweet.fields` values X accepts. */
export const TWEET_FIELDS = [
  'article', 'attachments', 'author_id', 'card_uri', 'community_id', 'context_annotations', 'conversation_id',
  'created_at', 'display_text_range', 'edit_controls', 'edit_history_tweet_ids', 'entities', 'geo', 'id',
  'in_reply_to_user_id', 'lang', 'media_metadata', 'non_public_metrics', 'note_tweet', 'organic_metrics',
  'possibly_sensitive', 'promoted_metrics', 'public_metrics', 'referenced_tweets', 'reply_settings', 'scopes',
  'source', 'suggested_source_links', 'text', 'withheld',
] as const;

/** X wraps every link in a t.co link; a stable one per URL keeps responses deterministic. */
export function shortLink(url: string): string {
  const digest = BigInt(`0x${createHash('sha256').update(url).digest('hex').slice(0, 16)}`);
  return `https://t.co/${digest.toString(36).padStart(10, '0').slice(0, 10)}`;
}

function displayUrl(url: string): string {
  const bare = url.replace(/^https?:\/\/(www\.)?/, '');
  return bare.length > 26 ? `${bare.slice(0, 26)}…` : bare;
}

const LINK = /https?:\/\/[^\s]+/g;
const MENTION = /(^|[^A-Za-z0-9_@])@([A-Za-z0-9_]{1,15})/g;
const HASHTAG = /(^|[^A-Za-z0-9_#])#([A-Za-z0-9_]*[A-Za-z_][A-Za-z0-9_]*)/g;

/** Character offsets as X counts them (code points, not UTF-16 units). */
function offsets(text: string, index: number, length: number): { start: number; end: number } {
  const start = [...text.slice(0, index)].length;
  return { start, end: start + [...text.slice(index, index + length)].length };
}

/** `entities` of a post or a bio: mentions (with the id when the user exists), links, hashtags. */
export function textEntities(text: string, store: XStore): Record<string, unknown> | undefined {
  const entities: Record<string, Array<Record<string, unknown>>> = {};
  for (const match of text.matchAll(LINK)) {
    const link = match[0].replace(/[.,;:!?)]+$/, '');
    (entities.urls ??= []).push({
      ...offsets(text, match.index, link.length),
      url: shortLink(link),
      expanded_url: link,
      display_url: displayUrl(link),
    });
  }
  for (const match of text.matchAll(MENTION)) {
    const index = match.index + match[1].length;
    const user = store.userByUsername(match[2]);
    (entities.mentions ??= []).push({
      ...offsets(text, index, match[2].length + 1),
      username: user?.username ?? match[2],
      ...(user ? { id: user.id } : {}),
    });
  }
  for (const match of text.matchAll(HASHTAG)) {
    const index = match.index + match[1].length;
    (entities.hashtags ??= []).push({ ...offsets(text, index, match[2].length + 1), tag: match[2] });
  }
  return Object.keys(entities).length > 0 ? entities : undefined;
}

/** A User object with `id`, `name`, `username` always and the requested `user.fields` when X has them. */
export function renderUser(user: StoredUser, fields: ReadonlySet<string>, store: XStore): Record<string, unknown> {
  const rendered: Record<string, unknown> = { id: user.id, name: user.name, username: user.username };
  const timeline = fields.has('most_recent_tweet_id') || fields.has('public_metrics') ? store.timeline(user.id) : [];
  if (fields.has('created_at')) rendered.created_at = user.createdAt;
  if (fields.has('description')) rendered.description = user.description;
  if (fields.has('url')) rendered.url = user.website ? shortLink(user.website) : '';
  if (fields.has('protected')) rendered.protected = user.protected;
  if (fields.has('location') && user.location) rendered.location = user.location;
  if (fields.has('verified')) rendered.verified = false;
  if (fields.has('verified_type')) rendered.verified_type = 'none';
  if (fields.has('profile_image_url')) {
    rendered.profile_image_url = `https://pbs.twimg.com/profile_images/${user.id}/avatar_normal.jpg`;
  }
  if (fields.has('most_recent_tweet_id') && timeline.length > 0) rendered.most_recent_tweet_id = timeline[0].id;
  if (fields.has('public_metrics')) {
    rendered.public_metrics = {
      followers_count: user.followersCount,
      following_count: user.following.length,
      tweet_count: timeline.length,
      listed_count: user.listedCount,
      like_count: user.likeCount,
      media_count: 0,
    };
  }
  if (fields.has('entities')) {
    const entities: Record<string, unknown> = {};
    if (user.website) {
      entities.url = {
        urls: [{ start: 0, end: 23, url: shortLink(user.website), expanded_url: user.website, display_url: displayUrl(user.website) }],
      };
    }
    const description = textEntities(user.description, store);
    if (description) entities.description = description;
    if (Object.keys(entities).length > 0) rendered.entities = entities;
  }
  return rendered;
}

/** A Post object: `id`, `text`, `edit_history_tweet_ids` always (X's defaults) and the requested `tweet.fields`. */
export function renderTweet(tweet: StoredTweet, fields: ReadonlySet<string>, store: XStore): Record<string, unknown> {
  const rendered: Record<string, unknown> = { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] };
  const parent = tweet.inReplyToTweetId ? store.tweets.get(tweet.inReplyToTweetId) : undefined;
  if (fields.has('created_at')) rendered.created_at = tweet.createdAt;
  if (fields.has('author_id')) rendered.author_id = tweet.authorId;
  if (fields.has('conversation_id')) rendered.conversation_id = tweet.conversationId;
  if (fields.has('reply_settings')) rendered.reply_settings = tweet.replySettings;
  if (fields.has('lang')) rendered.lang = 'en';
  if (fields.has('in_reply_to_user_id') && parent) rendered.in_reply_to_user_id = parent.authorId;
  if (fields.has('referenced_tweets') && tweet.inReplyToTweetId) {
    rendered.referenced_tweets = [{ type: 'replied_to', id: tweet.inReplyToTweetId }];
  }
  if (fields.has('entities')) {
    const entities = textEntities(tweet.text, store);
    if (entities) rendered.entities = entities;
  }
  if (fields.has('public_metrics')) {
    const replies = store.replyCount(tweet.id);
    rendered.public_metrics = { retweet_count: 0, reply_count: replies, like_count: 0, quote_count: 0, bookmark_count: 0, impression_count: 0 };
  }
  return rendered;
}
