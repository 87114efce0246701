import { RemediationKind } from '../../../integrations/provider';
import { SnapshotField, type AccountSnapshot, type SnapshotPost } from '../../../integrations/snapshot';
import { instant } from '../matching/time';
import { fail, manual, pass, type RuleDefinition, type RuleOutcome } from '../rule';

const HOUR_MS = 3_600_000;
const DEFAULT_MAX_HOURS = 24;
const MAX_LISTED_POSTS = 20;

/** RECENT: reviewed within the window; NEVER: no moderation seen; UNREADABLE: a timestamp we cannot parse. */
type Review = 'RECENT' | 'STALE' | 'NEVER' | 'UNREADABLE';

/**
 * comments.moderated: comments are off, held for review or filtered; where they are open, someone reviewed
 * them within `maxHoursBetweenReviews` (default 24).
 *
 * - The window is inclusive: a moderation exactly maxHours before `now` counts as recent, one ms older does not.
 *   A moderation time after `now` (clock skew) counts as recent. Arithmetic is in epoch milliseconds.
 * - Any mode with comments waiting in a review queue (heldForReviewCount > 0) and no review within the window
 *   fails: the reviews are overdue. No moderation seen at all counts as not reviewed.
 * - PER_POST: the snapshot's recent posts decide. Any post with comments on → judged like OPEN; all off (or no
 *   posts) → PASS; posts whose setting the platform does not say → PASS only with a recent review, else MANUAL.
 * - COMMENTS unavailable or null → MANUAL. An unreadable moderation time → MANUAL where it matters.
 */
export const commentsModeratedRule: RuleDefinition = {
  id: 'comments.moderated',
  title: 'Comments are moderated',
  severity: 'medium',
  rationale: 'Open comments on a school account must be reviewed regularly so that harmful comments do not stay up.',
  evidence: 'snapshot',
  parameters: [
    {
      name: 'maxHoursBetweenReviews',
      type: 'integer',
      description: 'Hours allowed since the last moderation when comments are open or waiting for review.',
      default: DEFAULT_MAX_HOURS,
      min: 1,
      max: 8760,
    },
  ],
  remediation: {
    automatic: RemediationKind.DISABLE_POST_COMMENTS,
    steps: [
      'Review and hide or remove inappropriate comments now, and clear the review queue.',
      "Turn comments off, or turn on 'hold for review' or the platform's comment filter.",
      'Agree who reviews comments at least once within the allowed time.',
    ],
  },
  evaluate(input) {
    const data = input.snapshot?.data ?? null;
    const comments = data?.comments ?? null;
    if (data === null || comments === null || data.unavailable.includes(SnapshotField.COMMENTS)) {
      return manual('The platform does not show how comments are handled; confirm it by hand.', { mode: null });
    }
    const hoursParameter = input.parameters.maxHoursBetweenReviews;
    const maxHours = typeof hoursParameter === 'number' && Number.isFinite(hoursParameter) ? Math.max(0, hoursParameter) : DEFAULT_MAX_HOURS;
    const moderated = instant(comments.lastModeratedAt);
    const readable = moderated !== null && !Number.isNaN(moderated) ? moderated : null;
    const ageMs = readable === null ? null : input.now.getTime() - readable;
    const review: Review =
      moderated === null ? 'NEVER' : ageMs === null ? 'UNREADABLE' : ageMs <= maxHours * HOUR_MS ? 'RECENT' : 'STALE';
    const held = typeof comments.heldForReviewCount === 'number' ? comments.heldForReviewCount : null;
    const evidence: Record<string, unknown> = {
      mode: comments.mode,
      lastModeratedAt: readable === null ? comments.lastModeratedAt : new Date(readable).toISOString(),
      hoursSinceModeration: ageMs === null ? null : Math.round((ageMs / HOUR_MS) * 100) / 100,
      maxHoursBetweenReviews: maxHours,
      review,
      heldForReviewCount: held,
    };

    if (held !== null && held > 0 && review !== 'RECENT') {
      if (review === 'UNREADABLE') return manual('Comments are waiting for review and the last review time cannot be read.', evidence);
      return fail('Comments are waiting for review and nobody has reviewed them recently.', { ...evidence, reason: 'REVIEW_QUEUE_OVERDUE' });
    }
    switch (comments.mode) {
      case 'OFF':
        return pass('Comments are turned off.', evidence);
      case 'HELD_FOR_REVIEW':
        return pass('New comments are held for review before they appear.', evidence);
      case 'FILTERED':
        return pass('Comments go through the platform filter.', evidence);
      case 'OPEN':
        return judgeOpen(review, evidence);
      case 'PER_POST':
        return judgePerPost(data, review, evidence);
      default:
        return review === 'RECENT'
          ? pass('Comments were reviewed recently.', evidence)
          : manual('The comment setting is not one Proctor knows; confirm it by hand.', evidence);
    }
  },
};

function judgeOpen(review: Review, evidence: Record<string, unknown>): RuleOutcome {
  if (review === 'RECENT') return pass('Comments are open and were reviewed recently.', evidence);
  if (review === 'UNREADABLE') return manual('Comments are open and the last review time cannot be read.', evidence);
  return fail('Comments are open and have not been reviewed recently.', { ...evidence, reason: review === 'NEVER' ? 'NEVER_REVIEWED' : 'REVIEW_OVERDUE' });
}

function judgePerPost(data: AccountSnapshot, review: Review, evidence: Record<string, unknown>): RuleOutcome {
  const posts: SnapshotPost[] | null =
    data.recentPosts === null || data.unavailable.includes(SnapshotField.RECENT_POSTS) ? null : data.recentPosts;
  if (posts === null) {
    return review === 'RECENT'
      ? pass('Comments were reviewed recently.', evidence)
      : manual("The platform does not show the posts' comment settings; confirm them by hand.", evidence);
  }
  const open = posts.filter((post) => post.commentsEnabled === true);
  const unknown = posts.filter((post) => post.commentsEnabled !== true && post.commentsEnabled !== false);
  const perPost = {
    ...evidence,
    postsChecked: posts.length,
    openPostCount: open.length,
    openPostIds: open.slice(0, MAX_LISTED_POSTS).map((post) => post.externalId),
    unknownPostCount: unknown.length,
  };
  if (open.length > 0) return judgeOpen(review, perPost);
  if (unknown.length === 0) return pass('Comments are turned off on every recent post.', perPost);
  return review === 'RECENT'
    ? pass('Comments were reviewed recently.', perPost)
    : manual('The platform does not say whether comments are on for some posts; confirm by hand.', perPost);
}
