import { RemediationKind } from '../../../integrations/provider';
import { SnapshotField, type AccountSnapshot, type SnapshotComments, type SnapshotPost } from '../../../integrations/snapshot';
import { commentsModeratedRule as rule } from '../../../src/compliance/rules/comments-moderated.rule';
import { NOW, ruleInput, snapshotData } from '../../support/rule-fixtures';

const HOUR_MS = 3_600_000;
const hoursAgo = (hours: number, extraMs = 0) => new Date(NOW.getTime() - hours * HOUR_MS - extraMs).toISOString();

function judge(comments: SnapshotComments | null, other: Partial<AccountSnapshot> = {}, parameters: Record<string, number> = {}) {
  return rule.evaluate(
    ruleInput(rule, {
      snapshot: { id: 'snapshot-1', fetchedAt: NOW, data: snapshotData({ comments, ...other }) },
      parameters,
    }),
  );
}

const comments = (overrides: Partial<SnapshotComments> = {}): SnapshotComments => ({
  mode: 'OPEN',
  lastModeratedAt: hoursAgo(2),
  heldForReviewCount: null,
  ...overrides,
});

const post = (externalId: string, commentsEnabled: boolean | null): SnapshotPost => ({
  externalId,
  createdAt: '2026-11-20T10:00:00Z',
  text: 'Hello',
  url: null,
  mentions: [],
  tags: [],
  commentsEnabled,
});

describe('comments.moderated', () => {
  it('declares its parameter and remediation', () => {
    expect(rule.id).toBe('comments.moderated');
    expect(rule.evidence).toBe('snapshot');
    expect(rule.severity).toBe('medium');
    expect(rule.parameters.map((parameter) => [parameter.name, parameter.type, parameter.default])).toEqual([['maxHoursBetweenReviews', 'integer', 24]]);
    expect(rule.remediation.automatic).toBe(RemediationKind.DISABLE_POST_COMMENTS);
  });

  it.each(['OFF', 'HELD_FOR_REVIEW', 'FILTERED'] as const)('passes %s comments even with no moderation seen', (mode) => {
    const outcome = judge(comments({ mode, lastModeratedAt: null }));
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence).toMatchObject({ mode, review: 'NEVER' });
  });

  it('passes open comments reviewed within the window', () => {
    const outcome = judge(comments());
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence).toMatchObject({ mode: 'OPEN', hoursSinceModeration: 2, maxHoursBetweenReviews: 24, review: 'RECENT' });
  });

  it('window is inclusive: exactly 24 h ago passes, 24 h + 1 ms fails', () => {
    expect(judge(comments({ lastModeratedAt: hoursAgo(24) })).status).toBe('PASS');
    const stale = judge(comments({ lastModeratedAt: hoursAgo(24, 1) }));
    expect(stale.status).toBe('FAIL');
    expect(stale.evidence).toMatchObject({ review: 'STALE', reason: 'REVIEW_OVERDUE' });
  });

  it('fails open comments with no moderation ever seen', () => {
    const outcome = judge(comments({ lastModeratedAt: null }));
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence).toMatchObject({ review: 'NEVER', reason: 'NEVER_REVIEWED', lastModeratedAt: null });
  });

  it('honours maxHoursBetweenReviews', () => {
    expect(judge(comments({ lastModeratedAt: hoursAgo(30) }), {}, { maxHoursBetweenReviews: 48 }).status).toBe('PASS');
    expect(judge(comments({ lastModeratedAt: hoursAgo(3) }), {}, { maxHoursBetweenReviews: 2 }).status).toBe('FAIL');
  });

  it('reads zone offsets and zone-less times as absolute instants (zone-less = UTC)', () => {
    // 2026-11-21T13:00:00-08:00 is 21:00Z, 15 h before NOW (12:00Z next day).
    expect(judge(comments({ lastModeratedAt: '2026-11-21T13:00:00-08:00' })).evidence.hoursSinceModeration).toBe(15);
    expect(judge(comments({ lastModeratedAt: '2026-11-21T12:00:00' })).evidence).toMatchObject({ hoursSinceModeration: 24, review: 'RECENT' });
    expect(judge(comments({ lastModeratedAt: '2026-11-21T11:59:59.999' })).status).toBe('FAIL');
  });

  it('counts a moderation time after now (clock skew) as recent', () => {
    expect(judge(comments({ lastModeratedAt: '2026-11-22T12:05:00Z' })).status).toBe('PASS');
  });

  it('answers MANUAL for open comments whose moderation time cannot be read', () => {
    expect(judge(comments({ lastModeratedAt: 'yesterday' })).evidence.review).toBe('UNREADABLE');
    expect(judge(comments({ lastModeratedAt: 'yesterday' })).status).toBe('MANUAL');
    expect(judge(comments({ lastModeratedAt: 'Nov 21 2026 10:00' })).status).toBe('MANUAL');
  });

  describe('review queue', () => {
    it('fails held comments waiting with no review within the window, whatever the mode', () => {
      const held = judge(comments({ mode: 'HELD_FOR_REVIEW', heldForReviewCount: 3, lastModeratedAt: hoursAgo(24, 1) }));
      expect(held.status).toBe('FAIL');
      expect(held.evidence).toMatchObject({ reason: 'REVIEW_QUEUE_OVERDUE', heldForReviewCount: 3 });
      expect(judge(comments({ mode: 'FILTERED', heldForReviewCount: 1, lastModeratedAt: null })).status).toBe('FAIL');
    });

    it('passes a waiting queue that was reviewed within the window (boundary inclusive)', () => {
      expect(judge(comments({ mode: 'HELD_FOR_REVIEW', heldForReviewCount: 3, lastModeratedAt: hoursAgo(24) })).status).toBe('PASS');
    });

    it('an empty or unknown queue does not fail', () => {
      expect(judge(comments({ mode: 'HELD_FOR_REVIEW', heldForReviewCount: 0, lastModeratedAt: null })).status).toBe('PASS');
      expect(judge(comments({ mode: 'HELD_FOR_REVIEW', heldForReviewCount: null, lastModeratedAt: null })).status).toBe('PASS');
    });

    it('answers MANUAL for a waiting queue with an unreadable review time', () => {
      expect(judge(comments({ mode: 'HELD_FOR_REVIEW', heldForReviewCount: 2, lastModeratedAt: 'garbage' })).status).toBe('MANUAL');
    });
  });

  describe('PER_POST', () => {
    const perPost = (lastModeratedAt: string | null) => comments({ mode: 'PER_POST', lastModeratedAt });

    it('passes when every recent post has comments off', () => {
      const outcome = judge(perPost(null), { recentPosts: [post('p1', false), post('p2', false)] });
      expect(outcome.status).toBe('PASS');
      expect(outcome.evidence).toMatchObject({ postsChecked: 2, openPostCount: 0, openPostIds: [], unknownPostCount: 0 });
    });

    it('passes with no posts at all', () => {
      expect(judge(perPost(null), { recentPosts: [] }).status).toBe('PASS');
    });

    it('fails when a post has comments on and nobody reviewed recently', () => {
      const outcome = judge(perPost(hoursAgo(48)), { recentPosts: [post('p1', false), post('p2', true)] });
      expect(outcome.status).toBe('FAIL');
      expect(outcome.evidence).toMatchObject({ openPostCount: 1, openPostIds: ['p2'], reason: 'REVIEW_OVERDUE' });
    });

    it('passes open posts reviewed within the window', () => {
      expect(judge(perPost(hoursAgo(1)), { recentPosts: [post('p1', true)] }).status).toBe('PASS');
    });

    it('posts whose setting is unknown: PASS with a recent review, MANUAL without', () => {
      expect(judge(perPost(hoursAgo(1)), { recentPosts: [post('p1', null), post('p2', false)] }).status).toBe('PASS');
      const unknown = judge(perPost(null), { recentPosts: [post('p1', null), post('p2', false)] });
      expect(unknown.status).toBe('MANUAL');
      expect(unknown.evidence).toMatchObject({ unknownPostCount: 1, openPostCount: 0 });
    });

    it('answers MANUAL when the posts cannot be read, unless reviewed recently', () => {
      expect(judge(perPost(null), { recentPosts: null, unavailable: [SnapshotField.RECENT_POSTS] }).status).toBe('MANUAL');
      expect(judge(perPost(hoursAgo(1)), { recentPosts: null, unavailable: [SnapshotField.RECENT_POSTS] }).status).toBe('PASS');
    });

    it('lists at most 20 open post ids but counts them all', () => {
      const posts = Array.from({ length: 25 }, (_, index) => post(`p${index}`, true));
      const outcome = judge(perPost(null), { recentPosts: posts });
      expect(outcome.status).toBe('FAIL');
      expect(outcome.evidence.openPostCount).toBe(25);
      expect(outcome.evidence.openPostIds).toHaveLength(20);
    });
  });

  it('answers MANUAL when the platform cannot show comment settings', () => {
    expect(judge(null).status).toBe('MANUAL');
    expect(judge(comments({ mode: 'OFF' }), { unavailable: [SnapshotField.COMMENTS] }).status).toBe('MANUAL');
  });

  it('an unknown mode passes only with a recent review', () => {
    const mode = 'MEMBERS_ONLY' as unknown as SnapshotComments['mode'];
    expect(judge(comments({ mode, lastModeratedAt: hoursAgo(1) })).status).toBe('PASS');
    expect(judge(comments({ mode, lastModeratedAt: null })).status).toBe('MANUAL');
  });

  it('copes with a null snapshot without throwing', () => {
    expect(rule.evaluate(ruleInput(rule, { snapshot: null })).status).toBe('MANUAL');
  });

  it('evidence is JSON-serialisable', () => {
    const outcome = judge(comments({ mode: 'PER_POST' }), { recentPosts: [post('p1', true)] });
    expect(JSON.parse(JSON.stringify(outcome.evidence))).toEqual(outcome.evidence);
  });
});
