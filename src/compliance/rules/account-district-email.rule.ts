import { AccountKind } from '../../accounts/account.enums';
import { SnapshotField } from '../../../integrations/snapshot';
import { domainOf, isOnDomains } from '../matching/email';
import { fail, manual, pass, type RuleDefinition } from '../rule';

type EmailField = 'loginEmail' | 'custodianEmail' | 'contactEmail';

interface EmailCheck {
  field: EmailField;
  email: string | null;
  domain: string | null;
  onDistrictDomain: boolean;
  reason: 'MISSING' | 'MALFORMED' | 'OTHER_DOMAIN' | null;
}

/** Kinds whose login is an email the district controls (PLATFORM_ROLES accounts are reached through people's own logins). */
const LOGIN_KINDS: ReadonlySet<string> = new Set([AccountKind.SHARED_LOGIN, AccountKind.INDIVIDUAL]);

/**
 * account.district-email: the account's emails are on a district domain (matching/email.ts: the exact domain or a
 * subdomain of one in district.emailDomains, case-insensitive; lookalikes such as "sd.example.org.evil.com" and
 * malformed addresses are not).
 *
 * - loginEmail: SHARED_LOGIN and INDIVIDUAL accounts must have one (missing → FAIL); a PLATFORM_ROLES account's
 *   login email is judged when it has one.
 * - custodianEmail: always judged.
 * - The snapshot's contactEmail: judged when the platform shows one (most do not: then it is simply not judged,
 *   since the registry emails already decide the rule).
 * - A required email missing → FAIL even before domains are looked at; otherwise, no email domains configured
 *   for the district → MANUAL (nothing to compare with).
 */
export const accountDistrictEmailRule: RuleDefinition = {
  id: 'account.district-email',
  title: 'Account uses a district email address',
  severity: 'medium',
  rationale: 'A professional account must be tied to a district address, never to a personal one.',
  evidence: 'registry',
  parameters: [],
  remediation: {
    automatic: null,
    steps: [
      "Change the account's login email on the platform to a district address, and record it in Proctor.",
      "Make the account's custodian in Proctor a district address.",
      "Change the public contact email on the profile to a district address.",
    ],
  },
  evaluate(input) {
    const { account, district } = input;
    const domains = (district.emailDomains ?? []).filter((domain) => typeof domain === 'string' && domain.trim() !== '');
    const data = input.snapshot?.data ?? null;
    const contactShown = data !== null && !data.unavailable.includes(SnapshotField.CONTACT_EMAIL) && nonBlank(data.contactEmail) !== null;

    const checks: EmailCheck[] = [];
    const login = nonBlank(account.loginEmail);
    if (login !== null || LOGIN_KINDS.has(account.kind)) checks.push(check('loginEmail', login, domains));
    checks.push(check('custodianEmail', nonBlank(account.custodianEmail), domains));
    if (contactShown) checks.push(check('contactEmail', nonBlank(data?.contactEmail), domains));

    const offenders = checks.filter((entry) => !entry.onDistrictDomain);
    const evidence = { kind: account.kind, emailDomains: domains, checked: checks, offenders: offenders.map((entry) => entry.field), contactEmailShown: contactShown };

    const missing = offenders.filter((entry) => entry.reason === 'MISSING').map((entry) => entry.field);
    if (missing.includes('loginEmail')) return fail('No login email is recorded for this account; it must be a district address.', evidence);
    if (missing.length > 0) return fail('No custodian email is recorded for this account.', evidence);
    if (domains.length === 0) return manual('No district email domains are configured, so the emails cannot be checked.', evidence);
    if (offenders.length === 0) return pass('The account uses district email addresses.', evidence);
    return fail('The account uses an email address that is not a district address.', evidence);
  },
};

function check(field: EmailField, email: string | null, domains: string[]): EmailCheck {
  if (email === null) return { field, email, domain: null, onDistrictDomain: false, reason: 'MISSING' };
  const domain = domainOf(email);
  if (domain === null) return { field, email, domain, onDistrictDomain: false, reason: 'MALFORMED' };
  const onDistrictDomain = isOnDomains(email, domains);
  return { field, email, domain, onDistrictDomain, reason: onDistrictDomain ? null : 'OTHER_DOMAIN' };
}

function nonBlank(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
