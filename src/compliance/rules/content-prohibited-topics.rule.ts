import { SnapshotField, type SnapshotPost } from '../../../integrations/snapshot';
import { fail, manual, notApplicable, pass, type ParameterValue, type RuleDefinition, type RuleInput, type RuleOutcome } from '../rule';
import { customTermIndex, foldWords, PROHIBITED_TOPIC_CATEGORIES, topicsIn, type TopicCategory } from './topic-matcher';

/**
 * content.prohibited-topics (rules.md; hdsb §2): recent posts do not promote alcohol, drugs, tobacco, explicit
 * content, political parties or religion. A match is a FAIL *for human review*, never a verdict on a person.
 *
 * The term lists are data (prohibited-terms.json; its `$comment` states the false-positive policy), matched by
 * topic-matcher.ts: case-, accent- and punctuation-insensitive, whole words only, `allow` phrases masked, and a
 * post whose text carries one of the category's `contexts` (awareness, prevention, student council, ...) is
 * reported as `suppressed` instead of flagged. customTerms ('CATEGORY:term', category in any case) add terms to
 * enabled categories; malformed entries and unknown or disabled categories are ignored and listed in the evidence.
 * Posts without text are counted; when no scanned post has text the answer is MANUAL, never PASS.
 */

export { PROHIBITED_TOPIC_CATEGORIES };

const DEFAULT_POSTS_TO_SCAN = 50;

const strings = (value: ParameterValue | undefined): string[] | null => (Array.isArray(value) ? value.filter((item) => typeof item === 'string') : null);
const CANONICAL_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{3})?Z$/;
function time(post: SnapshotPost): number {
  const parsed = typeof post.createdAt === 'string' ? Date.parse(post.createdAt) : Number.NaN;
  return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
}

/** Newest first. Snapshots already are (canonical UTC times compare as text, so checking costs no parsing). */
function newestPosts(posts: readonly SnapshotPost[], limit: number): SnapshotPost[] {
  const present = posts.filter((post) => typeof post === 'object' && post !== null);
  const ordered = present.every(
    (post, i) =>
      typeof post.createdAt === 'string' &&
      CANONICAL_TIME.test(post.createdAt) &&
      (i === 0 || (post.createdAt.length === present[i - 1].createdAt.length && post.createdAt <= present[i - 1].createdAt)),
  );
  if (ordered) return present.slice(0, limit);
  return present.map((post, i) => ({ post, i, t: time(post) })).sort((a, b) => b.t - a.t || a.i - b.i).slice(0, limit).map(({ post }) => post);
}

interface TopicMatch {
  postId: string;
  postUrl: string | null;
  category: TopicCategory;
  terms: string[];
  context?: string;
}

export const contentProhibitedTopicsRule: RuleDefinition = {
  id: 'content.prohibited-topics',
  title: 'Recent posts avoid prohibited topics',
  severity: 'medium',
  rationale:
    'Professional accounts do not promote alcohol, drug or tobacco use, explicit content, political parties or religion (hdsb §2); matches go to a person for review.',
  evidence: 'snapshot',
  parameters: [
    { name: 'categories', type: 'string[]', description: 'Topic categories to look for.', default: [...PROHIBITED_TOPIC_CATEGORIES], allowed: PROHIBITED_TOPIC_CATEGORIES },
    { name: 'customTerms', type: 'string[]', description: "Extra terms, each written 'CATEGORY:term' (e.g. 'ALCOHOL:mead').", default: [] },
    { name: 'postsToScan', type: 'integer', description: 'How many of the newest posts to read.', default: DEFAULT_POSTS_TO_SCAN, min: 1, max: 500 },
  ],
  remediation: {
    automatic: null,
    steps: [
      'Read each listed post in context: a match is a prompt for review, not a finding against anyone.',
      'If the post does promote the topic, edit or remove it and remind the account’s admins of the guideline.',
      'If it does not (a false match), request an exception with the reason, or ask the district to adjust its term list.',
    ],
  },
  evaluate(input: RuleInput): RuleOutcome {
    const data = input.snapshot?.data;
    if (!data || data.unavailable.includes(SnapshotField.RECENT_POSTS) || !Array.isArray(data.recentPosts)) {
      return manual('The platform does not show this account’s posts: review recent content by hand.', { recentPostsAvailable: false });
    }
    const wanted = strings(input.parameters.categories) ?? [...PROHIBITED_TOPIC_CATEGORIES];
    const enabled = PROHIBITED_TOPIC_CATEGORIES.filter((category) => wanted.includes(category));
    const custom: Array<[TopicCategory, string]> = [];
    const ignoredCustomTerms: string[] = [];
    for (const entry of strings(input.parameters.customTerms) ?? []) {
      const colon = entry.indexOf(':');
      const category = enabled.find((c) => colon > 0 && c === entry.slice(0, colon).trim().toUpperCase());
      if (category && foldWords(entry.slice(colon + 1)).length > 0) custom.push([category, entry.slice(colon + 1)]);
      else ignoredCustomTerms.push(entry);
    }
    if (enabled.length === 0) return notApplicable('No topic categories are switched on for this account.', { categories: [], ignoredCustomTerms });

    const extra = customTermIndex(custom);
    const limit = typeof input.parameters.postsToScan === 'number' && input.parameters.postsToScan > 0 ? input.parameters.postsToScan : DEFAULT_POSTS_TO_SCAN;
    const scanned = newestPosts(data.recentPosts, limit);
    const matches: TopicMatch[] = [];
    const suppressed: TopicMatch[] = [];
    let postsWithText = 0;
    for (const post of scanned) {
      if (typeof post.text !== 'string') continue;
      postsWithText += 1;
      for (const { category, terms, context } of topicsIn(post.text, enabled, extra)) {
        const found: TopicMatch = { postId: String(post.externalId), postUrl: typeof post.url === 'string' ? post.url : null, category, terms };
        if (context !== null) suppressed.push({ ...found, context });
        else matches.push(found);
      }
    }
    const evidence = {
      postsScanned: scanned.length,
      postsWithoutText: scanned.length - postsWithText,
      categories: enabled,
      customTermCount: custom.length,
      ignoredCustomTerms,
      matches,
      suppressed,
    };
    if (scanned.length > 0 && postsWithText === 0) return manual('The platform shows no text for recent posts: review them by hand.', evidence);
    if (matches.length === 0) return pass('No recent post mentions a topic on the review list.', evidence);
    const posts = new Set(matches.map((match) => match.postId)).size;
    const topics = [...new Set(matches.map((match) => match.category.toLowerCase()))].join(', ');
    return fail(`${posts} recent post${posts === 1 ? '' : 's'} mention${posts === 1 ? 's' : ''} topics to review (${topics}).`, evidence);
  },
};
