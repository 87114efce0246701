import { domainOf, isOnDomains, normalizeEmail } from '../../../src/compliance/matching/email';

describe('normalizeEmail', () => {
  const strict = { allowPlusAddressing: false };
  const plus = { allowPlusAddressing: true };

  it.each([
    ['Dana.Whitford@SD.Example.org', 'dana.whitford@sd.example.org'],
    ['  dana@sd.example.org  ', 'dana@sd.example.org'],
    ['dana@sd.example.org.', 'dana@sd.example.org'],
    ['MAILTO:dana@sd.example.org', 'dana@sd.example.org'],
    ['dana+social@sd.example.org', 'dana+social@sd.example.org'],
    ['dana@école.example', 'dana@xn--cole-9oa.example'],
  ])('without plus-addressing: %j → %j', (raw, expected) => {
    expect(normalizeEmail(raw, strict)).toBe(expected);
  });

  it.each([
    ['dana+social@sd.example.org', 'dana@sd.example.org'],
    ['Dana+Social+More@SD.example.org', 'dana@sd.example.org'],
    ['dana@sd.example.org', 'dana@sd.example.org'],
    ['+tag@sd.example.org', '+tag@sd.example.org'],
    ['dana@plus+domain.org', 'dana@plus+domain.org'],
  ])('with plus-addressing: %j → %j (only the local part)', (raw, expected) => {
    expect(normalizeEmail(raw, plus)).toBe(expected);
  });

  it('defaults to no plus-addressing', () => {
    expect(normalizeEmail('dana+x@sd.example.org')).toBe('dana+x@sd.example.org');
  });

  it('never throws on malformed values', () => {
    expect(normalizeEmail('  Not An Email ', plus)).toBe('not an email');
    expect(normalizeEmail('@sd.example.org', plus)).toBe('@sd.example.org');
    expect(normalizeEmail('dana@', plus)).toBe('dana@');
    expect(normalizeEmail('', plus)).toBe('');
    expect(normalizeEmail(null, plus)).toBe('');
    expect(normalizeEmail(undefined, plus)).toBe('');
  });
});

describe('domainOf', () => {
  it.each([
    ['dana@sd.example.org', 'sd.example.org'],
    ['Dana@SD.EXAMPLE.ORG', 'sd.example.org'],
    [' dana@sd.example.org. ', 'sd.example.org'],
    ['dana+x@mrs.sd.example.org', 'mrs.sd.example.org'],
    ['dana@école.example', 'xn--cole-9oa.example'],
    ['o\'brien@sd-42.example.org', 'sd-42.example.org'],
  ])('%j → %j', (email, domain) => {
    expect(domainOf(email)).toBe(domain);
  });

  it.each([
    [''],
    ['dana'],
    ['@sd.example.org'],
    ['dana@'],
    ['dana@@sd.example.org'],
    ['dana@evil.com@sd.example.org'],
    ['dana@sd'],
    ['dana@sd..example.org'],
    ['dana@-sd.example.org'],
    ['dana@sd.example.org/path'],
    ['dana @sd.example.org'],
    ['dana@sd example.org'],
    ['Dana <dana@sd.example.org>'],
    ['dana@sd.example.org, eve@evil.com'],
    [null],
    [undefined],
  ])('rejects %j', (email) => {
    expect(domainOf(email)).toBeNull();
  });
});

describe('isOnDomains', () => {
  const domains = ['sd.example.org'];

  it.each([
    'dana@sd.example.org',
    'DANA@SD.EXAMPLE.ORG',
    'dana@mrs.sd.example.org',
    'dana@a.b.sd.example.org',
    ' dana+social@sd.example.org ',
    'dana@sd.example.org.',
  ])('accepts %j', (email) => {
    expect(isOnDomains(email, domains)).toBe(true);
  });

  it.each([
    'dana@sd.example.org.evil.com',
    'dana@evilsd.example.org',
    'dana@evil-sd.example.org',
    'dana@example.org',
    'dana@gmail.com',
    'sd.example.org@gmail.com',
    'dana@sd.example.org@gmail.com',
    'dana@gmail.com?sd.example.org',
    'dana@xsd.example.org',
    'dana@sd.example.com',
    '',
    'not an email',
  ])('rejects %j', (email) => {
    expect(isOnDomains(email, domains)).toBe(false);
  });

  it('normalises the listed domains (case, leading @, trailing dot) and ignores blank ones', () => {
    expect(isOnDomains('dana@sd.example.org', ['  @SD.Example.Org. '])).toBe(true);
    expect(isOnDomains('dana@sd.example.org', [''])).toBe(false);
    expect(isOnDomains('dana@sd.example.org', [])).toBe(false);
    expect(isOnDomains('dana@staff.other.org', ['sd.example.org', 'other.org'])).toBe(true);
  });

  it('matches IDN domains by punycode', () => {
    expect(isOnDomains('info@école.example', ['xn--cole-9oa.example'])).toBe(true);
    expect(isOnDomains('info@xn--cole-9oa.example', ['école.example'])).toBe(true);
    expect(isOnDomains('info@ecole.example', ['école.example'])).toBe(false);
    expect(isOnDomains('info@ѕd.example.org', domains)).toBe(false);
  });
});
