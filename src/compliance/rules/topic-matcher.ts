import termData from './prohibited-terms.json';

/**
 * Whole-word phrase matching for content.prohibited-topics over the lists in prohibited-terms.json (whose
 * `$comment` states the false-positive policy). Kept beside the rule because it is the hot path: 10 000
 * accounts × 50 posts per evaluation.
 *
 * Text and phrases are folded alike into words: each non-ASCII character through NFKD (cached), combining marks
 * and invisible format characters dropped without splitting ('be\u00ADer' is 'beer'), a few letters folded by
 * hand (œ → oe, ß → ss), lower case; anything else that is not a letter or digit separates words. In a hashtag,
 * ASCII case changes split words too ('#CraftBeer' → 'craft beer', '#VoteNDP' → 'vote ndp').
 * A phrase matches whole consecutive words only ('gin' never in 'begin', 'cunt' never in 'Scunthorpe'),
 * leftmost-longest and without overlap, as a word-bounded regex alternation would. The lists are indexed once at
 * module load into one map of phrases and their word prefixes, so a post costs about one lookup per word
 * whatever the list sizes (regexes over every post were measurably slower).
 * - `allow` phrases mask their words ('root beer', 'wine gums' leave no 'beer'/'wine').
 * - `contexts` (awareness, prevention, student council, ...) mark a post's category as education: reported as
 *   suppressed, not flagged.
 */

export const PROHIBITED_TOPIC_CATEGORIES = ['ALCOHOL', 'DRUGS', 'TOBACCO', 'EXPLICIT', 'POLITICAL', 'RELIGION'] as const;
export type TopicCategory = (typeof PROHIBITED_TOPIC_CATEGORIES)[number];
type Kind = 'terms' | 'allow' | 'contexts';
interface Entry { category: TopicCategory; kind: Kind }
/** Folded phrase or word prefix of a phrase → the phrase's entries (empty for a bare prefix) and whether longer phrases start with it. */
export type PhraseIndex = Map<string, { entries: Entry[]; prefix: boolean }> & { starts: Uint8Array };
interface Hit extends Entry { start: number; end: number; phrase: string }

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
export function foldWords(text: string): string[] {
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

function buildIndex(lists: Array<{ category: TopicCategory; kind: Kind; phrases: readonly string[] }>): PhraseIndex {
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

export interface TopicFinding {
  category: TopicCategory;
  /** Folded terms found, in order of appearance. */
  terms: string[];
  /** The category's context phrase found in the same post, when there is one (the finding is then suppressed). */
  context: string | null;
}

/** Index extra 'terms' (custom terms per category); cached by value, null when there are none. */
export function customTermIndex(custom: ReadonlyArray<readonly [TopicCategory, string]>): PhraseIndex | null {
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

/** What one text mentions, per enabled category. */
export function topicsIn(text: string, enabled: readonly TopicCategory[], extra: PhraseIndex | null): TopicFinding[] {
  const words = foldWords(text);
  const hits: Hit[] = [];
  scan(words, BASE_INDEX, hits);
  if (extra) scan(words, extra, hits);
  if (hits.length === 0) return [];
  const findings: TopicFinding[] = [];
  for (const category of enabled) {
    const mine = hits.filter((hit) => hit.category === category);
    if (!mine.some((hit) => hit.kind === 'terms')) continue;
    const allowed = leftmostLongest(mine.filter((hit) => hit.kind === 'allow'));
    const open = mine.filter((hit) => hit.kind === 'terms' && !allowed.some((a) => hit.start < a.end && a.start < hit.end));
    const terms = [...new Set(leftmostLongest(open).map((hit) => hit.phrase))];
    if (terms.length > 0) findings.push({ category, terms, context: mine.find((hit) => hit.kind === 'contexts')?.phrase ?? null });
  }
  return findings;
}
