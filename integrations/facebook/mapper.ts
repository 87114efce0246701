import { Platform } from '../../src/accounts/account.enums';
import { isRecord } from '../http/platform-http';
import { RemediationKind } from '../provider';
import {
  emptySnapshot,
  linksIn,
  mentionsIn,
  SnapshotField,
  type AccountSnapshot,
  type SnapshotAdmin,
  type SnapshotComments,
  type SnapshotPost,
} from '../snapshot';

/** platforms.md §6: a Page shows counts but no list of accounts it follows or that follow it. */
export const FACEBOOK_UNAVAILABLE: SnapshotField[] = [SnapshotField.FOLLOWING];

export const FACEBOOK_REMEDIATIONS: RemediationKind[] = [
  RemediationKind.UPDATE_PROFILE_TEXT,
  RemediationKind.UPDATE_WEBSITE,
  RemediationKind.SET_AUDIENCE_PRIVATE,
  RemediationKind.HIDE_COMMENT,
  RemediationKind.DELETE_COMMENT,
  RemediationKind.HIDE_POST,
  RemediationKind.DELETE_POST,
  RemediationKind.REMOVE_ADMIN,
  RemediationKind.ADD_ADMIN,
];

/** The rules scan this many newest posts. */
export const RECENT_POST_LIMIT = 50;

/**
 * Page setting names are not documented (platforms.md §1.2 [U]); the simulator serves these and we read them:
 * PROFANITY_FILTER (OFF | MEDIUM | STRONG) and BLOCKED_KEYWORDS (list). Either one on = FILTERED.
 */
const PROFANITY_FILTER_SETTING = 'PROFANITY_FILTER';
const BLOCKED_KEYWORDS_SETTING = 'BLOCKED_KEYWORDS';

/** Everything one fetch read about one Page, as Graph returned it. */
export interface FacebookPagePayload {
  page: Record<string, unknown>;
  roles: Record<string, unknown>[];
  /** Null when the token may not read business users (no MANAGE task): the roster is then unknown. */
  assignedUsers: Record<string, unknown>[] | null;
  posts: Record<string, unknown>[];
  settings: Record<string, unknown>[];
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** Graph times look like `2026-11-20T16:30:00+0000`; snapshots hold ISO UTC. */
function isoTime(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const time = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function adminRows(rows: Record<string, unknown>[], source: string): SnapshotAdmin[] {
  return rows.flatMap((row) => {
    const id = text(row.id);
    if (!id) return [];
    const tasks = strings(row.tasks);
    return [{ externalId: id, name: text(row.name), email: null, roles: tasks, fullControl: tasks.includes('MANAGE'), source }];
  });
}

/** roles ∪ assigned_users, one row per person; a person in both keeps the union of tasks and both sources. */
function mergeAdmins(roles: Record<string, unknown>[], assignedUsers: Record<string, unknown>[]): SnapshotAdmin[] {
  const byId = new Map<string, SnapshotAdmin>();
  for (const admin of [...adminRows(roles, 'roles'), ...adminRows(assignedUsers, 'assigned_users')]) {
    const known = byId.get(admin.externalId);
    if (!known) {
      byId.set(admin.externalId, admin);
      continue;
    }
    const tasks = [...new Set([...known.roles, ...admin.roles])];
    byId.set(admin.externalId, {
      ...known,
      name: known.name ?? admin.name,
      roles: tasks,
      fullControl: tasks.includes('MANAGE'),
      source: `${known.source}+${admin.source}`,
    });
  }
  return [...byId.values()];
}

function commentsOf(post: Record<string, unknown>): Record<string, unknown>[] {
  const comments = post.comments;
  return isRecord(comments) && Array.isArray(comments.data) ? comments.data.filter(isRecord) : [];
}

function commentPolicy(settings: Record<string, unknown>[], posts: Record<string, unknown>[]): SnapshotComments {
  const value = (name: string) => settings.find((row) => row.setting === name)?.value;
  const profanity = value(PROFANITY_FILTER_SETTING);
  const keywords = value(BLOCKED_KEYWORDS_SETTING);
  const filtered =
    (typeof profanity === 'string' && profanity.toUpperCase() !== 'OFF') ||
    (Array.isArray(keywords) && keywords.length > 0) ||
    (typeof keywords === 'string' && keywords.trim() !== '');
  // Graph keeps no moderation timestamp: the newest hidden comment's creation time is the closest evidence.
  const hiddenTimes = posts
    .flatMap(commentsOf)
    .filter((comment) => comment.is_hidden === true)
    .flatMap((comment) => isoTime(comment.created_time) ?? []);
  const lastModeratedAt = hiddenTimes.length > 0 ? hiddenTimes.reduce((newest, time) => (time > newest ? time : newest)) : null;
  return { mode: filtered ? 'FILTERED' : 'OPEN', lastModeratedAt, heldForReviewCount: null };
}

function mapPosts(posts: Record<string, unknown>[]): SnapshotPost[] {
  const mapped = posts.flatMap((post): SnapshotPost[] => {
    const id = text(post.id);
    const createdAt = isoTime(post.created_time);
    // A hidden post is no longer public; the rules judge what the public sees.
    if (!id || !createdAt || post.is_hidden === true) return [];
    const message = text(post.message);
    const tags = Array.isArray(post.message_tags) ? post.message_tags.filter(isRecord).flatMap((tag) => text(tag.id) ?? []) : [];
    return [{ externalId: id, createdAt, text: message, url: text(post.permalink_url), mentions: mentionsIn(message), tags, commentsEnabled: null }];
  });
  return mapped.sort((left, right) => right.createdAt.localeCompare(left.createdAt)).slice(0, RECENT_POST_LIMIT);
}

/** Graph payloads of one Page → the snapshot the rules read. */
export function mapFacebookSnapshot(externalId: string, payload: FacebookPagePayload): AccountSnapshot {
  const unavailable = payload.assignedUsers === null ? [...FACEBOOK_UNAVAILABLE, SnapshotField.ADMINS] : FACEBOOK_UNAVAILABLE;
  const snapshot = emptySnapshot(Platform.FACEBOOK, text(payload.page.id) ?? externalId, unavailable);
  const about = text(payload.page.about);
  const description = text(payload.page.description);
  const profileText = [about, description].filter((part): part is string => part !== null && part !== '').join('\n\n') || null;
  const recentPosts = mapPosts(payload.posts);
  const followers = payload.page.followers_count ?? payload.page.fan_count;
  return {
    ...snapshot,
    handle: text(payload.page.username)?.toLowerCase().replace(/^@/, '') ?? null,
    displayName: text(payload.page.name),
    profileText: about === description ? about : profileText,
    website: text(payload.page.website),
    profileLinks: linksIn(profileText),
    audience: typeof payload.page.is_published === 'boolean' ? (payload.page.is_published ? 'PUBLIC' : 'PRIVATE') : null,
    comments: commentPolicy(payload.settings, payload.posts),
    admins: payload.assignedUsers === null ? null : mergeAdmins(payload.roles, payload.assignedUsers),
    recentPosts,
    following: null,
    lastPostAt: recentPosts[0]?.createdAt ?? null,
    contactEmail: strings(payload.page.emails)[0] ?? null,
    followerCount: typeof followers === 'number' ? followers : null,
  };
}
