import type { Platform } from '../src/accounts/account.enums';

/**
 * What one fetch saw of one account, in one shape for every platform. Rules read only this (design.md),
 * never a platform payload. A field the platform cannot show is `null` and named in `unavailable`, so a
 * rule can answer MANUAL instead of guessing; an empty list means "shown, and empty".
 */
export interface AccountSnapshot {
  platform: Platform;
  /** The platform's own id of the account (page id, IG user id, X user id, channel id, organization id). */
  externalId: string;
  /** Handle without '@', lower case, when the platform has one. */
  handle: string | null;
  displayName: string | null;
  /** Bio / about / description text, joined when the platform has several (e.g. Facebook about + description). */
  profileText: string | null;
  /** The profile's website field as the platform returns it (not normalised: rules normalise). */
  website: string | null;
  /** Links found in the profile text, for platforms without a website field. */
  profileLinks: string[];
  audience: SnapshotAudience | null;
  comments: SnapshotComments | null;
  /** Everyone with a role on the account, read to the last page. */
  admins: SnapshotAdmin[] | null;
  /** Most recent posts first, up to the connector's post limit. */
  recentPosts: SnapshotPost[] | null;
  /** Accounts this account follows, read to the last page. */
  following: SnapshotFollow[] | null;
  lastPostAt: string | null;
  contactEmail: string | null;
  followerCount: number | null;
  /** Fields the platform's API cannot show for this account (platforms.md §6). */
  unavailable: SnapshotField[];
}

export type SnapshotAudience = 'PUBLIC' | 'PRIVATE';

export enum SnapshotField {
  PROFILE_TEXT = 'PROFILE_TEXT',
  WEBSITE = 'WEBSITE',
  AUDIENCE = 'AUDIENCE',
  COMMENTS = 'COMMENTS',
  ADMINS = 'ADMINS',
  RECENT_POSTS = 'RECENT_POSTS',
  FOLLOWING = 'FOLLOWING',
  LAST_POST_AT = 'LAST_POST_AT',
  CONTACT_EMAIL = 'CONTACT_EMAIL',
  FOLLOWER_COUNT = 'FOLLOWER_COUNT',
}

export interface SnapshotComments {
  /**
   * Account-wide comment policy when the platform has one: OPEN, FILTERED (profanity / keyword filter on),
   * HELD_FOR_REVIEW (new comments wait for a moderator), OFF. PER_POST when the platform only has per-post
   * switches (see SnapshotPost.commentsEnabled).
   */
  mode: 'OPEN' | 'FILTERED' | 'HELD_FOR_REVIEW' | 'OFF' | 'PER_POST';
  /** Newest moderation the platform shows (a hidden, held or removed comment), ISO time; null when none seen. */
  lastModeratedAt: string | null;
  /** Comments waiting in a review queue, when the platform shows one. */
  heldForReviewCount: number | null;
}

export interface SnapshotAdmin {
  /** The person's id on the platform (user id, person URN). */
  externalId: string;
  name: string | null;
  /** Only when the platform shows it; most do not. */
  email: string | null;
  /** The platform's role or tasks, as the platform names them (ADMINISTRATOR, MANAGE, ...). */
  roles: string[];
  /** True when the role grants full control (Facebook MANAGE task, LinkedIn ADMINISTRATOR). */
  fullControl: boolean;
  /** Where the row came from: e.g. 'roles' and 'assigned_users' on Facebook, 'organizationAcls' on LinkedIn. */
  source: string;
}

export interface SnapshotPost {
  externalId: string;
  createdAt: string;
  text: string | null;
  url: string | null;
  /** Handles mentioned in the text (lower case, no '@'). */
  mentions: string[];
  /** Ids or handles the platform reports as tagged in the post's media. */
  tags: string[];
  /** False when comments are turned off on this post; null when the platform does not say. */
  commentsEnabled: boolean | null;
}

export interface SnapshotFollow {
  externalId: string;
  handle: string | null;
  name: string | null;
}

/** Fills in the "shown but empty" defaults so mappers only name what they read. */
export function emptySnapshot(platform: Platform, externalId: string, unavailable: SnapshotField[]): AccountSnapshot {
  return {
    platform,
    externalId,
    handle: null,
    displayName: null,
    profileText: null,
    website: null,
    profileLinks: [],
    audience: null,
    comments: null,
    admins: null,
    recentPosts: null,
    following: null,
    lastPostAt: null,
    contactEmail: null,
    followerCount: null,
    unavailable: [...unavailable],
  };
}

const LINK_PATTERN = /\bhttps?:\/\/[^\s<>"')]+/gi;

/** Links written in free text (bios without a website field). */
export function linksIn(text: string | null): string[] {
  if (!text) return [];
  return [...new Set(text.match(LINK_PATTERN) ?? [])].map((link) => link.replace(/[.,;:!?]+$/, ''));
}

const MENTION_PATTERN = /(?:^|[^\w@])@([A-Za-z0-9_.]{1,64})/g;

/** '@handles' written in a post's text, lower case, without '@'. */
export function mentionsIn(text: string | null): string[] {
  if (!text) return [];
  const found = new Set<string>();
  for (const match of text.matchAll(MENTION_PATTERN)) found.add(match[1].replace(/\.+$/, '').toLowerCase());
  return [...found];
}
