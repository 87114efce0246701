import { RemediationKind } from '../../../integrations/provider';
import { SnapshotField, type SnapshotPost } from '../../../integrations/snapshot';
import { fail, manual, pass, type ParameterValue, type RuleDefinition, type RuleInput, type RuleOutcome } from '../rule';

/**
 * content.student-tags (rules.md): the newest `postsToScan` posts tag or @mention no current student.
 *
 * Any student counts, with or without media consent: consent covers showing a student, not pointing the
 * public at the student's own account (ap1311 §1.3.6, ap146 §2.1). The consent flag is still reported so the
 * reviewer knows how urgent it is. Whether a photo shows an identifiable student cannot be read from any
 * platform's API, so a clean result speaks for tags and mentions only (evidence: `mediaReviewed: false`).
 *
 * Handles are compared without '@', trimmed and lower case; tags the platform reports as ids (Facebook
 * message_tags) are looked up the same way and simply match nothing unless the student roster holds that id.
 * No student names are copied into the evidence: ids and handles only.
 */

const DEFAULT_POSTS_TO_SCAN = 50;

interface TaggedStudent {
  postId: string;
  postUrl: string | null;
  handle: string;
  via: 'mention' | 'tag';
  studentId: string;
  schoolId: string;
  mediaConsent: boolean;
}

function positiveInteger(value: ParameterValue | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
}

function handleKey(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const key = value.trim().replace(/^@+/, '').toLowerCase();
  return key.length > 0 ? key : null;
}

const CANONICAL_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{3})?Z$/;

function timeOf(post: SnapshotPost): number {
  const time = typeof post.createdAt === 'string' ? Date.parse(post.createdAt) : Number.NaN;
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

/** Newest first. Snapshots already are, so with canonical UTC times (compared as text) nothing is parsed or sorted. */
function newestPosts(posts: readonly SnapshotPost[], limit: number): SnapshotPost[] {
  const present = posts.filter((post): post is SnapshotPost => typeof post === 'object' && post !== null);
  const ordered = present.every(
    (post, i) =>
      typeof post.createdAt === 'string' &&
      CANONICAL_TIME.test(post.createdAt) &&
      (i === 0 || (post.createdAt.length === present[i - 1].createdAt.length && post.createdAt <= present[i - 1].createdAt)),
  );
  if (ordered) return present.slice(0, limit);
  return present
    .map((post, index) => ({ post, index, time: timeOf(post) }))
    .sort((a, b) => b.time - a.time || a.index - b.index)
    .slice(0, limit)
    .map(({ post }) => post);
}

function studentsIn(input: RuleInput, post: SnapshotPost): TaggedStudent[] {
  const platform = input.snapshot?.data.platform ?? input.account.platform;
  const found: TaggedStudent[] = [];
  const seen = new Set<string>();
  const lists: Array<['mention' | 'tag', unknown]> = [
    ['mention', post.mentions],
    ['tag', post.tags],
  ];
  for (const [via, list] of lists) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const handle = handleKey(raw);
      if (handle === null || seen.has(handle)) continue;
      seen.add(handle);
      const student = input.people.studentByHandle(platform, handle);
      if (!student) continue;
      found.push({
        postId: String(post.externalId),
        postUrl: typeof post.url === 'string' ? post.url : null,
        handle,
        via,
        studentId: student.studentId,
        schoolId: student.schoolId,
        mediaConsent: student.mediaConsent,
      });
    }
  }
  return found;
}

export const contentStudentTagsRule: RuleDefinition = {
  id: 'content.student-tags',
  title: 'Recent posts tag no students',
  severity: 'critical',
  rationale:
    'Tagging or mentioning a student links the public to a minor’s own account; student images and details need consent (ap1311 §1.3.6, ap146 §2.1).',
  evidence: 'snapshot',
  parameters: [
    {
      name: 'postsToScan',
      type: 'integer',
      description: 'How many of the newest posts to check for student tags and mentions.',
      default: DEFAULT_POSTS_TO_SCAN,
      min: 1,
      max: 500,
    },
  ],
  remediation: {
    automatic: RemediationKind.HIDE_POST,
    steps: [
      'Open each listed post and remove the student’s tag or @mention (edit the post, or hide or delete it if it cannot be edited).',
      'Check the student’s media consent before the post, or any photo of the student, goes back up.',
      'Remind the account’s admins not to tag or mention students.',
    ],
  },
  evaluate(input: RuleInput): RuleOutcome {
    const data = input.snapshot?.data;
    if (!data || data.unavailable.includes(SnapshotField.RECENT_POSTS) || !Array.isArray(data.recentPosts)) {
      return manual('The platform does not show this account’s posts: confirm by hand that no post tags a student.', {
        recentPostsAvailable: false,
      });
    }
    const postsToScan = positiveInteger(input.parameters.postsToScan, DEFAULT_POSTS_TO_SCAN);
    const scanned = newestPosts(data.recentPosts, postsToScan);
    const taggedStudents = scanned.flatMap((post) => studentsIn(input, post));
    const evidence = {
      postsScanned: scanned.length,
      postsToScan,
      taggedStudents,
      // Photos are not analysed: an identifiable student without consent still needs a person's check.
      mediaReviewed: false,
    };
    if (taggedStudents.length === 0) return pass('No recent post tags or mentions a student.', evidence);
    const posts = new Set(taggedStudents.map((tagged) => tagged.postId)).size;
    const withoutConsent = taggedStudents.filter((tagged) => !tagged.mediaConsent).length;
    return fail(
      `${posts} recent post${posts === 1 ? '' : 's'} tag or mention a student${withoutConsent > 0 ? ' (some without media consent)' : ''}.`,
      { ...evidence, postsWithStudents: posts, studentsWithoutConsent: withoutConsent },
    );
  },
};
