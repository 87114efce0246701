import { domainToASCII } from 'node:url';

/**
 * Email matching: staff look-ups (people-index.ts) and district-domain checks (account.district-email).
 *
 * Addresses are compared trimmed and in lower case (a leading "mailto:" is dropped). The domain also loses a
 * trailing dot and is turned to punycode, so "dana@SD.Example.org." is "dana@sd.example.org". "+tag" in the local
 * part is dropped only when the district allows plus-addressing ("dana+social@..." is then dana's address).
 */

export interface EmailNormalization {
  allowPlusAddressing: boolean;
}

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const DOMAIN_PATTERN = new RegExp(`^${LABEL}(?:\\.${LABEL})+$`);
/** Anything but whitespace, '@' and angle brackets / quotes / commas (display names and lists are not addresses). */
const LOCAL_PATTERN = /^[^\s@<>"(),;:\\[\]]+$/;

/** The comparable form of an email address. Never throws; a malformed value comes back trimmed and lower case. */
export function normalizeEmail(email: string | null | undefined, options: EmailNormalization = { allowPlusAddressing: false }): string {
  if (typeof email !== 'string') return '';
  const value = email.trim().replace(/^mailto:/i, '').toLowerCase();
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return value;
  let local = value.slice(0, at);
  const domain = normalizeDomain(value.slice(at + 1));
  if (options.allowPlusAddressing) {
    const plus = local.indexOf('+');
    if (plus > 0) local = local.slice(0, plus);
  }
  return `${local}@${domain}`;
}

/** The address's domain (normalised), or null when the value is not a plausible single address. */
export function domainOf(email: string | null | undefined): string | null {
  if (typeof email !== 'string') return null;
  const value = email.trim().replace(/^mailto:/i, '').toLowerCase();
  const parts = value.split('@');
  if (parts.length !== 2) return null;
  const [local, rawDomain] = parts;
  if (!LOCAL_PATTERN.test(local)) return null;
  const domain = normalizeDomain(rawDomain);
  return DOMAIN_PATTERN.test(domain) ? domain : null;
}

/**
 * True when the address's domain is one of `domains` or a subdomain of one ("dana@mrs.sd.example.org" is on
 * sd.example.org). Lookalikes are not: "sd.example.org.evil.com", "evilsd.example.org". Malformed → false.
 */
export function isOnDomains(email: string | null | undefined, domains: readonly string[]): boolean {
  const domain = domainOf(email);
  if (domain === null) return false;
  return domains.some((listed) => {
    const allowed = normalizeDomain(listed.trim().replace(/^@/, ''));
    return allowed !== '' && (domain === allowed || domain.endsWith(`.${allowed}`));
  });
}

function normalizeDomain(raw: string): string {
  let domain = raw.trim().toLowerCase();
  if (domain.endsWith('.')) domain = domain.slice(0, -1);
  if (/[^\p{ASCII}]/u.test(domain)) domain = domainToASCII(domain) || domain;
  return domain;
}
