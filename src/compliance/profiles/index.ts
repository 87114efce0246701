import type { PolicyProfile } from '../policy-profile';
import { ap146ElectronicSocialMediaProfile } from './ap146-electronic-social-media.profile';
import { ap1311SocialMediaForLearningProfile } from './ap1311-social-media-for-learning.profile';
import { ap417SocialMediaProfile } from './ap417-social-media.profile';
import { ap8006SocialMediaInternetProfile } from './ap8006-social-media-internet.profile';
import { hdsbSocialMediaStaffProfile } from './hdsb-social-media-staff.profile';

/** The five shipped profiles, in the order of POLICY_PROFILE_IDS (shared/policies/README.md). */
export const POLICY_PROFILES: readonly PolicyProfile[] = [
  ap146ElectronicSocialMediaProfile,
  ap1311SocialMediaForLearningProfile,
  ap8006SocialMediaInternetProfile,
  hdsbSocialMediaStaffProfile,
  ap417SocialMediaProfile,
];

const BY_ID: ReadonlyMap<string, PolicyProfile> = new Map(POLICY_PROFILES.map((profile) => [profile.id, profile]));

/** The shipped profile with this id, or undefined when there is none. */
export function policyProfileById(id: string): PolicyProfile | undefined {
  return BY_ID.get(id);
}
