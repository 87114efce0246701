import { Platform } from '../../src/accounts/account.enums';
import {
  emptySnapshot,
  linksIn,
  mentionsIn,
  type AccountSnapshot,
  SnapshotField,
  type SnapshotAdmin,
  type SnapshotPost,
} from '../snapshot';
import { badResponse, organizationId } from './restli';

/** What no LinkedIn API shows for an organization page (platforms.md §6): a contact email, whom the page follows. */
export const LINKEDIN_UNAVAILABLE: readonly SnapshotField[] = [SnapshotField.CONTACT_EMAIL, SnapshotField.FOLLOWING];

/** The rules scan this many newest posts. */
export const RECENT_POST_LIMIT = 50;

export interface LinkedinPayloads {
  /** One `organizations` BATCH_GET result. */
  organization: Record<string, unknown>;
  /** Every `organizationAcls?q=organization` element, all pages. */
  acls: Record<string, unknown>[];
  /** `posts?q=author` elements, newest first. */
  posts: Record<string, unknown>[];
  /** `networkSizes/{urn}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`. */
  networkSize: Record<string, unknown> | null;
  /** `socialMetadata` BATCH_GET results by post URN; a post missing here has unknown comment state. */
  socialMetadata: Map<string, Record<string, unknown>>;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/** `localizedX`, else the preferred (or first) entry of the multi-locale `x`. */
function localizedField(organization: Record<string, unknown>, name: 'Description' | 'Website' | 'Name'): string | null {
  const flat = text(organization[`localized${name}`]);
  if (flat !== null) return flat;
  const multi = organization[name.toLowerCase()];
  if (typeof multi !== 'object' || multi === null) return null;
  const { localized, preferredLocale } = multi as { localized?: unknown; preferredLocale?: { language?: unknown; country?: unknown } };
  if (typeof localized !== 'object' || localized === null) return null;
  const values = localized as Record<string, unknown>;
  const preferred = preferredLocale ? `${String(preferredLocale.language)}_${String(preferredLocale.country)}` : '';
  return text(values[preferred]) ?? Object.values(values).map(text).find((value) => value !== null) ?? null;
}

const MENTION = /@\[((?:\\.|[^\]\\])*)\]\((urn:li:[A-Za-z]+:[^)\s]+)\)/g;
const HASHTAG = /\{hashtag\|\\?#\|((?:\\.|[^}\\])*)\}/g;
const ESCAPED = /\\([|{}@[\]()<>#\\*_~])/g;

/**
 * LinkedIn "little text" → readable text and mentions. Real mentions are `@[Name](urn:li:person:…)` (kept
 * as the URN, whose case matters); a handle typed as plain text arrives escaped (`\@lila\_draws`) and is
 * found like on other platforms once unescaped.
 */
export function readCommentary(commentary: string | null): { text: string | null; mentions: string[] } {
  if (commentary === null) return { text: null, mentions: [] };
  const urns = [...commentary.matchAll(MENTION)].map((match) => match[2]);
  const readable = commentary
    .replace(MENTION, (_match, name: string) => name)
    .replace(HASHTAG, (_match, tag: string) => `#${tag}`)
    .replace(ESCAPED, '$1');
  return { text: readable, mentions: [...new Set([...urns, ...mentionsIn(readable)])] };
}

/** Approved ACL rows, one admin per person with all their roles. Requested, rejected and revoked rows grant nothing. */
function mapAdmins(acls: Record<string, unknown>[]): SnapshotAdmin[] {
  const byPerson = new Map<string, SnapshotAdmin>();
  for (const acl of acls) {
    const person = text(acl.roleAssignee);
    const role = text(acl.role);
    if (acl.state !== 'APPROVED' || !person || !role) continue;
    const admin = byPerson.get(person) ?? { externalId: person, name: null, email: null, roles: [], fullControl: false, source: 'organizationAcls' };
    if (!admin.roles.includes(role)) admin.roles.push(role);
    admin.fullControl = admin.roles.includes('ADMINISTRATOR');
    byPerson.set(person, admin);
  }
  return [...byPerson.values()];
}

function postTime(post: Record<string, unknown>): number | null {
  const time = typeof post.publishedAt === 'number' ? post.publishedAt : post.createdAt;
  return typeof time === 'number' && Number.isFinite(time) ? time : null;
}

/**
 * Published posts, newest first (drafts and failed publishes are not on the page). A post seen twice (pages
 * that overlapped while the feed changed) counts once.
 */
function mapPosts(posts: Record<string, unknown>[], socialMetadata: Map<string, Record<string, unknown>>): SnapshotPost[] {
  const seen = new Set<string>();
  return posts
    .filter((post) => post.lifecycleState === undefined || post.lifecycleState === 'PUBLISHED')
    .flatMap((post) => {
      const id = text(post.id);
      const time = postTime(post);
      if (!id || time === null || seen.has(id)) return [];
      seen.add(id);
      const { text: readable, mentions } = readCommentary(text(post.commentary));
      const state = socialMetadata.get(id)?.commentsState;
      return [
        {
          externalId: id,
          createdAt: new Date(time).toISOString(),
          text: readable,
          url: `https://www.linkedin.com/feed/update/${id}/`,
          mentions,
          tags: [],
          commentsEnabled: state === 'OPEN' ? true : state === 'CLOSED' ? false : null,
        },
      ];
    })
    .sort((left, right) => right.createdAt.localeCompare(left.createdAt))
    .slice(0, RECENT_POST_LIMIT);
}

/**
 * Organization pages are always public (no visibility switch exists), so audience is PUBLIC rather than
 * unavailable; comment control is per post (socialMetadata commentsState).
 */
export function mapLinkedinSnapshot(payloads: LinkedinPayloads, unavailable: readonly SnapshotField[] = LINKEDIN_UNAVAILABLE): AccountSnapshot {
  const id = organizationId(payloads.organization.id);
  if (!id) throw badResponse('an organization without an id');
  const snapshot = emptySnapshot(Platform.LINKEDIN, id, [...unavailable]);
  const profileText = localizedField(payloads.organization, 'Description');
  const recentPosts = mapPosts(payloads.posts, payloads.socialMetadata);
  const followers = payloads.networkSize?.firstDegreeSize;
  return {
    ...snapshot,
    handle: text(payloads.organization.vanityName)?.toLowerCase() ?? null,
    displayName: localizedField(payloads.organization, 'Name'),
    profileText,
    website: localizedField(payloads.organization, 'Website'),
    profileLinks: linksIn(profileText),
    audience: 'PUBLIC',
    comments: { mode: 'PER_POST', lastModeratedAt: null, heldForReviewCount: null },
    admins: mapAdmins(payloads.acls),
    recentPosts,
    lastPostAt: recentPosts[0]?.createdAt ?? null,
    followerCount: typeof followers === 'number' ? followers : null,
  };
}
