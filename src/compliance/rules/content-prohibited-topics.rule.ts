import { SnapshotField, type SnapshotPost } from '../../../integrations/snapshot';
import { fail, manual, notApplicable, pass, type ParameterValue, type RuleDefinition, type RuleInput, type RuleOutcome } from '../rule';
import termData from './prohibited-terms.json';

/**
 * content.prohibited-topics (rules.md; hdsb §2): recent posts do not promote alcohol, drugs, tobacco, explicit
 * content, political parties or religion. A match is a FAIL *for human review*, never a verdict on a person.
 *
 * The term lists are data (prohibited-terms.json; its `$comment` states the false-positive policy), folded and
 * indexed once at module load. Text and phrases are folded alike into words: NFKD, combining marks and
 * invisible format characters dropped (no split), a few letters folded by hand (œ → oe, ß → ss), lower case,
 * anything else not a letter or digit separates words; hashtags are split at case changes first ('#CraftBeer').
 * A phrase matches whole consecutive words only ('gin' never in 'begin', 'cunt' never in 'Scunthorpe'),
 * leftmost-longest and without overlap, like a word-bounded regex alternation. The index is one map of phrases
 * and their word prefixes, so a post costs about one map lookup per word whatever the list sizes (10 000
 * accounts × 50 posts).
 * - `allow` phrases mask their words first ('root beer', 'wine gums' leave no 'beer'/'wine').
 * - A post containing one of a category's `contexts` (awareness, prevention, student council, ...) is not
 *   flagged for that category; the match is kept in the evidence as `suppressed`.
 * customTerms ('CATEGORY:term') add terms to enabled categories (indexed once per distinct list, cached);
 * malformed entries and unknown or disabled categories are ignored and listed in the evidence.
 */

export const PROHIBITED_TOPIC_CATEGORIES = ['ALCOHOL', 'DRUGS', 'TOBACCO', 'EXPLICIT', 'POLITICAL', 'RELIGION'] as const;
type Category = (typeof PROHIBITED_TOPIC_CATEGORIES)[number];
type Kind = 'terms' | 'allow' | 'contexts';
interface Entry { category: Category; kind: Kind }
/** Folded phrase or word prefix of a phrase → the phrase's entries (empty for a bare prefix) and whether longer phrases start with it. */
type PhraseIndex = Map<string, { entries: Entry[]; prefix: boolean }> & { starts: Uint8Array };
interface Hit extends Entry { start: number; end: number; phrase: string }

const DEFAULT_POSTS_TO_SCAN = 50;
const FOLDS: Record<string, string> = { ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', æ: 'ae', œ: 'oe', ß: 'ss', ı: 'i' };
/** Non-ASCII character → its folded letters ('' when dropped, ' ' where it separates). Bounded by the characters seen. */
const CHARACTERS = new Map<string, string>();

function foldCharacter(character: string): string {
  let folded = CHARACTERS.get(character);
  if (folded === undefined) {
    folded = '';
    for (const part of character.normalize('NFKD')) {
      const lower = part.toLowerCase();
      if (/[\p{L}\p{N}]/u.test(part)) folded += FOLDS[lower] ?? lower;
      else if (!/[\p{M}\p{Cf}]/u.test(part)) folded += ' ';
    }
    if (CHARACTERS.size < 20_000) CHARACTERS.set(character, folded);
  }
  return folded;
}

const isLower = (code: number) => (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
const isUpper = (code: number) => code >= 65 && code <= 90;
/** In a hashtag, the capital at i (not the tag's first letter) starts a word: 'CraftBeer', 'Grade9Band', 'NDPRally'. */
function startsWord(text: string, i: number): boolean {
  const previous = text.charCodeAt(i - 1);
  const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
  return isLower(previous) || (isUpper(previous) && next >= 97 && next <= 122);
}

/**
 * Folded words of a text (see the header), in one pass without regexes (the hot spot over 500 000 posts).
 * Inside a hashtag an ASCII capital after a small letter or digit, or before one after a capital, starts a word.
 */
function foldWords(text: string): string[] {
  // Lower-casing the whole text first is fastest; per word only when it changed the length (e.g. 'İ').
  const lower = text.toLowerCase();
  const source = lower.length === text.length ? lower : text;
  const words: string[] = [];
  let word = '';
  let run = -1;
  let hashtag = false;
  for (let i = 0; i <= text.length; i += 1) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    if (isLower(code) || isUpper(code)) {
      if (hashtag && i > run && run >= 0 && isUpper(code) && startsWord(text, i)) {
        words.push((word + source.slice(run, i)).toLowerCase());
        word = '';
        run = i;
      } else if (run < 0) run = i;
      continue;
    }
    if (run >= 0) word += source.slice(run, i);
    run = -1;
    const wide = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    const mapped = code < 128 ? ' ' : foldCharacter(text.slice(i, i + wide));
    i += wide - 1;
    if (mapped === ' ') {
      if (word) words.push(source === lower ? word : word.toLowerCase());
      word = '';
      hashtag = code === 35;
      continue;
    }
    if (!mapped.includes(' ')) {
      word += mapped;
      continue;
    }
    const parts = mapped.split(' ');
    for (let k = 0; k < parts.length; k += 1) {
      if (k > 0 && word) words.push(source === lower ? word : word.toLowerCase());
      word = k > 0 ? parts[k] : word + parts[k];
    }
    hashtag = code === 35;
  }
  return words;
}

/** Cheap pre-check before hashing a word: (first character, length) pairs that start some phrase. */
const firstWordKey = (word: string): number => ((word.charCodeAt(0) & 1023) << 6) | Math.min(word.length, 63);

function buildIndex(lists: Array<{ category: Category; kind: Kind; phrases: readonly string[] }>): PhraseIndex {
  const index: PhraseIndex = Object.assign(new Map(), { starts: new Uint8Array(1 << 16) });
  const node = (key: string) => index.get(key) ?? index.set(key, { entries: [], prefix: false }).get(key)!;
  for (const { category, kind, phrases } of lists) {
    for (const phrase of phrases) {
      const words = foldWords(phrase);
      if (words.length === 0) continue;
      const key = words.join(' ');
      index.starts[firstWordKey(words[0])] = 1;
      const { entries } = node(key);
      if (!entries.some((e) => e.category === category && e.kind === kind)) entries.push({ category, kind });
      for (let n = 1; n < words.length; n += 1) node(words.slice(0, n).join(' ')).prefix = true;
    }
  }
  return index;
}

/** Every phrase of the index found in the words (overlapping), by start then longest first. */
function scan(words: readonly string[], index: PhraseIndex, hits: Hit[]): void {
  for (let start = 0; start < words.length; start += 1) {
    let phrase = words[start];
    if (index.starts[firstWordKey(phrase)] === 0) continue;
    for (let end = start + 1; ; end += 1) {
      const found = index.get(phrase);
      if (!found) break;
      for (const entry of found.entries) hits.push({ ...entry, start, end, phrase });
      if (end >= words.length || !found.prefix) break;
      phrase += ` ${words[end]}`;
    }
  }
}

/** Leftmost-longest, non-overlapping: what a word-bounded regex alternation would match. */
function leftmostLongest(hits: readonly Hit[]): Hit[] {
  const taken: Hit[] = [];
  for (const hit of [...hits].sort((a, b) => a.start - b.start || b.end - a.end)) if (taken.length === 0 || hit.start >= taken[taken.length - 1].end) taken.push(hit);
  return taken;
}

const DATA = termData as unknown as Record<string, Partial<Record<Kind, unknown>> | undefined>;
const BASE_INDEX = buildIndex(
  PROHIBITED_TOPIC_CATEGORIES.flatMap((category) =>
    (['terms', 'allow', 'contexts'] as const).map((kind) => {
      const phrases = DATA[category]?.[kind] ?? (kind === 'terms' ? undefined : []);
      if (!Array.isArray(phrases) || phrases.some((p) => typeof p !== 'string')) throw new Error(`prohibited-terms.json: ${category}.${kind} must be a list of strings`);
      return { category, kind, phrases: phrases as string[] };
    }),
  ),
);
const CUSTOM_INDEXES = new Map<string, PhraseIndex>();

function customIndex(custom: ReadonlyArray<[Category, string]>): PhraseIndex | null {
  if (custom.length === 0) return null;
  const key = JSON.stringify([...custom].sort());
  let index = CUSTOM_INDEXES.get(key);
  if (!index) {
    if (CUSTOM_INDEXES.size >= 256) CUSTOM_INDEXES.clear();
    index = buildIndex(custom.map(([category, term]) => ({ category, kind: 'terms', phrases: [term] })));
    CUSTOM_INDEXES.set(key, index);
  }
  return index;
}

const strings = (value: ParameterValue | undefined): string[] | null => (Array.isArray(value) ? value.filter((item) => typeof item === 'string') : null);
const CANONICAL_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{3})?Z$/;
function time(post: SnapshotPost): number {
  const parsed = typeof post.createdAt === 'string' ? Date.parse(post.createdAt) : Number.NaN;
  return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
}

/** Newest first. Snapshots already are (canonical UTC times compare as text, so checking costs no parsing). */
function newestPosts(posts: readonly SnapshotPost[], limit: number): SnapshotPost[] {
  const present = posts.filter((post) => typeof post === 'object' && post !== null);
  const canonical = present.every((post) => typeof post.createdAt === 'string' && CANONICAL_TIME.test(post.createdAt));
  const first = present[0]?.createdAt;
  const ordered =
    canonical && present.every((post, i) => i === 0 || (post.createdAt.length === first.length && post.createdAt <= present[i - 1].createdAt));
  if (ordered) return present.slice(0, limit);
  return present.map((post, i) => ({ post, i, t: time(post) })).sort((a, b) => b.t - a.t || a.i - b.i).slice(0, limit).map(({ post }) => post);
}

interface TopicMatch { postId: string; postUrl: string | null; category: Category; terms: string[]; context?: string }

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
    const custom: Array<[Category, string]> = [];
    const ignoredCustomTerms: string[] = [];
    for (const entry of strings(input.parameters.customTerms) ?? []) {
      const colon = entry.indexOf(':');
      const category = enabled.find((c) => colon > 0 && c === entry.slice(0, colon).trim().toUpperCase());
      if (category && foldWords(entry.slice(colon + 1)).length > 0) custom.push([category, entry.slice(colon + 1)]);
      else ignoredCustomTerms.push(entry);
    }
    if (enabled.length === 0) return notApplicable('No topic categories are switched on for this account.', { categories: [], ignoredCustomTerms });

    const extra = customIndex(custom);
    const limit = typeof input.parameters.postsToScan === 'number' && input.parameters.postsToScan > 0 ? input.parameters.postsToScan : DEFAULT_POSTS_TO_SCAN;
    const scanned = newestPosts(data.recentPosts, limit);
    const matches: TopicMatch[] = [];
    const suppressed: TopicMatch[] = [];
    const hits: Hit[] = [];
    let postsWithText = 0;
    for (const post of scanned) {
      if (typeof post.text !== 'string') continue;
      postsWithText += 1;
      const words = foldWords(post.text);
      hits.length = 0;
      scan(words, BASE_INDEX, hits);
      if (extra) scan(words, extra, hits);
      if (hits.length === 0) continue;
      for (const category of enabled) {
        const mine = hits.filter((hit) => hit.category === category);
        if (!mine.some((hit) => hit.kind === 'terms')) continue;
        const allowed = leftmostLongest(mine.filter((hit) => hit.kind === 'allow'));
        const open = mine.filter((hit) => hit.kind === 'terms' && !allowed.some((a) => hit.start < a.end && a.start < hit.end));
        const terms = [...new Set(leftmostLongest(open).map((hit) => hit.phrase))];
        if (terms.length === 0) continue;
        const found: TopicMatch = { postId: String(post.externalId), postUrl: typeof post.url === 'string' ? post.url : null, category, terms };
        const context = mine.find((hit) => hit.kind === 'contexts');
        if (context) suppressed.push({ ...found, context: context.phrase });
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
