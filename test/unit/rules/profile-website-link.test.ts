import { SnapshotField, type AccountSnapshot } from '../../../integrations/snapshot';
import { RemediationKind } from '../../../integrations/provider';
import { AccountScope, Platform } from '../../../src/accounts/account.enums';
import type { RuleInput, SchoolFacts } from '../../../src/compliance/rule';
import { profileWebsiteLinkRule as rule } from '../../../src/compliance/rules/profile-website-link.rule';
import { account, ruleInput, snapshotData } from '../../support/rule-fixtures';

function withSnapshot(data: Partial<AccountSnapshot>, overrides: Partial<RuleInput> = {}): RuleInput {
  return ruleInput(rule, { snapshot: { id: 'snapshot-1', fetchedAt: new Date('2026-11-22T06:00:00Z'), data: snapshotData(data) }, ...overrides });
}

const website = (value: string | null, overrides: Partial<RuleInput> = {}) => withSnapshot({ website: value }, overrides);
const school = (websiteUrl: string | null): SchoolFacts => ({ id: 'school-1', name: 'Maple Ridge Secondary', code: 'MRS', websiteUrl });
const youtube = (profileLinks: string[], overrides: Partial<RuleInput> = {}) =>
  withSnapshot({ platform: Platform.YOUTUBE, website: null, profileLinks, unavailable: [SnapshotField.WEBSITE] }, overrides);

describe('profile.website-link', () => {
  it('declares its parameters and remediation', () => {
    expect(rule.id).toBe('profile.website-link');
    expect(rule.evidence).toBe('snapshot');
    expect(rule.parameters.map((parameter) => [parameter.name, parameter.type, parameter.default])).toEqual([
      ['acceptedHosts', 'string[]', []],
      ['allowBioLinkFallback', 'boolean', true],
    ]);
    expect(rule.remediation.automatic).toBe(RemediationKind.UPDATE_WEBSITE);
  });

  it("passes when the website is the school's site", () => {
    const outcome = rule.evaluate(ruleInput(rule));
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence).toMatchObject({
      expectedSite: 'https://mapleridge.sd.example.org',
      siteOwner: 'SCHOOL',
      website: 'https://mapleridge.sd.example.org',
      websiteHost: 'mapleridge.sd.example.org',
      websiteShown: true,
    });
  });

  it.each([
    'mapleridge.sd.example.org',
    'http://www.MapleRidge.SD.example.org/',
    'https://mapleridge.sd.example.org./news/2026?utm_source=instagram#events',
    'https://mapleridge.sd.example.org:443',
    '  https://mapleridge.sd.example.org/  ',
  ])('ignores scheme, www, case, trailing dot/slash, port, query and fragment: %j', (value) => {
    expect(rule.evaluate(website(value)).status).toBe('PASS');
  });

  it.each([
    'https://mapleridge.sd.example.org.evil.com',
    'https://evil-mapleridge.sd.example.org',
    'https://notmapleridge.sd.example.org',
    'https://mapleridge.sd.example.org@evil.com',
    'https://evil.com/mapleridge.sd.example.org',
    'https://mаpleridge.sd.example.org',
    'javascript:alert("mapleridge.sd.example.org")',
    'https://linktr.ee/mapleridge',
    'not a url at all',
  ])('fails on another or lookalike site: %j', (value) => {
    const outcome = rule.evaluate(website(value));
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence.website).toBe(value);
  });

  it("fails a school account that links to the district's site when the school has its own", () => {
    expect(rule.evaluate(website('https://www.sd.example.org')).status).toBe('FAIL');
  });

  it("expects the district's site for DISTRICT and DEPARTMENT accounts", () => {
    for (const scope of [AccountScope.DISTRICT, AccountScope.DEPARTMENT]) {
      const pass = rule.evaluate(website('sd.example.org/about', { account: account({ scope }) }));
      expect(pass.status).toBe('PASS');
      expect(pass.evidence.siteOwner).toBe('DISTRICT');
      expect(rule.evaluate(website('https://mapleridge.sd.example.org', { account: account({ scope }) })).status).toBe('FAIL');
    }
  });

  it("falls back to the district's site when the school has none", () => {
    const outcome = rule.evaluate(website('https://sd.example.org', { school: school(null) }));
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence).toMatchObject({ expectedSite: 'https://www.sd.example.org', siteOwner: 'DISTRICT' });
    expect(rule.evaluate(website('https://sd.example.org', { school: null })).status).toBe('PASS');
  });

  it("accepts pages below the site's path, not siblings", () => {
    const overrides = { school: school('https://sd.example.org/mrs') };
    expect(rule.evaluate(website('sd.example.org/mrs', overrides)).status).toBe('PASS');
    expect(rule.evaluate(website('https://www.sd.example.org/MRS/news/', overrides)).status).toBe('PASS');
    expect(rule.evaluate(website('sd.example.org/mrsx', overrides)).status).toBe('FAIL');
    expect(rule.evaluate(website('sd.example.org/other', overrides)).status).toBe('FAIL');
    expect(rule.evaluate(website('sd.example.org', overrides)).status).toBe('FAIL');
  });

  it('accepts the accepted hosts exactly, not their subdomains or lookalikes', () => {
    const parameters = { acceptedHosts: ['www.MRS-Athletics.ca', 'linktr.ee/mapleridge'] };
    expect(rule.evaluate(website('https://mrs-athletics.ca/teams', { parameters })).status).toBe('PASS');
    expect(rule.evaluate(website('https://linktr.ee/mapleridge', { parameters })).status).toBe('PASS');
    expect(rule.evaluate(website('https://linktr.ee/other', { parameters })).status).toBe('FAIL');
    expect(rule.evaluate(website('https://shop.mrs-athletics.ca', { parameters })).status).toBe('FAIL');
    expect(rule.evaluate(website('https://mrs-athletics.ca.evil.com', { parameters })).status).toBe('FAIL');
    const outcome = rule.evaluate(website('https://mrs-athletics.ca', { parameters }));
    expect(outcome.evidence.acceptedHosts).toEqual(['www.MRS-Athletics.ca', 'linktr.ee/mapleridge']);
  });

  it('judges the website field, not a bio link, when the platform shows one', () => {
    const input = withSnapshot({ website: 'https://evil.com', profileLinks: ['https://mapleridge.sd.example.org'] });
    expect(rule.evaluate(input).status).toBe('FAIL');
  });

  describe('when the platform has no website field (WEBSITE unavailable)', () => {
    it('passes on a matching link in the profile text', () => {
      const outcome = rule.evaluate(youtube(['https://evil.com', 'https://www.mapleridge.sd.example.org/news']));
      expect(outcome.status).toBe('PASS');
      expect(outcome.evidence).toMatchObject({ websiteShown: false, matchedLink: 'https://www.mapleridge.sd.example.org/news' });
    });

    it('is MANUAL when no bio link matches, or none is there', () => {
      const outcome = rule.evaluate(youtube(['https://mapleridge.sd.example.org.evil.com']));
      expect(outcome.status).toBe('MANUAL');
      expect(outcome.evidence.profileLinks).toEqual(['https://mapleridge.sd.example.org.evil.com']);
      expect(rule.evaluate(youtube([])).status).toBe('MANUAL');
    });

    it('is MANUAL when the bio fallback is switched off', () => {
      const input = youtube(['https://mapleridge.sd.example.org'], { parameters: { allowBioLinkFallback: false } });
      expect(rule.evaluate(input).status).toBe('MANUAL');
    });

    it('ignores a website value the snapshot marks unavailable', () => {
      const input = withSnapshot({ website: 'https://mapleridge.sd.example.org', unavailable: [SnapshotField.WEBSITE] });
      const outcome = rule.evaluate(input);
      expect(outcome.status).toBe('MANUAL');
      expect(outcome.evidence.website).toBeNull();
    });
  });

  describe('when the website field is empty (null)', () => {
    it('passes on a matching bio link', () => {
      expect(rule.evaluate(withSnapshot({ website: null, profileLinks: ['http://mapleridge.sd.example.org'] })).status).toBe('PASS');
      expect(rule.evaluate(withSnapshot({ website: '   ', profileLinks: ['http://mapleridge.sd.example.org'] })).status).toBe('PASS');
    });

    it('is FAIL otherwise: the platform shows the field and it is empty', () => {
      const outcome = rule.evaluate(withSnapshot({ website: null, profileLinks: [] }));
      expect(outcome.status).toBe('FAIL');
      expect(outcome.evidence.websiteShown).toBe(true);
    });
  });

  it('is MANUAL when no usable site is on record and no host is accepted', () => {
    const noSites = { school: school(null), district: { id: 'district-1', name: 'Sandbox School District', emailDomains: ['sd.example.org'], websiteUrl: null } };
    expect(rule.evaluate(website('https://anything.example', noSites)).status).toBe('MANUAL');
    const garbage = { school: school('not a site'), account: account({ scope: AccountScope.SCHOOL }), district: { ...noSites.district, websiteUrl: '  ' } };
    expect(rule.evaluate(website('https://anything.example', garbage)).status).toBe('MANUAL');
    const accepted = rule.evaluate(website('https://mrs.example', { ...noSites, parameters: { acceptedHosts: ['mrs.example'] } }));
    expect(accepted.status).toBe('PASS');
  });

  it('copes with a missing snapshot (MANUAL)', () => {
    expect(rule.evaluate(ruleInput(rule, { snapshot: null })).status).toBe('MANUAL');
  });

  it('produces JSON-serialisable evidence', () => {
    const outcome = rule.evaluate(youtube(['https://mapleridge.sd.example.org']));
    expect(JSON.parse(JSON.stringify(outcome.evidence))).toEqual(outcome.evidence);
  });
});
