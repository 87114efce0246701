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

/** The simulator's in-memory Instagram: lookups by any id, and the writes the API allows. */
export class InstagramStore {
  constructor(readonly fixture: InstagramFixture) {
    for (const account of fixture.accounts) sortNewestFirst(account);
  }

  accountByUserId(userId: string): SimulatedAccount | null {
    return this.fixture.accounts.find((account) => account.userId === userId) ?? null;
  }

  accountByHandle(handle: string): SimulatedAccount | null {
    const wanted = handle.replace(/^@/, '').toLowerCase();
    return this.fixture.accounts.find((account) => account.username === wanted) ?? null;
  }

  /** Any node by id: a user by its app-scoped id or its user_id, a media, a comment. */
  node(id: string): GraphNode | null {
    for (const account of this.fixture.accounts) {
      if (account.id === id || account.userId === id) return { type: 'user', account };
      for (const media of account.media) {
        if (media.id === id) return { type: 'media', account, media };
        const comment = media.comments.find((candidate) => candidate.id === id);
        if (comment) return { type: 'comment', account, media, comment };
      }
    }
    return null;
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
