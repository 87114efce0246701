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

/** The simulator's in-memory YouTube: lookups over the fixture, which writes change in place. */
export class YouTubeStore {
  constructor(readonly data: YouTubeFixtureData) {}

  get users(): SimulatedUser[] {
    return this.data.users;
  }

  channel(id: string): SimulatedChannel | undefined {
    return this.data.channels.find((channel) => channel.id === id);
  }

  channelByHandle(handle: string): SimulatedChannel | undefined {
    const wanted = handle.replace(/^@/, '').toLowerCase();
    return this.data.channels.find((channel) => channel.customUrl.slice(1).toLowerCase() === wanted);
  }

  channelByUploads(playlistId: string): SimulatedChannel | undefined {
    return this.data.channels.find((channel) => uploadsPlaylistId(channel) === playlistId);
  }

  /**
   * Channels the person can act as. Google's account chooser binds a token to one channel (the person or a Brand
   * Account); the simulator lets the token act for every channel the person owns or manages.
   */
  channelsManagedBy(userId: string): SimulatedChannel[] {
    return this.data.channels.filter((channel) => manages(channel, userId));
  }

  /** Newest first, as YouTube orders an uploads playlist. */
  uploads(channel: SimulatedChannel): SimulatedVideo[] {
    return [...channel.videos].sort((left, right) => right.publishedAt.localeCompare(left.publishedAt));
  }

  video(id: string): { channel: SimulatedChannel; video: SimulatedVideo } | undefined {
    for (const channel of this.data.channels) {
      const video = channel.videos.find((candidate) => candidate.id === id);
      if (video) return { channel, video };
    }
    return undefined;
  }

  comment(id: string): { channel: SimulatedChannel; video: SimulatedVideo; comment: SimulatedComment } | undefined {
    for (const channel of this.data.channels) {
      for (const video of channel.videos) {
        const comment = video.comments.find((candidate) => candidate.id === id);
        if (comment) return { channel, video, comment };
      }
    }
    return undefined;
  }

  deleteComment(id: string): void {
    const found = this.comment(id);
    if (found) found.video.comments = found.video.comments.filter((comment) => comment.id !== id);
  }
}

export function manages(channel: SimulatedChannel, userId: string): boolean {
  return channel.ownerUserId === userId || channel.managerUserIds.includes(userId);
}
