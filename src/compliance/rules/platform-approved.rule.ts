import { Platform } from '../../accounts/account.enums';
import { fail, pass, type RuleDefinition } from '../rule';

const DEFAULT_APPROVED: string[] = [Platform.FACEBOOK, Platform.INSTAGRAM, Platform.X, Platform.YOUTUBE, Platform.LINKEDIN];

/**
 * platform.approved: the account's platform is on the district's approved list (approvedPlatforms, Platform
 * values, OTHER included when a district approves unlisted platforms). Values are compared in upper case and
 * trimmed. An empty list approves nothing: every account fails.
 */
export const platformApprovedRule: RuleDefinition = {
  id: 'platform.approved',
  title: 'Platform is approved by the district',
  severity: 'high',
  rationale: 'Staff may only run official accounts on platforms the district has approved.',
  evidence: 'registry',
  parameters: [
    {
      name: 'approvedPlatforms',
      type: 'string[]',
      description: 'Platforms the district approves for official accounts.',
      default: [...DEFAULT_APPROVED],
      allowed: Object.values(Platform),
    },
  ],
  remediation: {
    automatic: null,
    steps: [
      'Move the account to an approved platform and retire this one, or',
      'ask the district to add the platform to its approved list.',
    ],
  },
  evaluate(input) {
    const parameter = input.parameters.approvedPlatforms;
    const list = Array.isArray(parameter) ? parameter : DEFAULT_APPROVED;
    const approved = [...new Set(list.filter((entry): entry is string => typeof entry === 'string').map((entry) => entry.trim().toUpperCase()))];
    const platform = String(input.account.platform);
    const evidence = { platform, approvedPlatforms: approved };
    if (approved.includes(platform.toUpperCase())) return pass('The platform is approved by the district.', evidence);
    return fail('The district has not approved this platform for official accounts.', evidence);
  },
};
