import { z } from 'zod';
import sandbox from './fixtures/sandbox.json';

/** X ids are decimal strings of up to 19 digits (snowflakes; very old accounts have short ones). */
const xId = z.string().regex(/^[0-9]{1,19}$/, 'an X id is 1-19 digits');

/** platforms.md §3.2: the reply_settings enum of the X OpenAPI. */
export const REPLY_SETTINGS = ['everyone', 'mentionedUsers', 'following', 'other', 'subscribers', 'verified'] as const;
export type ReplySetting = (typeof REPLY_SETTINGS)[number];

const tweetSchema = z.object({
  id: xId,
  text: z.string().min(1).max(280),
  createdAt: z.iso.datetime(),
  replySettings: z.enum(REPLY_SETTINGS).default('everyone'),
  /** Set on replies: the post this one answers. */
  inReplyToTweetId: xId.optional(),
  /** Hidden by the owner of the conversation (PUT /2/tweets/{id}/hidden). */
  hidden: z.boolean().default(false),
});

const userSchema = z.object({
  id: xId,
  username: z.string().regex(/^[A-Za-z0-9_]{1,15}$/, 'an X username is 1-15 letters, digits or _'),
  name: z.string().min(1).max(50),
  description: z.string().max(160).default(''),
  /** The profile website as typed; the API shows it as a t.co link in `url` and expanded in `entities.url`. */
  website: z.url().nullable().default(null),
  location: z.string().max(30).nullable().default(null),
  /** "Posts are private". */
  protected: z.boolean().default(false),
  /** Suspended accounts answer lookups with a per-id error. */
  suspended: z.boolean().default(false),
  createdAt: z.iso.datetime(),
  followersCount: z.number().int().nonnegative().default(0),
  listedCount: z.number().int().nonnegative().default(0),
  likeCount: z.number().int().nonnegative().default(0),
  /** Ids of the users this one follows, most recently followed first (the order /following serves). */
  following: z.array(xId).default([]),
  /** Posts and replies this user wrote. */
  tweets: z.array(tweetSchema).default([]),
});

/**
 * The simulated X: every user (district accounts, and the people they follow or who reply to them). Every
 * user can sign in on the consent screen: X accounts are shared logins, so the consenting person is the
 * account itself.
 */
export const xFixtureSchema = z
  .object({ users: z.array(userSchema).min(1) })
  .superRefine((fixture, context) => {
    const userIds = new Set<string>();
    const usernames = new Set<string>();
    const tweetIds = new Set<string>();
    fixture.users.forEach((user, index) => {
      if (userIds.has(user.id)) context.addIssue({ code: 'custom', path: ['users', index, 'id'], message: `duplicate user id ${user.id}` });
      const username = user.username.toLowerCase();
      if (usernames.has(username)) context.addIssue({ code: 'custom', path: ['users', index, 'username'], message: `duplicate username ${username}` });
      userIds.add(user.id);
      usernames.add(username);
      user.tweets.forEach((tweet, tweetIndex) => {
        if (tweetIds.has(tweet.id)) {
          context.addIssue({ code: 'custom', path: ['users', index, 'tweets', tweetIndex, 'id'], message: `duplicate tweet id ${tweet.id}` });
        }
        tweetIds.add(tweet.id);
      });
    });
    fixture.users.forEach((user, index) => {
      user.following.forEach((followed, followIndex) => {
        if (!userIds.has(followed)) {
          context.addIssue({ code: 'custom', path: ['users', index, 'following', followIndex], message: `unknown user ${followed}` });
        }
      });
      user.tweets.forEach((tweet, tweetIndex) => {
        if (tweet.inReplyToTweetId && !tweetIds.has(tweet.inReplyToTweetId)) {
          context.addIssue({
            code: 'custom',
            path: ['users', index, 'tweets', tweetIndex, 'inReplyToTweetId'],
            message: `unknown tweet ${tweet.inReplyToTweetId}`,
          });
        }
      });
    });
  });

/** What a fixture file (or a generated bench fixture) may contain: defaults may be left out. */
export type XFixture = z.input<typeof xFixtureSchema>;
export type XFixtureData = z.output<typeof xFixtureSchema>;
type FixtureUser = XFixtureData['users'][number];

export function parseXFixture(raw: unknown): XFixtureData {
  const parsed = xFixtureSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`the X simulator fixture is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export const sandboxXFixture: unknown = sandbox;

export type StoredUser = Omit<FixtureUser, 'tweets'>;

export interface StoredTweet {
  id: string;
  authorId: string;
  text: string;
  createdAt: string;
  replySettings: ReplySetting;
  inReplyToTweetId: string | null;
  /** The post that started the thread (X's conversation_id). */
  conversationId: string;
  hidden: boolean;
}

/** Newest first, the order X timelines use; ties broken by id like snowflakes would be. */
function newestFirst(left: StoredTweet, right: StoredTweet): number {
  if (left.createdAt !== right.createdAt) return left.createdAt < right.createdAt ? 1 : -1;
  return BigInt(left.id) < BigInt(right.id) ? 1 : -1;
}

/**
 * The simulator's mutable world: writes change it so the next read shows them. Users are never added and keep
 * their usernames, and posts are only deleted, so the indexes by username, author and parent are built once; a
 * post they list counts only while it is still in `tweets`.
 */
export class XStore {
  readonly users = new Map<string, StoredUser>();
  readonly tweets = new Map<string, StoredTweet>();
  private readonly usersByUsername = new Map<string, StoredUser>();
  /** Each author's posts, in the order of `tweets`. */
  private readonly tweetsByAuthor = new Map<string, StoredTweet[]>();
  /** The replies to each post, in the order of `tweets`. */
  private readonly repliesByParent = new Map<string, StoredTweet[]>();

  constructor(fixture: XFixtureData) {
    for (const { tweets, ...user } of fixture.users) {
      this.users.set(user.id, { ...user, following: [...user.following] });
      for (const tweet of tweets) {
        this.tweets.set(tweet.id, {
          id: tweet.id,
          authorId: user.id,
          text: tweet.text,
          createdAt: new Date(tweet.createdAt).toISOString(),
          replySettings: tweet.replySettings,
          inReplyToTweetId: tweet.inReplyToTweetId ?? null,
          conversationId: tweet.id,
          hidden: tweet.hidden,
        });
      }
    }
    for (const tweet of this.tweets.values()) tweet.conversationId = this.rootOf(tweet).id;
    for (const user of this.users.values()) {
      const username = user.username.toLowerCase();
      if (!this.usersByUsername.has(username)) this.usersByUsername.set(username, user);
    }
    const append = (map: Map<string, StoredTweet[]>, key: string, tweet: StoredTweet) => {
      const list = map.get(key);
      if (list) list.push(tweet);
      else map.set(key, [tweet]);
    };
    for (const tweet of this.tweets.values()) {
      append(this.tweetsByAuthor, tweet.authorId, tweet);
      if (tweet.inReplyToTweetId) append(this.repliesByParent, tweet.inReplyToTweetId, tweet);
    }
  }

  userByUsername(username: string): StoredUser | undefined {
    return this.usersByUsername.get(username.replace(/^@/, '').toLowerCase());
  }

  timeline(userId: string): StoredTweet[] {
    return (this.tweetsByAuthor.get(userId) ?? []).filter((tweet) => this.tweets.get(tweet.id) === tweet).sort(newestFirst);
  }

  /** How many replies the post has. */
  replyCount(tweetId: string): number {
    return (this.repliesByParent.get(tweetId) ?? []).filter((reply) => this.tweets.get(reply.id) === reply).length;
  }

  deleteTweet(id: string): void {
    this.tweets.delete(id);
  }

  private rootOf(tweet: StoredTweet): StoredTweet {
    let current = tweet;
    const seen = new Set<string>();
    while (current.inReplyToTweetId && !seen.has(current.id)) {
      seen.add(current.id);
      const parent = this.tweets.get(current.inReplyToTweetId);
      if (!parent) break;
      current = parent;
    }
    return current;
  }
}
