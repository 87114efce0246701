import { z } from 'zod';
import sandboxFixture from './fixtures/sandbox.json';

const isoTime = z.iso.datetime({ offset: true });

const commentSchema = z.object({
  id: z.string().regex(/^\d+$/),
  text: z.string(),
  /** The commenter's handle (IG returns `username` on comments). */
  username: z.string(),
  timestamp: isoTime,
  hidden: z.boolean().default(false),
});

const mediaSchema = z.object({
  id: z.string().regex(/^\d+$/),
  caption: z.string().nullable().default(null),
  mediaType: z.enum(['IMAGE', 'VIDEO', 'CAROUSEL_ALBUM']).default('IMAGE'),
  mediaProductType: z.enum(['FEED', 'REELS', 'STORY', 'AD']).default('FEED'),
  timestamp: isoTime,
  /** Read back as `is_comment_enabled`, written as `comment_enabled` (platforms.md §7). */
  commentEnabled: z.boolean().default(true),
  likeCount: z.number().int().nonnegative().default(0),
  comments: z.array(commentSchema).default([]),
});

const accountSchema = z.object({
  /** App-scoped id, what `/me?fields=id` answers. */
  id: z.string().regex(/^\d+$/),
  /** The professional account's Instagram user id (`user_id`): Proctor's externalId, and the login that consents. */
  userId: z.string().regex(/^\d+$/),
  username: z.string().regex(/^[a-z0-9._]{1,30}$/),
  name: z.string().nullable().default(null),
  /** PERSONAL accounts can sign in but the API with Instagram Login does not serve them (platforms.md §2). */
  accountType: z.enum(['BUSINESS', 'MEDIA_CREATOR', 'PERSONAL']),
  biography: z.string().nullable().default(null),
  website: z.string().nullable().default(null),
  followersCount: z.number().int().nonnegative().default(0),
  followsCount: z.number().int().nonnegative().default(0),
  /** Any order in the file; the simulator serves newest first like Instagram. */
  media: z.array(mediaSchema).default([]),
});

export const instagramFixtureSchema = z
  .object({ accounts: z.array(accountSchema).min(1) })
  .superRefine((fixture, context) => {
    const seen = new Set<string>();
    const claim = (id: string, what: string) => {
      if (seen.has(id)) context.addIssue({ code: 'custom', message: `duplicate id ${id} (${what})` });
      seen.add(id);
    };
    for (const account of fixture.accounts) {
      claim(account.id, `account ${account.username}`);
      claim(account.userId, `account ${account.username}`);
      for (const media of account.media) {
        claim(media.id, `media of ${account.username}`);
        for (const comment of media.comments) claim(comment.id, `comment on ${media.id}`);
      }
    }
  });

/** The fixture as written in JSON (defaults optional), for generators such as the bench. */
export type InstagramFixtureInput = z.input<typeof instagramFixtureSchema>;
export type InstagramFixture = z.output<typeof instagramFixtureSchema>;
export type SimulatedAccount = InstagramFixture['accounts'][number];
export type SimulatedMedia = SimulatedAccount['media'][number];
export type SimulatedComment = SimulatedMedia['comments'][number];

/** Validates fixture data (the sandbox file by default); throws with zod's issues when it is malformed. */
export function loadInstagramFixture(data: unknown = sandboxFixture): InstagramFixture {
  const parsed = instagramFixtureSchema.parse(data);
  // A deep copy: writes change the simulator's data, never the imported module's.
  return structuredClone(parsed);
}

export type GraphNode =
  | { type: 'user'; account: SimulatedAccount }
  | { type: 'media'; account: SimulatedAccount; media: SimulatedMedia }
  | { type: 'comment'; account: SimulatedAccount; media: SimulatedMedia; comment: SimulatedComment };

/**
 * The simulator's in-memory Instagram: lookups by any id, and the writes the API allows. Accounts and media are
 * never added or removed and comments are only deleted, so the indexes are built once; an indexed comment is
 * found only while its media still lists it.
 */
export class InstagramStore {
  private readonly accountsByUserId = new Map<string, SimulatedAccount>();
  private readonly accountsByUsername = new Map<string, SimulatedAccount>();
  /** The first node in fixture order for each id (ids are unique across the fixture: the schema checks). */
  private readonly nodesById = new Map<string, GraphNode>();

  constructor(readonly fixture: InstagramFixture) {
    for (const account of fixture.accounts) sortNewestFirst(account);
    const first = (map: Map<string, GraphNode>, id: string, node: GraphNode) => {
      if (!map.has(id)) map.set(id, node);
    };
    for (const account of fixture.accounts) {
      if (!this.accountsByUserId.has(account.userId)) this.accountsByUserId.set(account.userId, account);
      if (!this.accountsByUsername.has(account.username)) this.accountsByUsername.set(account.username, account);
      first(this.nodesById, account.id, { type: 'user', account });
      first(this.nodesById, account.userId, { type: 'user', account });
      for (const media of account.media) {
        first(this.nodesById, media.id, { type: 'media', account, media });
        for (const comment of media.comments) first(this.nodesById, comment.id, { type: 'comment', account, media, comment });
      }
    }
  }

  accountByUserId(userId: string): SimulatedAccount | null {
    return this.accountsByUserId.get(userId) ?? null;
  }

  accountByHandle(handle: string): SimulatedAccount | null {
    return this.accountsByUsername.get(handle.replace(/^@/, '').toLowerCase()) ?? null;
  }

  /** Any node by id: a user by its app-scoped id or its user_id, a media, a comment. */
  node(id: string): GraphNode | null {
    const node = this.nodesById.get(id);
    if (!node) return null;
    if (node.type !== 'comment') return { ...node };
    const comment = node.media.comments.find((candidate) => candidate.id === id);
    return comment ? { type: 'comment', account: node.account, media: node.media, comment } : null;
  }

  deleteComment(media: SimulatedMedia, commentId: string): void {
    media.comments = media.comments.filter((comment) => comment.id !== commentId);
  }
}

function sortNewestFirst(account: SimulatedAccount): void {
  const time = (value: string) => Date.parse(value);
  account.media.sort((left, right) => time(right.timestamp) - time(left.timestamp));
  for (const media of account.media) media.comments.sort((left, right) => time(right.timestamp) - time(left.timestamp));
}
