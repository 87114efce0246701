import { hostOf, linkMatchesAny, parseLink, siteMatches } from '../../../src/compliance/matching/url';

describe('hostOf', () => {
  it.each([
    ['https://school.ca', 'school.ca'],
    ['school.ca', 'school.ca'],
    ['  School.CA/news  ', 'school.ca'],
    ['//school.ca/x', 'school.ca'],
    ['http://www.school.ca/', 'school.ca'],
    ['https://WWW.School.Ca.', 'school.ca'],
    ['https://www.www.school.ca', 'www.school.ca'],
    ['school.ca:8080/path', 'school.ca'],
    ['https://école.ca', 'xn--cole-9oa.ca'],
    ['https://xn--cole-9oa.ca', 'xn--cole-9oa.ca'],
    ['https://ｓｃｈｏｏｌ．ｃａ', 'school.ca'],
    ['http:school.ca', 'school.ca'],
    ['https://@school.ca', 'school.ca'],
  ])('%j → %j', (candidate, host) => {
    expect(hostOf(candidate)).toBe(host);
  });

  it.each([
    ['javascript:alert(1)'],
    ['JavaScript:alert(document.domain)'],
    [' javascript://school.ca/%0aalert(1)'],
    ['data:text/html,<a href=school.ca>'],
    ['mailto:info@school.ca'],
    ['ftp://school.ca'],
    ['file:///etc/passwd'],
    ['tel:+15555550100'],
    ['https://school.ca@evil.com'],
    ['https://user:pass@school.ca'],
    ['school.ca@evil.com'],
    [''],
    ['   '],
    ['not a url'],
    ['https://'],
    [null],
    [undefined],
    [`https://school.ca/${'a'.repeat(5000)}`],
  ])('rejects %j', (candidate) => {
    expect(hostOf(candidate)).toBeNull();
  });

  it('maps a Cyrillic lookalike to punycode, not to the Latin host', () => {
    const host = hostOf('https://ѕchool.ca');
    expect(host).not.toBe('school.ca');
    expect(host).toMatch(/^xn--/);
  });
});

describe('parseLink', () => {
  it('drops default ports, keeps others, and splits the path into decoded lower-case segments', () => {
    expect(parseLink('https://school.ca:443/News//Events/')).toEqual({ host: 'school.ca', port: '', segments: ['news', 'events'] });
    expect(parseLink('http://school.ca:80')).toEqual({ host: 'school.ca', port: '', segments: [] });
    expect(parseLink('https://school.ca:80')?.port).toBe('');
    expect(parseLink('https://school.ca:8443')?.port).toBe('8443');
    expect(parseLink('school.ca/%4Drs')?.segments).toEqual(['mrs']);
    expect(parseLink('school.ca/a/../b')?.segments).toEqual(['b']);
  });
});

describe('siteMatches', () => {
  const SITE = 'https://mapleridge.sd.example.org';

  it.each([
    'https://mapleridge.sd.example.org',
    'http://mapleridge.sd.example.org',
    'mapleridge.sd.example.org',
    'MapleRidge.SD.Example.ORG',
    'https://www.mapleridge.sd.example.org/',
    'https://mapleridge.sd.example.org./',
    'https://mapleridge.sd.example.org:443/',
    'http://mapleridge.sd.example.org:80',
    'https://mapleridge.sd.example.org/news/2026?utm_source=fb#top',
    'https://mapleridge.sd.example.org?ref=bio',
    'https://mapleridge.sd.example.org#contact',
    '  https://mapleridge.sd.example.org  ',
  ])('accepts %j', (candidate) => {
    expect(siteMatches(candidate, SITE)).toBe(true);
  });

  it.each([
    'https://mapleridge.sd.example.org.evil.com',
    'https://evil-mapleridge.sd.example.org',
    'https://notmapleridge.sd.example.org',
    'https://evil.mapleridge.sd.example.org',
    'https://sd.example.org',
    'https://mapleridge.sd.example.org@evil.com',
    'https://mapleridge.sd.example.org:pw@evil.com/',
    'mapleridge.sd.example.org@evil.com',
    'https://evil.com/mapleridge.sd.example.org',
    'https://evil.com/?u=https://mapleridge.sd.example.org',
    'https://evil.com#mapleridge.sd.example.org',
    'https://mapleridge.sd.example.org:8080',
    'https://mapleridge.sd.example.org..',
    'https://www.www.mapleridge.sd.example.org',
    'https://mapleridge-sd.example.org',
  ])('rejects %j', (candidate) => {
    expect(siteMatches(candidate, SITE)).toBe(false);
  });

  it('accepts the site written with or without www, scheme or a trailing dot', () => {
    for (const site of ['mapleridge.sd.example.org', 'www.mapleridge.sd.example.org', 'HTTP://MAPLERIDGE.SD.EXAMPLE.ORG/', 'mapleridge.sd.example.org.']) {
      expect(siteMatches('https://mapleridge.sd.example.org/news', site)).toBe(true);
    }
  });

  it('accepts subpaths of the site path, segment by segment', () => {
    const site = 'https://d.org/mrs';
    expect(siteMatches('d.org/mrs', site)).toBe(true);
    expect(siteMatches('d.org/mrs/', site)).toBe(true);
    expect(siteMatches('d.org/mrs/news', site)).toBe(true);
    expect(siteMatches('https://www.d.org/MRS/News?x=1', site)).toBe(true);
    expect(siteMatches('d.org/mrs%2Fnews', site)).toBe(false);
    expect(siteMatches('d.org/mrsx', site)).toBe(false);
    expect(siteMatches('d.org/other', site)).toBe(false);
    expect(siteMatches('d.org', site)).toBe(false);
    expect(siteMatches('d.org/mrs/../other', site)).toBe(false);
    expect(siteMatches('d.org/%2e%2e/mrs', site)).toBe(true);
    expect(siteMatches('d.org/other/mrs', site)).toBe(false);
  });

  it('compares IDN hosts by punycode, so unicode lookalikes do not match', () => {
    expect(siteMatches('https://école.ca/news', 'https://xn--cole-9oa.ca')).toBe(true);
    expect(siteMatches('https://xn--cole-9oa.ca', 'école.ca')).toBe(true);
    expect(siteMatches('https://ecole.ca', 'école.ca')).toBe(false);
    expect(siteMatches('https://ѕchool.ca', 'school.ca')).toBe(false);
    expect(siteMatches('https://schοol.ca', 'school.ca')).toBe(false);
    expect(siteMatches('https://xn--chool-8ve.ca', 'school.ca')).toBe(false);
  });

  it('treats full-width forms as the host browsers resolve them to', () => {
    expect(siteMatches('https://ｓｃｈｏｏｌ．ｃａ', 'school.ca')).toBe(true);
  });

  it('follows the browser on backslashes: the host ends at the first one', () => {
    expect(siteMatches('https://evil.com\\@school.ca', 'school.ca')).toBe(false);
    expect(siteMatches('https://school.ca\\.evil.com', 'school.ca')).toBe(true);
  });

  it('requires the same non-default port', () => {
    expect(siteMatches('https://school.ca:8443/a', 'https://school.ca:8443')).toBe(true);
    expect(siteMatches('https://school.ca/a', 'https://school.ca:8443')).toBe(false);
  });

  it('never matches non-http links or an unparseable site', () => {
    expect(siteMatches('javascript:alert("school.ca")', 'school.ca')).toBe(false);
    expect(siteMatches('data:text/html,school.ca', 'school.ca')).toBe(false);
    expect(siteMatches('mailto:info@school.ca', 'school.ca')).toBe(false);
    expect(siteMatches('school.ca', '')).toBe(false);
    expect(siteMatches('school.ca', null)).toBe(false);
    expect(siteMatches(null, 'school.ca')).toBe(false);
  });
});

describe('linkMatchesAny', () => {
  const sites = ['https://mapleridge.sd.example.org', null];

  it('matches any of the sites', () => {
    expect(linkMatchesAny('mapleridge.sd.example.org/a', sites)).toBe(true);
    expect(linkMatchesAny('https://x.org', ['https://a.org', 'x.org'])).toBe(true);
    expect(linkMatchesAny('https://evil.org', sites)).toBe(false);
    expect(linkMatchesAny('https://mapleridge.sd.example.org', [])).toBe(false);
  });

  it('matches accepted hosts exactly (after www, case and trailing dot), not their subdomains', () => {
    const accepted = ['MRS-Athletics.ca', 'https://www.linktr.ee/mapleridge', ''];
    expect(linkMatchesAny('https://www.mrs-athletics.ca/teams', sites, accepted)).toBe(true);
    expect(linkMatchesAny('mrs-athletics.ca.', sites, accepted)).toBe(true);
    expect(linkMatchesAny('https://blog.mrs-athletics.ca', sites, accepted)).toBe(false);
    expect(linkMatchesAny('https://mrs-athletics.ca.evil.com', sites, accepted)).toBe(false);
    expect(linkMatchesAny('https://linktr.ee/mapleridge', sites, accepted)).toBe(true);
    expect(linkMatchesAny('https://linktr.ee/someoneelse', sites, accepted)).toBe(false);
  });

  it('rejects unparseable candidates', () => {
    expect(linkMatchesAny('javascript:void(0)', sites, ['school.ca'])).toBe(false);
    expect(linkMatchesAny('', sites)).toBe(false);
  });
});
