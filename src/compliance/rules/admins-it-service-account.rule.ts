import { SnapshotField } from '../../../integrations/snapshot';
import { describeEntry, mergeRoster, type RosterEntry } from '../matching/roster';
import { RemediationKind } from '../../../integrations/provider';
import { fail, manual, pass, type RuleDefinition } from '../rule';

/**
 * The district IT services account is on the roster (ap8006 "Establishing Social Media Accounts").
 * Who it is: any of `itServiceEmails` (compared with the registry email, the platform email and the matched staff
 * member's email, case-insensitively) when the list is set; otherwise any registry admin flagged isServiceAccount.
 * - Platform shows its roster: the IT account must be on it (linked as in roster.ts). Being on the platform is
 *   enough even if the registry forgot it (evidence `onRegistry: false`); its full control is reported, not required.
 * - Platform shows no roster: MANUAL when the registry has it, FAIL when even the registry lacks it.
 */

export const adminsItServiceAccountRule: RuleDefinition = {
  id: 'admins.it-service-account',
  title: 'IT services account is an admin',
  severity: 'high',
  rationale: 'The district IT account keeps the district able to recover or close the account when staff leave.',
  evidence: 'registry',
  snapshotFields: [SnapshotField.ADMINS],
  parameters: [
    {
      name: 'itServiceEmails',
      type: 'string[]',
      description: "The IT services account's email(s). Empty: the registry admin flagged as the service account.",
      default: [],
    },
  ],
  remediation: {
    automatic: RemediationKind.ADD_ADMIN,
    steps: [
      "Add the district IT services account as an admin in the platform's settings (ask IT services for its address).",
      'Record it on the account roster in Proctor, flagged as the service account.',
    ],
  },
  evaluate(input) {
    const configured = input.parameters.itServiceEmails;
    const itEmails = new Set((Array.isArray(configured) ? configured : []).map((email) => email.trim().toLowerCase()).filter(Boolean));
    const identifiedBy = itEmails.size > 0 ? 'itServiceEmails' : 'registryFlag';
    const isIt = (entry: RosterEntry): boolean =>
      itEmails.size > 0
        ? [entry.registryAdmin?.email, entry.snapshotAdmin?.email, entry.staff?.email].some((email) => !!email && itEmails.has(email.trim().toLowerCase()))
        : entry.isServiceAccount;

    const roster = mergeRoster(input);
    const itEntries = roster.entries.filter(isIt);
    const onRegistry = itEntries.filter((entry) => entry.registryAdmin);
    const onPlatform = itEntries.filter((entry) => entry.snapshotAdmin);
    const evidence = {
      identifiedBy,
      itServiceEmails: [...itEmails],
      platformRosterVisible: roster.platformRosterVisible,
      onRegistry: onRegistry.length > 0,
      onPlatform: roster.platformRosterVisible ? onPlatform.length > 0 : null,
      itAccounts: itEntries.map(describeEntry),
    };

    if (!roster.platformRosterVisible) {
      if (onRegistry.length > 0) {
        return manual('The platform does not show its admins; confirm that the IT services account still has access.', evidence);
      }
      return fail('The IT services account is not on this account’s roster.', evidence);
    }
    if (onPlatform.length > 0) return pass('The IT services account is an admin.', evidence);
    return fail(
      onRegistry.length > 0
        ? 'The IT services account is registered but the platform does not list it as an admin.'
        : 'The IT services account is not an admin of this account.',
      evidence,
    );
  },
};
