import { ArrayMaxSize, ArrayMinSize, IsFQDN, IsIn, IsOptional, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import { POLICY_PROFILE_IDS } from '../compliance/policy-profile-ids';
import { IsNotBlank, IsTimeZone, WEB_URL_OPTIONS } from '../validation/validators';

export class CreateDistrictInput {
  @Length(1, 200)
  @IsNotBlank()
  name: string;

  @Matches(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, {
    message: 'slug must be 1-63 lower-case letters, digits or hyphens, not starting or ending with a hyphen',
  })
  slug: string;

  @ArrayMinSize(1, { message: 'at least one staff email domain is required' })
  @ArrayMaxSize(20)
  @IsFQDN({}, { each: true, message: 'each email domain must be a domain name such as district.org' })
  emailDomains: string[];

  @IsIn(POLICY_PROFILE_IDS as unknown as string[], { message: `profile must be one of ${POLICY_PROFILE_IDS.join(', ')}` })
  policyProfileId: string;

  @IsOptional()
  @IsUrl(WEB_URL_OPTIONS)
  @MaxLength(2048)
  websiteUrl?: string | null;

  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}
