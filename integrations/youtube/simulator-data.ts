import { z } from 'zod';
import sandboxFixture from './fixtures/sandbox.json';

const channelId = z.string().regex(/^UC[A-Za-z0-9_-]{22}$/, 'a channel id is UC + 22 characters');
const isoTime = z.iso.datetime({ offset: true });

const commentSchema = z.object({
  id: z.string().min(10),
  authorDisplayName: z.string(),
  authorChannelId: channelId,
  text: z.string(),
  publishedAt: isoTime,
  moderationStatus: z.enum(['published', 'heldForReview', 'likelySpam', 'rejected']),
});

const videoSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{11}$/, 'a video id is 11 characters'),
  title: z.string().max(100),
  description: z.string().max(5000),
  publishedAt: isoTime,
  privacyStatus: z.enum(['public', 'unlisted', 'private']),
  /** Scheduled publication of a private video. */
  publishAt: isoTime.nullable().default(null),
  embeddable: z.boolean().default(true),
  license: z.enum(['youtube', 'creativeCommon']).default('youtube'),
  publicStatsViewable: z.boolean().default(true),
  selfDeclaredMadeForKids: z.boolean().default(false),
  /** Studio's per-video "comments off": the API only shows it as a 403 on commentThreads. */
  commentsDisabled: z.boolean().default(false),
  viewCount: z.number().int().nonnegative().default(0),
  comments: z.array(commentSchema).default([]),
});

const channelSchema = z.object({
  id: channelId,
  /** The Google user who owns the (Brand Account) channel. */
  ownerUserId: z.string(),
  /** Brand Account managers: they can consent for the channel too. */
  managerUserIds: z.array(z.string()).default([]),
  title: z.string(),
  customUrl: z.string().regex(/^@[A-Za-z0-9._-]{3,30}$/, 'customUrl is the @handle'),
  description: z.string().max(1000),
  keywords: z.string().default(''),
  country: z.string().length(2).nullable().default(null),
  defaultLanguage: z.string().nullable().default(null),
  publishedAt: isoTime,
  privacyStatus: z.enum(['public', 'unlisted', 'private']),
  madeForKids: z.boolean().default(false),
  subscriberCount: z.number().int().nonnegative(),
  hiddenSubscriberCount: z.boolean().default(false),
  viewCount: z.number().int().nonnegative().default(0),
  videos: z.array(videoSchema).default([]),
});

const userSchema = z.object({
  /** Google account ids are 21-digit numbers. */
  id: z.string().regex(/^\d{21}$/),
  name: z.string(),
  email: z.email(),
});

export const youtubeFixtureSchema = z
  .object({
    /** The project's daily quota in units (Google's default is 10,000); null = unlimited, for the sandbox and bench. */
    dailyQuotaUnits: z.number().int().positive().nullable().default(null),
    users: z.array(userSchema),
    channels: z.array(channelSchema),
  })
  .superRefine((fixture, context) => {
    const users = new Set(fixture.users.map((user) => user.id));
    const seen = new Set<string>();
    for (const [index, channel] of fixture.channels.entries()) {
      for (const userId of [channel.ownerUserId, ...channel.managerUserIds]) {
        if (!users.has(userId)) context.addIssue({ code: 'custom', path: ['channels', index], message: `unknown user ${userId}` });
      }
      const keys = [channel.id, channel.customUrl.toLowerCase(), ...channel.videos.map((video) => video.id)];
      for (const key of keys) {
        if (seen.has(key)) context.addIssue({ code: 'custom', path: ['channels', index], message: `duplicate ${key}` });
        seen.add(key);
      }
    }
  });

/** The fixture as written (defaults optional): what the bench generates. */
export type YouTubeFixture = z.input<typeof youtubeFixtureSchema>;
export type YouTubeFixtureData = z.output<typeof youtubeFixtureSchema>;
export type SimulatedChannel = YouTubeFixtureData['channels'][number];
export type SimulatedVideo = SimulatedChannel['videos'][number];
export type SimulatedComment = SimulatedVideo['comments'][number];
export type SimulatedUser = YouTubeFixtureData['users'][number];

/** Validates a fixture (the sandbox file by default) and returns a private copy the simulator may change. */
export function loadYouTubeFixture(fixture: unknown = sandboxFixture): YouTubeFixtureData {
  const parsed = youtubeFixtureSchema.safeParse(fixture);
  if (!parsed.success) throw new Error(`invalid YouTube fixture: ${z.prettifyError(parsed.error)}`);
  return structuredClone(parsed.data);
}

/** The uploads playlist of a channel: Google derives it from the channel id (UC… → UU…). */
export function uploadsPlaylistId(channel: SimulatedChannel): string {
  return `UU${channel.id.slice(2)}`;
}

/** Where a comment sits, and its place in fixture order (channel, video, comment) as the scans meet it. */
export interface CommentLocation {
  channel: SimulatedChannel;
  video: SimulatedVideo;
  comment: SimulatedComment;
  order: number;
}

/**
 * The simulator's in-memory YouTube: lookups over the fixture, which writes change in place. Channels and videos
 * are never added or removed, and comments are only removed, so the indexes are built once; a comment location is
 * checked against its video before it is used, so a removed comment is never served.
 */
export class YouTubeStore {
  private readonly channelsById = new Map<string, SimulatedChannel>();
  private readonly channelsByHandle = new Map<string, SimulatedChannel>();
  private readonly channelsByUploads = new Map<string, SimulatedChannel>();
  private readonly channelsByManager = new Map<string, SimulatedChannel[]>();
  private readonly videosById = new Map<string, { channel: SimulatedChannel; video: SimulatedVideo }>();
  /** Every location of each comment id, in fixture order (ids are unique in practice; the list keeps scans' semantics). */
  private readonly commentsById = new Map<string, CommentLocation[]>();

  constructor(readonly data: YouTubeFixtureData) {
    const first = <K, V>(map: Map<K, V>, key: K, value: V) => {
      if (!map.has(key)) map.set(key, value);
    };
    let order = 0;
    for (const channel of data.channels) {
      first(this.channelsById, channel.id, channel);
      first(this.channelsByHandle, channel.customUrl.slice(1).toLowerCase(), channel);
      first(this.channelsByUploads, uploadsPlaylistId(channel), channel);
      for (const userId of new Set([channel.ownerUserId, ...channel.managerUserIds])) {
        const managed = this.channelsByManager.get(userId) ?? [];
        managed.push(channel);
        this.channelsByManager.set(userId, managed);
      }
      for (const video of channel.videos) {
        first(this.videosById, video.id, { channel, video });
        for (const comment of video.comments) {
          const locations = this.commentsById.get(comment.id) ?? [];
          locations.push({ channel, video, comment, order: order++ });
          this.commentsById.set(comment.id, locations);
        }
      }
    }
  }

  get users(): SimulatedUser[] {
    return this.data.users;
  }

  channel(id: string): SimulatedChannel | undefined {
    return this.channelsById.get(id);
  }

  channelByHandle(handle: string): SimulatedChannel | undefined {
    return this.channelsByHandle.get(handle.replace(/^@/, '').toLowerCase());
  }

  channelByUploads(playlistId: string): SimulatedChannel | undefined {
    return this.channelsByUploads.get(playlistId);
  }

  /**
   * Channels the person can act as. Google's account chooser binds a token to one channel (the person or a Brand
   * Account); the simulator lets the token act for every channel the person owns or manages.
   */
  channelsManagedBy(userId: string): SimulatedChannel[] {
    return [...(this.channelsByManager.get(userId) ?? [])];
  }

  /** Newest first, as YouTube orders an uploads playlist. */
  uploads(channel: SimulatedChannel): SimulatedVideo[] {
    return [...channel.videos].sort((left, right) => right.publishedAt.localeCompare(left.publishedAt));
  }

  video(id: string): { channel: SimulatedChannel; video: SimulatedVideo } | undefined {
    return this.videosById.get(id);
  }

  /** The comments with these ids that are still there, in fixture order. */
  commentsWithIds(ids: readonly string[]): CommentLocation[] {
    const found: CommentLocation[] = [];
    for (const id of new Set(ids)) {
      for (const location of this.commentsById.get(id) ?? []) {
        if (location.video.comments.includes(location.comment)) found.push(location);
      }
    }
    return found.sort((left, right) => left.order - right.order);
  }

  comment(id: string): { channel: SimulatedChannel; video: SimulatedVideo; comment: SimulatedComment } | undefined {
    const location = this.commentsWithIds([id])[0];
    return location && { channel: location.channel, video: location.video, comment: location.comment };
  }

  deleteComment(id: string): void {
    const found = this.comment(id);
    if (found) found.video.comments = found.video.comments.filter((comment) => comment.id !== id);
  }
}

export function manages(channel: SimulatedChannel, userId: string): boolean {
  return channel.ownerUserId === userId || channel.managerUserIds.includes(userId);
}
