/**
 * The five shipped policy profiles, one per district procedure in shared/policies (README there). The rules
 * each enables, their parameters and citations arrive with the compliance engine; districts pick one by id.
 */
export const POLICY_PROFILE_IDS = [
  'ap146-electronic-social-media',
  'ap1311-social-media-for-learning',
  'ap8006-social-media-internet',
  'hdsb-social-media-staff',
  'ap417-social-media',
] as const;
