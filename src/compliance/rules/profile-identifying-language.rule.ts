import { AccountScope, SCHOOL_SCOPES } from '../../accounts/account.enums';
import { RemediationKind } from '../../../integrations/provider';
import { SnapshotField } from '../../../integrations/snapshot';
import { containsNormalized, normalizeText } from '../matching/text';
import { fail, manual, notApplicable, pass, type ParameterValue, type RuleDefinition } from '../rule';

type PhraseSource = 'DISTRICT_NAME' | 'SCHOOL_NAME' | 'REQUIRED_PHRASE';

interface PhraseCheck {
  phrase: string;
  source: PhraseSource;
  foundIn: 'DISPLAY_NAME' | 'PROFILE_TEXT' | null;
}

/**
 * profile.identifying-language: the profile names the district and the school it speaks for.
 *
 * - Required: the district's name (requireDistrictName); the school's name (requireSchoolName) for SCHOOL,
 *   CLASSROOM and CLUB accounts, and for DEPARTMENT accounts that belong to a school (a district department has no
 *   name on record: configure it in requiredPhrases); every non-blank entry of requiredPhrases. DISTRICT accounts
 *   need only the district. The school code does not count: a name or a configured phrase does.
 * - Each phrase must appear as whole words in the display name or in the profile text (each field on its own),
 *   ignoring case, accents, punctuation and spacing (matching/text.ts). Both sides come from the snapshot.
 * - Everything found → PASS (even when the profile text is hidden: the display name alone was enough).
 *   Something missing → FAIL when the profile text is shown (an empty bio included); MANUAL when it is unavailable.
 * - A required name that is not on record (school scope without a school, blank names) → MANUAL, unless another
 *   phrase is already verifiably missing (FAIL). Nothing required at all → NOT_APPLICABLE.
 */
export const profileIdentifyingLanguageRule: RuleDefinition = {
  id: 'profile.identifying-language',
  title: 'Profile identifies the district and school',
  severity: 'medium',
  rationale: 'A professional account must say plainly which district and school it speaks for.',
  evidence: 'snapshot',
  parameters: [
    {
      name: 'requiredPhrases',
      type: 'string[]',
      description: 'Extra phrases that must all appear in the display name or profile text (e.g. "Official account").',
      default: [],
    },
    { name: 'requireDistrictName', type: 'boolean', description: "The district's name must appear.", default: true },
    {
      name: 'requireSchoolName',
      type: 'boolean',
      description: "The school's name must appear (school, classroom and club accounts, and departments of a school).",
      default: true,
    },
  ],
  remediation: {
    automatic: RemediationKind.UPDATE_PROFILE_TEXT,
    steps: [
      'Edit the profile\'s bio / about / description to say it is an official account of the school and the district, e.g. "Official account of Maple Ridge Secondary, Sandbox School District".',
      'Write the school and district names as the district registers them (letter case and accents do not matter).',
    ],
  },
  evaluate(input) {
    const { account, district, school } = input;
    const data = input.snapshot?.data ?? null;
    const requireDistrict = booleanParameter(input.parameters.requireDistrictName, true);
    const requireSchool = booleanParameter(input.parameters.requireSchoolName, true);
    const extraPhrases = stringList(input.parameters.requiredPhrases);

    const wanted: Array<{ phrase: string; source: PhraseSource }> = [];
    const unknown: PhraseSource[] = [];
    if (requireDistrict) {
      if (normalizeText(district.name) === '') unknown.push('DISTRICT_NAME');
      else wanted.push({ phrase: district.name, source: 'DISTRICT_NAME' });
    }
    const needsSchool = SCHOOL_SCOPES.has(account.scope) || (account.scope === AccountScope.DEPARTMENT && school !== null);
    if (requireSchool && needsSchool) {
      if (school === null || normalizeText(school.name) === '') unknown.push('SCHOOL_NAME');
      else wanted.push({ phrase: school.name, source: 'SCHOOL_NAME' });
    }
    for (const phrase of extraPhrases) wanted.push({ phrase, source: 'REQUIRED_PHRASE' });

    const displayName = data?.displayName ?? null;
    // Snapshot contract: shown-but-empty is null without PROFILE_TEXT in `unavailable`; that is an empty bio.
    const textShown = data !== null && !data.unavailable.includes(SnapshotField.PROFILE_TEXT);
    const profileText = textShown ? (data?.profileText ?? '') : null;
    const normalizedName = normalizeText(displayName);
    const normalizedText = normalizeText(profileText);
    const seen = new Set<string>();
    const checks: PhraseCheck[] = [];
    for (const { phrase, source } of wanted) {
      const needle = normalizeText(phrase);
      if (needle === '' || seen.has(needle)) continue;
      seen.add(needle);
      const foundIn = containsNormalized(normalizedName, needle) ? 'DISPLAY_NAME' : containsNormalized(normalizedText, needle) ? 'PROFILE_TEXT' : null;
      checks.push({ phrase, source, foundIn });
    }
    const missing = checks.filter((check) => check.foundIn === null).map((check) => check.phrase);
    const evidence = { scope: account.scope, displayName, profileText, profileTextShown: textShown, required: checks, missing, unknownNames: unknown };

    if (missing.length > 0 && textShown) return fail('The profile does not clearly name the district and school.', evidence);
    if (unknown.length > 0) {
      return manual('The school or district name is not on record, so the profile cannot be fully checked.', evidence);
    }
    if (checks.length === 0) return notApplicable('The policy requires no identifying phrases.', evidence);
    if (missing.length === 0) return pass('The profile names the district and school.', evidence);
    return manual('The platform does not show the profile text; check that it names the district and school.', evidence);
  },
};

function booleanParameter(value: ParameterValue | undefined, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function stringList(value: ParameterValue | undefined): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((entry): entry is string => typeof entry === 'string' && normalizeText(entry) !== '');
}
