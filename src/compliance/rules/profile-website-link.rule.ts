import { AccountScope } from '../../accounts/account.enums';
import { RemediationKind } from '../../../integrations/provider';
import { SnapshotField } from '../../../integrations/snapshot';
import { hostOf, linkMatchesAny, parseLink } from '../matching/url';
import { fail, manual, pass, type ParameterValue, type RuleDefinition, type RuleInput } from '../rule';

/**
 * profile.website-link: the profile's website points to the school's site (the district's for DISTRICT and
 * DEPARTMENT accounts, or when the school has none).
 *
 * - Matching is matching/url.ts: scheme, "www.", letter case, trailing slash/dot, ports 80/443, query and fragment
 *   ignored; pages below the site's path accepted; lookalike hosts, userinfo tricks and non-http links rejected.
 * - acceptedHosts: extra sites the district accepts, matched exactly like the site itself: "mrs-athletics.ca"
 *   accepts any page on mrs-athletics.ca (and www.), not on its subdomains; an entry with a path accepts that
 *   path and below only.
 * - The website field decides when the platform shows one: match → PASS, anything else → FAIL (a matching bio
 *   link does not make up for a wrong website). When the field is unavailable or empty and allowBioLinkFallback,
 *   a matching link in the profile text passes; otherwise MANUAL (the platform may show the site elsewhere).
 * - No usable site on record (none, or not a web address) and no accepted hosts → MANUAL (nothing to compare with).
 */
export const profileWebsiteLinkRule: RuleDefinition = {
  id: 'profile.website-link',
  title: "Profile links to the school's website",
  severity: 'medium',
  rationale: "Linking to the school's official website shows the account is the school's and sends families to the source.",
  evidence: 'snapshot',
  parameters: [
    {
      name: 'acceptedHosts',
      type: 'string[]',
      description: 'Other sites accepted as the website (exact host after "www."; subdomains are not included; an entry with a path accepts that path and below).',
      default: [],
    },
    {
      name: 'allowBioLinkFallback',
      type: 'boolean',
      description: 'When the platform has no website field (or it is empty), accept a link to the site in the profile text.',
      default: true,
    },
  ],
  remediation: {
    automatic: RemediationKind.UPDATE_WEBSITE,
    steps: [
      "Set the profile's website field to the school's website (the district's for district and department accounts).",
      'Where the platform has no website field, put the link in the bio.',
    ],
  },
  evaluate(input) {
    const data = input.snapshot?.data ?? null;
    const acceptedHosts = stringList(input.parameters.acceptedHosts);
    const allowFallback = booleanParameter(input.parameters.allowBioLinkFallback, true);
    const { site, siteOwner } = expectedSite(input);
    const sites = site === null ? [] : [site];
    const websiteShown = data !== null && !data.unavailable.includes(SnapshotField.WEBSITE);
    const website = websiteShown && typeof data?.website === 'string' && data.website.trim() !== '' ? data.website.trim() : null;
    const profileLinks = (data?.profileLinks ?? []).filter((link): link is string => typeof link === 'string');
    const evidence = {
      expectedSite: site,
      siteOwner,
      acceptedHosts,
      website,
      websiteHost: hostOf(website),
      websiteShown,
    };

    if (![...sites, ...acceptedHosts].some((entry) => parseLink(entry) !== null)) {
      return manual('No website is on record for the school or district, so the link cannot be checked.', evidence);
    }
    if (website !== null) {
      if (linkMatchesAny(website, sites, acceptedHosts)) return pass("The profile links to the school's website.", evidence);
      return fail("The profile's website does not point to the school's website.", evidence);
    }
    const fallbackEvidence = { ...evidence, allowBioLinkFallback: allowFallback, profileLinks };
    if (allowFallback) {
      const matchedLink = profileLinks.find((link) => linkMatchesAny(link, sites, acceptedHosts)) ?? null;
      if (matchedLink !== null) return pass("The profile links to the school's website.", { ...fallbackEvidence, matchedLink });
    }
    // Snapshot contract: a field the platform shows but that is empty is null without being "unavailable".
    if (websiteShown) return fail("The profile has no website; it should link to the school's website.", fallbackEvidence);
    return manual("The platform does not show the profile's website; check that it links to the school's website.", fallbackEvidence);
  },
};

function expectedSite(input: RuleInput): { site: string | null; siteOwner: 'SCHOOL' | 'DISTRICT' | null } {
  const districtSite = nonBlank(input.district.websiteUrl);
  const schoolSite = nonBlank(input.school?.websiteUrl);
  const districtWide = input.account.scope === AccountScope.DISTRICT || input.account.scope === AccountScope.DEPARTMENT;
  if (!districtWide && schoolSite !== null) return { site: schoolSite, siteOwner: 'SCHOOL' };
  if (districtSite !== null) return { site: districtSite, siteOwner: 'DISTRICT' };
  return { site: null, siteOwner: null };
}

function nonBlank(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function booleanParameter(value: ParameterValue | undefined, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function stringList(value: ParameterValue | undefined): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '');
}
