/**
 * Text matching for identifying language (profile.identifying-language) and other phrase checks.
 *
 * Both sides are normalised the same way, then a phrase must appear as whole words:
 * - NFKD, then combining marks dropped: "École Côte" ≡ "ecole cote"; compatibility forms fold too
 *   (fullwidth "ＭＡＰＬＥ", ligature "ﬁ").
 * - Letters NFKD leaves whole are folded by hand (ø, ł, đ, æ, œ, ß, ...).
 * - Invisible format characters (soft hyphen, zero-width space/joiners, BOM) are removed, so they never split a word.
 * - Every run of anything that is not a letter or digit (spaces, punctuation, '-', '_', '/', apostrophes,
 *   emoji) becomes one space. "Maple-Ridge", "maple_ridge" and "MAPLE  RIDGE" are all "maple ridge";
 *   "L'École" is "l ecole" (so "École" is found in it); "St. Mary's" is "st mary s".
 */

const FOLDS: Record<string, string> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
};
const FOLD_PATTERN = new RegExp(`[${Object.keys(FOLDS).join('')}]`, 'g');
const COMBINING_MARKS = /\p{M}+/gu;
const FORMAT_CHARACTERS = /\p{Cf}+/gu;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/** The comparable form of a text: accent-, case-, punctuation- and whitespace-insensitive. '' for null/blank. */
export function normalizeText(value: string | null | undefined): string {
  if (typeof value !== 'string' || value === '') return '';
  return value
    .toLowerCase()
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(FORMAT_CHARACTERS, '')
    .toLowerCase()
    .replace(FOLD_PATTERN, (letter) => FOLDS[letter] ?? letter)
    .replace(SEPARATORS, ' ')
    .trim();
}

/**
 * True when `phrase` appears in `haystack` as whole words after normalising both: "Maple Ridge" is found in
 * "Welcome to MAPLE-RIDGE!", not in "Maplewood Ridge"; "Ridge" alone does not satisfy "Maple Ridge".
 * A phrase that normalises to nothing ('', '---') is never found: an empty requirement proves nothing.
 */
export function containsPhrase(haystack: string | null | undefined, phrase: string | null | undefined): boolean {
  const needle = normalizeText(phrase);
  if (needle === '') return false;
  return containsNormalized(normalizeText(haystack), needle);
}

/** containsPhrase for texts already passed through normalizeText (to normalise a long text once, many phrases). */
export function containsNormalized(normalizedHaystack: string, normalizedPhrase: string): boolean {
  if (normalizedPhrase === '' || normalizedHaystack === '') return false;
  return ` ${normalizedHaystack} `.includes(` ${normalizedPhrase} `);
}
