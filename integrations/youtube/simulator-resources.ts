import { etagOf, withParts } from './simulator-google';
import { uploadsPlaylistId, type SimulatedChannel, type SimulatedComment, type SimulatedVideo } from './simulator-data';

export const CHANNEL_PARTS = [
  'id',
  'snippet',
  'brandingSettings',
  'contentDetails',
  'statistics',
  'status',
  'topicDetails',
  'localizations',
] as const;
export const PLAYLIST_ITEM_PARTS = ['id', 'snippet', 'contentDetails', 'status'] as const;
export const COMMENT_THREAD_PARTS = ['id', 'snippet', 'replies'] as const;
export const VIDEO_PARTS = ['id', 'snippet', 'status', 'statistics', 'contentDetails', 'localizations'] as const;

/** Drops undefined and null members, as Google omits properties that are not set. */
function compact(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined && member !== null));
}

function thumbnails(seed: string, sizes: Array<[string, number, number]>): Record<string, unknown> {
  return Object.fromEntries(
    sizes.map(([name, width, height]) => [name, { url: `https://i.ytimg.com/simulated/${seed}/${name}.jpg`, width, height }]),
  );
}

const CHANNEL_THUMBNAILS: Array<[string, number, number]> = [['default', 88, 88], ['medium', 240, 240], ['high', 800, 800]];
const VIDEO_THUMBNAILS: Array<[string, number, number]> = [['default', 120, 90], ['medium', 320, 180], ['high', 480, 360]];

/** YouTube shows subscriber counts rounded to three significant figures. */
function roundedCount(count: number): string {
  if (count < 1000) return String(count);
  const scale = 10 ** (Math.floor(Math.log10(count)) - 2);
  return String(Math.floor(count / scale) * scale);
}

export function channelResource(channel: SimulatedChannel, parts: Set<string>): Record<string, unknown> {
  const publicVideos = channel.videos.filter((video) => video.privacyStatus === 'public').length;
  return withParts('youtube#channel', channel.id, parts, {
    snippet: compact({
      title: channel.title,
      description: channel.description,
      customUrl: channel.customUrl.toLowerCase(),
      publishedAt: channel.publishedAt,
      thumbnails: thumbnails(channel.id, CHANNEL_THUMBNAILS),
      defaultLanguage: channel.defaultLanguage,
      localized: { title: channel.title, description: channel.description },
      country: channel.country,
    }),
    contentDetails: { relatedPlaylists: { likes: '', uploads: uploadsPlaylistId(channel) } },
    statistics: compact({
      viewCount: String(channel.viewCount),
      subscriberCount: channel.hiddenSubscriberCount ? undefined : roundedCount(channel.subscriberCount),
      hiddenSubscriberCount: channel.hiddenSubscriberCount,
      videoCount: String(publicVideos),
    }),
    status: {
      privacyStatus: channel.privacyStatus,
      isLinked: true,
      longUploadsStatus: 'longUploadsUnspecified',
      madeForKids: channel.madeForKids,
      selfDeclaredMadeForKids: channel.madeForKids,
    },
    brandingSettings: {
      channel: compact({
        title: channel.title,
        description: channel.description,
        keywords: channel.keywords || undefined,
        country: channel.country,
        defaultLanguage: channel.defaultLanguage,
      }),
      image: { bannerExternalUrl: `https://yt3.googleusercontent.com/simulated/${channel.id}/banner` },
    },
  });
}

/**
 * One uploads-playlist entry. Someone who does not manage the channel sees a private video as the
 * "Private video" placeholder, without its publication time.
 */
export function playlistItemResource(
  channel: SimulatedChannel,
  video: SimulatedVideo,
  position: number,
  parts: Set<string>,
  viewerManages: boolean,
): Record<string, unknown> {
  const playlistId = uploadsPlaylistId(channel);
  const visible = video.privacyStatus !== 'private' || viewerManages;
  const id = Buffer.from(`${playlistId}.${video.id}`).toString('base64url');
  return withParts('youtube#playlistItem', id, parts, {
    snippet: compact({
      publishedAt: video.publishedAt,
      channelId: channel.id,
      title: visible ? video.title : 'Private video',
      description: visible ? video.description : 'This video is private.',
      thumbnails: visible ? thumbnails(video.id, VIDEO_THUMBNAILS) : {},
      channelTitle: channel.title,
      playlistId,
      position,
      resourceId: { kind: 'youtube#video', videoId: video.id },
      videoOwnerChannelTitle: visible ? channel.title : undefined,
      videoOwnerChannelId: visible ? channel.id : undefined,
    }),
    contentDetails: compact({ videoId: video.id, videoPublishedAt: visible ? video.publishedAt : undefined }),
    status: { privacyStatus: video.privacyStatus },
  });
}

/** A comment thread is its top-level comment; moderationStatus is only shown to the channel's owner. */
export function commentThreadResource(
  channel: SimulatedChannel,
  video: SimulatedVideo,
  comment: SimulatedComment,
  parts: Set<string>,
  ownerView: boolean,
): Record<string, unknown> {
  const commentSnippet = compact({
    channelId: channel.id,
    videoId: video.id,
    textDisplay: comment.text,
    textOriginal: comment.text,
    authorDisplayName: comment.authorDisplayName,
    authorProfileImageUrl: `https://yt3.ggpht.com/simulated/${comment.authorChannelId}=s48`,
    authorChannelUrl: `http://www.youtube.com/channel/${comment.authorChannelId}`,
    authorChannelId: { value: comment.authorChannelId },
    canRate: true,
    viewerRating: 'none',
    likeCount: 0,
    moderationStatus: ownerView ? comment.moderationStatus : undefined,
    publishedAt: comment.publishedAt,
    updatedAt: comment.publishedAt,
  });
  const topLevelComment = { kind: 'youtube#comment', etag: etagOf(commentSnippet), id: comment.id, snippet: commentSnippet };
  return withParts('youtube#commentThread', comment.id, parts, {
    snippet: { channelId: channel.id, videoId: video.id, topLevelComment, canReply: true, totalReplyCount: 0, isPublic: true },
  });
}

export function videoStatus(channel: SimulatedChannel, video: SimulatedVideo): Record<string, unknown> {
  return compact({
    uploadStatus: 'processed',
    privacyStatus: video.privacyStatus,
    publishAt: video.publishAt,
    license: video.license,
    embeddable: video.embeddable,
    publicStatsViewable: video.publicStatsViewable,
    madeForKids: video.selfDeclaredMadeForKids || channel.madeForKids,
    selfDeclaredMadeForKids: video.selfDeclaredMadeForKids,
  });
}

export function videoResource(channel: SimulatedChannel, video: SimulatedVideo, parts: Set<string>): Record<string, unknown> {
  const published = video.comments.filter((comment) => comment.moderationStatus === 'published').length;
  return withParts('youtube#video', video.id, parts, {
    snippet: {
      publishedAt: video.publishedAt,
      channelId: channel.id,
      title: video.title,
      description: video.description,
      thumbnails: thumbnails(video.id, VIDEO_THUMBNAILS),
      channelTitle: channel.title,
      categoryId: '27',
      liveBroadcastContent: 'none',
      localized: { title: video.title, description: video.description },
    },
    status: videoStatus(channel, video),
    statistics: compact({
      viewCount: String(video.viewCount),
      likeCount: '0',
      favoriteCount: '0',
      commentCount: video.commentsDisabled ? undefined : String(published),
    }),
    contentDetails: {
      duration: 'PT12M3S',
      dimension: '2d',
      definition: 'hd',
      caption: 'false',
      licensedContent: false,
      projection: 'rectangular',
    },
  });
}
