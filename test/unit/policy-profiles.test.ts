import * as fs from 'fs';
import * as path from 'path';
import { AccountScope, Platform } from '../../src/accounts/account.enums';
import { ApiRole } from '../../src/auth/api-role';
import type { PolicyCitation, PolicyProfile } from '../../src/compliance/policy-profile';
import { POLICY_PROFILE_IDS } from '../../src/compliance/policy-profile-ids';
import { POLICY_PROFILES, policyProfileById } from '../../src/compliance/profiles';

// The procedures ship with the profiles (copied from shared/policies), so the check runs wherever the repo is cloned.
const POLICIES_DIR = path.resolve(__dirname, '../../src/compliance/profiles/sources');

type ParameterType = 'integer' | 'boolean' | 'string[]';
interface ParameterSketch {
  type: ParameterType;
  default: number | boolean | string[];
  allowed?: readonly string[];
}

const PLATFORMS = Object.values(Platform);
const SCOPES = Object.values(AccountScope);
const CATEGORIES = ['ALCOHOL', 'DRUGS', 'TOBACCO', 'EXPLICIT', 'POLITICAL', 'RELIGION'];

/** The 16 rules of rules.md with their parameters (name, type, default) as the rules brief lists them. */
const RULE_PARAMETERS: Record<string, Record<string, ParameterSketch>> = {
  'account.approved': {
    approvingRoles: { type: 'string[]', default: ['DISTRICT_ADMIN', 'PRINCIPAL'], allowed: Object.values(ApiRole) },
    scopesRequiringApproval: { type: 'string[]', default: [...SCOPES], allowed: SCOPES },
    approvalGraceDays: { type: 'integer', default: 7 },
  },
  'profile.identifying-language': {
    requiredPhrases: { type: 'string[]', default: [] },
    requireDistrictName: { type: 'boolean', default: true },
    requireSchoolName: { type: 'boolean', default: true },
  },
  'profile.website-link': {
    acceptedHosts: { type: 'string[]', default: [] },
    allowBioLinkFallback: { type: 'boolean', default: true },
  },
  'privacy.audience': { allowPublicWithJustification: { type: 'boolean', default: true } },
  'comments.moderated': { maxHoursBetweenReviews: { type: 'integer', default: 24 } },
  'admins.minimum-staff': { minimumStaffAdmins: { type: 'integer', default: 2 } },
  'admins.it-service-account': { itServiceEmails: { type: 'string[]', default: [] } },
  'admins.current-staff-only': { allowPlusAddressing: { type: 'boolean', default: false } },
  'account.district-email': {},
  'credentials.rotation': { maxDaysBetweenRotations: { type: 'integer', default: 365 } },
  'account.single-holder': {},
  'platform.approved': {
    approvedPlatforms: { type: 'string[]', default: ['FACEBOOK', 'INSTAGRAM', 'X', 'YOUTUBE', 'LINKEDIN'], allowed: PLATFORMS },
  },
  'account.active-use': { maxDaysSinceLastPost: { type: 'integer', default: 180 } },
  'content.student-tags': { postsToScan: { type: 'integer', default: 50 } },
  'network.no-student-follows': { allowWithSecondStaffAdmin: { type: 'boolean', default: false } },
  'content.prohibited-topics': {
    categories: { type: 'string[]', default: CATEGORIES, allowed: CATEGORIES },
    customTerms: { type: 'string[]', default: [] },
    postsToScan: { type: 'integer', default: 50 },
  },
};
const RULE_IDS = Object.keys(RULE_PARAMETERS);

// ---------------------------------------------------------------------------------------------------------------
// Reading the procedures: clause labels and the text under each.

/** Case, whitespace, typographic quotes and markdown emphasis do not matter when comparing quotations. */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\*/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** A numbered clause at the start of a line: "1.2.4. …", "- 1.1.1. …", "  1. …" (nested lists), "PROCEDURES:**1. …". */
const NUMBERED_LINE = /^(\s*)(?:[-•]\s+)?(?:[A-Z]+:)?\**(\d+(?:\.\d+)*)\.(?=\s|$)/;

interface ParsedDocument {
  /** Clause number ("1.2.4", or "3.5" for item 5 of a nested list under item 3) → the text of that clause. */
  numbered: Map<string, string[]>;
  /** Normalised heading → the text under each occurrence of it. */
  headings: Map<string, string[]>;
}

function addTo(map: Map<string, string[]>, key: string, body: string): void {
  map.set(key, [...(map.get(key) ?? []), body]);
}

function parseDocument(text: string): ParsedDocument {
  const lines = text.split('\n');
  const occurrences = new Map<string, number>();
  for (const line of lines) occurrences.set(line.trim(), (occurrences.get(line.trim()) ?? 0) + 1);
  // Page headers repeated through the document ("Administrative Procedure") are neither headings nor content.
  const runningHeader = (line: string) => line.trim() !== '' && (occurrences.get(line.trim()) ?? 0) >= 3;

  const numberedStarts: { index: number; label: string }[] = [];
  const stack: { indent: number; number: string }[] = [];
  lines.forEach((line, index) => {
    const match = NUMBERED_LINE.exec(line);
    if (!match) return;
    const [, indent, number] = match;
    if (number.includes('.')) {
      numberedStarts.push({ index, label: number });
      return;
    }
    while (stack.length > 0 && stack[stack.length - 1].indent >= indent.length) stack.pop();
    stack.push({ indent: indent.length, number });
    numberedStarts.push({ index, label: stack.map((item) => item.number).join('.') });
  });

  const isHeading = (line: string): boolean => {
    const trimmed = line.trim();
    return (
      trimmed.length > 0 &&
      trimmed.length <= 80 &&
      /^[A-Z]/.test(trimmed) &&
      !/[.,:;]$/.test(trimmed) &&
      !NUMBERED_LINE.test(line) &&
      !runningHeader(line)
    );
  };
  const headingStarts = lines.flatMap((line, index) => (isHeading(line) ? [{ index, label: normalise(line) }] : []));

  const body = (from: number, to: number) => normalise(lines.slice(from, to).filter((line) => !runningHeader(line)).join(' '));
  const numbered = new Map<string, string[]>();
  numberedStarts.forEach(({ index, label }, i) => addTo(numbered, label, body(index, numberedStarts[i + 1]?.index ?? lines.length)));
  const headings = new Map<string, string[]>();
  headingStarts.forEach(({ index, label }, i) => addTo(headings, label, body(index + 1, headingStarts[i + 1]?.index ?? lines.length)));
  return { numbered, headings };
}

/** Each '…'-separated fragment of the quotation appears, in order, in the clause's text. */
function quotes(clauseText: string, quotation: string): boolean {
  let from = 0;
  for (const fragment of quotation.split('…').map(normalise).filter((part) => part.length > 0)) {
    const at = clauseText.indexOf(fragment, from);
    if (at < 0) return false;
    from = at + fragment.length;
  }
  return true;
}

/** The texts of the clause a citation names, or null when the document has no such clause. */
function clauseTexts(document: ParsedDocument, citation: PolicyCitation): string[] | null {
  if (citation.clause.startsWith('§')) return document.numbered.get(citation.clause.slice(1)) ?? null;
  return document.headings.get(normalise(citation.clause)) ?? null;
}

const documents = new Map<string, ParsedDocument>();
function documentOf(profile: PolicyProfile): ParsedDocument {
  if (!documents.has(profile.sourceFile)) {
    documents.set(profile.sourceFile, parseDocument(fs.readFileSync(path.join(POLICIES_DIR, profile.sourceFile), 'utf8')));
  }
  return documents.get(profile.sourceFile)!;
}

const citationsOf = (profile: PolicyProfile) =>
  Object.entries(profile.rules).flatMap(([ruleId, rule]) => rule.citations.map((citation) => ({ ruleId, citation })));

const valueOf = (profileId: string, ruleId: string, name: string) => {
  const rule = policyProfileById(profileId)!.rules[ruleId];
  return name in rule.parameters ? rule.parameters[name] : RULE_PARAMETERS[ruleId][name].default;
};
const enabledIn = (ruleId: string) => POLICY_PROFILES.filter((profile) => profile.rules[ruleId].enabled).map((profile) => profile.id);

// ---------------------------------------------------------------------------------------------------------------

describe('policy profiles', () => {
  it('ships one profile per id of POLICY_PROFILE_IDS, in that order, found by id', () => {
    expect(POLICY_PROFILES.map((profile) => profile.id)).toEqual([...POLICY_PROFILE_IDS]);
    for (const id of POLICY_PROFILE_IDS) expect(policyProfileById(id)?.id).toBe(id);
    expect(policyProfileById('no-such-profile')).toBeUndefined();
  });

  it('names the source file that policies/README.md lists for the profile id', () => {
    expect(fs.existsSync(POLICIES_DIR)).toBe(true);
    const readme = fs.readFileSync(path.join(POLICIES_DIR, 'README.md'), 'utf8').split('\n');
    for (const profile of POLICY_PROFILES) {
      expect(fs.existsSync(path.join(POLICIES_DIR, profile.sourceFile))).toBe(true);
      const row = readme.find((line) => line.includes(profile.sourceFile));
      expect(row).toContain(`\`${profile.id}\``);
      expect(profile.name.trim()).not.toBe('');
      expect(profile.document.trim()).not.toBe('');
      expect(profile.summary.trim()).not.toBe('');
    }
  });

  it.each(POLICY_PROFILE_IDS)('%s lists exactly the 16 rules of the catalogue', (id) => {
    expect(RULE_IDS).toHaveLength(16);
    expect(Object.keys(policyProfileById(id)!.rules).sort()).toEqual([...RULE_IDS].sort());
  });

  it.each(POLICY_PROFILE_IDS)('%s: every enabled rule cites its procedure; quotations are short', (id) => {
    const rules = Object.entries(policyProfileById(id)!.rules);
    expect(rules.filter(([, rule]) => rule.enabled && rule.citations.length === 0).map(([ruleId]) => ruleId)).toEqual([]);
    for (const [, rule] of rules) {
      for (const citation of rule.citations) {
        expect(citation.text.trim().length).toBeGreaterThan(0);
        expect(citation.text.length).toBeLessThanOrEqual(200);
      }
    }
  });

  it.each(POLICY_PROFILE_IDS)('%s cites clauses one way: all §-numbered, or all by heading name', (id) => {
    const clauses = citationsOf(policyProfileById(id)!).map(({ citation }) => citation.clause);
    const numbered = clauses.filter((clause) => clause.startsWith('§'));
    for (const clause of numbered) expect(clause).toMatch(/^§\d+(\.\d+)*$/);
    expect([0, clauses.length]).toContain(numbered.length);
  });

  it.each(POLICY_PROFILE_IDS)('%s: every citation names a real clause of its document and quotes that clause', (id) => {
    const profile = policyProfileById(id)!;
    const document = documentOf(profile);
    const problems = citationsOf(profile).flatMap(({ ruleId, citation }) => {
      const texts = clauseTexts(document, citation);
      if (!texts) return [{ ruleId, clause: citation.clause, problem: 'no such clause' }];
      if (!texts.some((text) => quotes(text, citation.text))) return [{ ruleId, clause: citation.clause, problem: `not quoted from it: ${citation.text}` }];
      return [];
    });
    expect(problems).toEqual([]);
  });

  it('finds clauses the way the documents number them (the citation check is not vacuous)', () => {
    const ap146 = documentOf(policyProfileById('ap146-electronic-social-media')!);
    expect(ap146.numbered.get('3.5')?.[0]).toContain('shall not initiate or accept electronic');
    expect(ap146.numbered.has('3.6')).toBe(false);
    const ap1311 = documentOf(policyProfileById('ap1311-social-media-for-learning')!);
    expect(ap1311.numbered.get('1.2.1.3')?.[0]).toContain('no longer in use');
    expect(quotes(ap1311.numbered.get('1.2.4')![0], 'linked to the school website')).toBe(true);
    expect(quotes(ap1311.numbered.get('1.2.3')![0], 'linked to the school website')).toBe(false);
    expect(quotes(ap1311.numbered.get('1.2.4')![0], 'be linked … professional district social media')).toBe(false);
    const hdsb = documentOf(policyProfileById('hdsb-social-media-staff')!);
    expect(hdsb.numbered.get('1')?.[0]).toContain('require the approval of the principal or manager');
    const ap8006 = documentOf(policyProfileById('ap8006-social-media-internet')!);
    expect(ap8006.headings.get('account management')?.[0]).toContain('reset annually');
    expect(ap8006.headings.get('account management')?.[0]).not.toContain('confidentiality rules');
    const ap417 = documentOf(policyProfileById('ap417-social-media')!);
    expect(ap417.headings.get('communication with district students')).toHaveLength(2);
    expect(ap417.headings.get('monitoring of professional social media sites')?.[0]).toContain('approved online applications');
  });

  it.each(POLICY_PROFILE_IDS)('%s: parameters use the rules’ names and types, only where they differ from the default', (id) => {
    for (const [ruleId, rule] of Object.entries(policyProfileById(id)!.rules)) {
      if (!rule.enabled) expect({ ruleId, parameters: rule.parameters }).toEqual({ ruleId, parameters: {} });
      for (const [name, value] of Object.entries(rule.parameters)) {
        const spec = RULE_PARAMETERS[ruleId][name];
        expect({ ruleId, name, known: spec !== undefined }).toEqual({ ruleId, name, known: true });
        if (spec.type === 'integer') expect(Number.isInteger(value)).toBe(true);
        if (spec.type === 'boolean') expect(typeof value).toBe('boolean');
        if (spec.type === 'string[]') {
          expect(Array.isArray(value) && value.every((item) => typeof item === 'string')).toBe(true);
          if (spec.allowed) for (const item of value as string[]) expect(spec.allowed).toContain(item);
        }
        expect({ ruleId, name, value }).not.toEqual({ ruleId, name, value: spec.default });
      }
    }
  });

  it('turns rules on and sets values as the procedures do', () => {
    // Only AP 80-06 names its platforms (Twitter and Facebook); AP 1311 and AP 417 defer to district guidelines.
    expect(valueOf('ap8006-social-media-internet', 'platform.approved', 'approvedPlatforms')).toEqual(['X', 'FACEBOOK']);
    expect(enabledIn('platform.approved')).toEqual(['ap1311-social-media-for-learning', 'ap8006-social-media-internet', 'ap417-social-media']);
    // HDSB: classroom and club accounts need no permission; school and department accounts do.
    const hdsbScopes = valueOf('hdsb-social-media-staff', 'account.approved', 'scopesRequiringApproval');
    expect(hdsbScopes).toEqual(expect.arrayContaining(['SCHOOL', 'DEPARTMENT']));
    expect(hdsbScopes).not.toContain('CLASSROOM');
    expect(hdsbScopes).not.toContain('CLUB');
    expect(enabledIn('account.approved')).toEqual([...POLICY_PROFILE_IDS]);
    // AP 146 §3.5: a course or club with a second staff admin may have students as friends.
    expect(valueOf('ap146-electronic-social-media', 'network.no-student-follows', 'allowWithSecondStaffAdmin')).toBe(true);
    expect(valueOf('hdsb-social-media-staff', 'network.no-student-follows', 'allowWithSecondStaffAdmin')).toBe(false);
    // Prohibited topics are HDSB's alone; identifying language and the website link are AP 1311's and AP 417's.
    expect(enabledIn('content.prohibited-topics')).toEqual(['hdsb-social-media-staff']);
    expect(enabledIn('profile.identifying-language')).toEqual(['ap1311-social-media-for-learning', 'ap417-social-media']);
    expect(enabledIn('profile.website-link')).toEqual(['ap1311-social-media-for-learning', 'ap417-social-media']);
    // Comments off, or monitored daily.
    expect(enabledIn('comments.moderated')).toEqual(['ap1311-social-media-for-learning', 'ap417-social-media']);
    expect(valueOf('ap1311-social-media-for-learning', 'comments.moderated', 'maxHoursBetweenReviews')).toBe(24);
    expect(valueOf('ap417-social-media', 'comments.moderated', 'maxHoursBetweenReviews')).toBe(24);
    // AP 80-06: two staff admins besides the ITS account, an ITS admin account, annual resets, no shared individual accounts.
    for (const ruleId of ['admins.it-service-account', 'credentials.rotation', 'account.single-holder']) {
      expect(enabledIn(ruleId)).toEqual(['ap8006-social-media-internet']);
    }
    expect(enabledIn('admins.minimum-staff')).toEqual(['ap146-electronic-social-media', 'ap8006-social-media-internet']);
    expect(valueOf('ap8006-social-media-internet', 'admins.minimum-staff', 'minimumStaffAdmins')).toBe(2);
    expect(valueOf('ap8006-social-media-internet', 'credentials.rotation', 'maxDaysBetweenRotations')).toBe(365);
    // Dormant accounts: AP 1311 §1.2.1.3 only.
    expect(enabledIn('account.active-use')).toEqual(['ap1311-social-media-for-learning']);
  });
});
