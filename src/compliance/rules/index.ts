import type { RuleDefinition } from '../rule';
import { accountActiveUseRule } from './account-active-use.rule';
import { accountApprovedRule } from './account-approved.rule';
import { accountDistrictEmailRule } from './account-district-email.rule';
import { accountSingleHolderRule } from './account-single-holder.rule';
import { adminsCurrentStaffOnlyRule } from './admins-current-staff-only.rule';
import { adminsItServiceAccountRule } from './admins-it-service-account.rule';
import { adminsMinimumStaffRule } from './admins-minimum-staff.rule';
import { commentsModeratedRule } from './comments-moderated.rule';
import { contentProhibitedTopicsRule } from './content-prohibited-topics.rule';
import { contentStudentTagsRule } from './content-student-tags.rule';
import { credentialsRotationRule } from './credentials-rotation.rule';
import { networkNoStudentFollowsRule } from './network-no-student-follows.rule';
import { platformApprovedRule } from './platform-approved.rule';
import { privacyAudienceRule } from './privacy-audience.rule';
import { profileIdentifyingLanguageRule } from './profile-identifying-language.rule';
import { profileWebsiteLinkRule } from './profile-website-link.rule';

/** The catalogue of rules.md, in its order. */
export const RULES: readonly RuleDefinition[] = [
  accountApprovedRule,
  profileIdentifyingLanguageRule,
  profileWebsiteLinkRule,
  privacyAudienceRule,
  commentsModeratedRule,
  adminsMinimumStaffRule,
  adminsItServiceAccountRule,
  adminsCurrentStaffOnlyRule,
  accountDistrictEmailRule,
  credentialsRotationRule,
  accountSingleHolderRule,
  platformApprovedRule,
  accountActiveUseRule,
  contentStudentTagsRule,
  networkNoStudentFollowsRule,
  contentProhibitedTopicsRule,
];

const BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

export function ruleById(id: string): RuleDefinition | undefined {
  return BY_ID.get(id);
}
