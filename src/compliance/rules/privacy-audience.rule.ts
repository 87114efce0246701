import { SnapshotField } from '../../../integrations/snapshot';
import { RemediationKind } from '../../../integrations/provider';
import { fail, manual, pass, type RuleDefinition } from '../rule';

type Reason =
  | 'PLATFORM_PUBLIC_REGISTERED_PRIVATE'
  | 'PLATFORM_PRIVATE_REGISTERED_PUBLIC'
  | 'PUBLIC_NOT_ALLOWED'
  | 'PUBLIC_WITHOUT_JUSTIFICATION';

/**
 * privacy.audience: what the platform shows matches the registered audience, and a PUBLIC registration has a
 * documented justification (and the profile allows public accounts at all).
 *
 * - Platform cannot show the audience (AUDIENCE unavailable, or null / an unknown value): MANUAL, unless the
 *   registry itself already breaks the policy (PUBLIC without justification, or PUBLIC when not allowed):
 *   that is verified from the registry alone and answers FAIL.
 * - Any mismatch between platform and registry fails, in either direction; a platform that is more private
 *   than registered still fails so that the registry is corrected (the fix is then in Proctor, not on the platform).
 */
export const privacyAudienceRule: RuleDefinition = {
  id: 'privacy.audience',
  title: 'Audience matches the registered intent',
  severity: 'high',
  rationale: 'Accounts stay private unless a documented educational need for a public audience is on record.',
  evidence: 'snapshot',
  parameters: [
    {
      name: 'allowPublicWithJustification',
      type: 'boolean',
      description: 'Whether a public account is allowed when the registry records a justification; when false every public account fails.',
      default: true,
    },
  ],
  remediation: {
    automatic: RemediationKind.SET_AUDIENCE_PRIVATE,
    steps: [
      'If the account must be public, record the educational reason in its Proctor registration.',
      "Otherwise set the account to private in the platform's privacy settings.",
      'Make the registered audience in Proctor match the platform setting.',
    ],
  },
  evaluate(input) {
    const { account } = input;
    const data = input.snapshot?.data ?? null;
    const allowPublicParameter = input.parameters.allowPublicWithJustification;
    const allowPublic = typeof allowPublicParameter === 'boolean' ? allowPublicParameter : true;
    const justification = typeof account.publicJustification === 'string' ? account.publicJustification.trim() : '';
    const registryAudience: string = account.audience;
    const rawPlatform = data?.audience ?? null;
    const shown = data !== null && !data.unavailable.includes(SnapshotField.AUDIENCE) && (rawPlatform === 'PUBLIC' || rawPlatform === 'PRIVATE');
    const platformAudience = shown ? rawPlatform : null;

    const reasons: Reason[] = [];
    if (registryAudience === 'PUBLIC' && !allowPublic) reasons.push('PUBLIC_NOT_ALLOWED');
    else if (registryAudience === 'PUBLIC' && justification === '') reasons.push('PUBLIC_WITHOUT_JUSTIFICATION');
    const evidence = {
      registryAudience,
      platformAudience,
      platformShowsAudience: shown,
      publicJustification: justification === '' ? null : justification,
      allowPublicWithJustification: allowPublic,
    };

    if (registryAudience !== 'PUBLIC' && registryAudience !== 'PRIVATE') {
      return manual('The registered audience cannot be read; check the registration.', { ...evidence, reasons });
    }
    if (platformAudience === null) {
      if (reasons.length > 0) return fail(publicMessage(reasons), { ...evidence, reasons });
      return manual("The platform does not show the account's audience; confirm it by hand.", { ...evidence, reasons });
    }
    if (platformAudience === 'PUBLIC' && registryAudience === 'PRIVATE') {
      // A private registration carries no public justification; only the mismatch matters.
      return fail('The account is public on the platform but registered as private.', { ...evidence, reasons: ['PLATFORM_PUBLIC_REGISTERED_PRIVATE'] });
    }
    if (platformAudience === 'PRIVATE' && registryAudience === 'PUBLIC') {
      const all: Reason[] = ['PLATFORM_PRIVATE_REGISTERED_PUBLIC', ...reasons];
      return fail('The account is private on the platform but registered as public; update the registration.', { ...evidence, reasons: all });
    }
    if (reasons.length > 0) return fail(publicMessage(reasons), { ...evidence, reasons });
    return pass(
      platformAudience === 'PUBLIC' ? 'The account is public, as registered, with a documented reason.' : 'The account is private, as registered.',
      { ...evidence, reasons },
    );
  },
};

function publicMessage(reasons: Reason[]): string {
  return reasons.includes('PUBLIC_NOT_ALLOWED')
    ? 'The account is registered as public, which the district does not allow.'
    : 'The account is registered as public without a documented reason.';
}
