import { Platform } from '../../accounts/account.enums';
import { ApiRole } from '../../auth/api-role';
import type { PolicyProfile, ProfileRule } from '../policy-profile';

/** A rule this procedure does not require. */
const off = (): ProfileRule => ({ enabled: false, parameters: {}, citations: [] });

/** AP 80-06 — Social Media and Internet Communication Procedures. No numbered clauses: citations name the heading. */
export const ap8006SocialMediaInternetProfile: PolicyProfile = {
  id: 'ap8006-social-media-internet',
  name: 'AP 80-06 — Social Media and Internet Communication',
  document: 'AP 80-06 — Social Media and Internet Communication Procedures; a school division (website www.phrd.ab.ca)',
  sourceFile: '002_c189a8ea6af0ddb5.txt',
  summary:
    'Registration with IT services and review by the Director of ITS, including an administrator account solely for ITS; ' +
    'Twitter/X and Facebook only; at least two staff admins besides the ITS account; departed staff removed; ' +
    'no shared individual accounts; joint-account passwords reset annually and whenever someone with access leaves.',
  rules: {
    // The registration review is the ITS leadership's (Assistant Superintendent for ITS or Director of ITS), a district role.
    'account.approved': {
      enabled: true,
      parameters: { approvingRoles: [ApiRole.DISTRICT_ADMIN] },
      citations: [
        {
          clause: 'Establishing Social Media Accounts',
          text: 'In order to properly track social media accounts in use throughout the Division, they should be registered with ITS.',
        },
        {
          clause: 'Establishing Social Media Accounts',
          text: 'There should also be a review from the Assistant Superintendent responsible for ITS or the Director of ITS to ensure that the account meets educational needs.',
        },
      ],
    },
    'profile.identifying-language': off(),
    'profile.website-link': off(),
    'privacy.audience': off(),
    'comments.moderated': off(),
    // Two is the rule's default; the ITS account does not count towards it (service accounts never do).
    'admins.minimum-staff': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: 'Online Interactions',
          text: 'No less than two staff members should have administrative access to a given account or site in addition to the ITS account.',
        },
      ],
    },
    'admins.it-service-account': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: 'Establishing Social Media Accounts',
          text: 'This includes an administrator account which is solely for the use of the ITS Department.',
        },
      ],
    },
    'admins.current-staff-only': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: 'Account Management',
          text: 'Accounts for employees that have left the Division should automatically be disabled and new accounts established for their replacement.',
        },
        {
          clause: 'Online Interactions',
          text: 'Individuals who are not part of the school body or Division administration team should not be accepted onto the participant list of the social media site.',
        },
      ],
    },
    'account.district-email': off(),
    // "Annually" is the rule's default of 365 days; the rule also requires a reset after each departure.
    'credentials.rotation': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: 'Account Management',
          text: "Joint accounts such as those for a school should have passwords reset annually or any time a staff member with access to that account leaves the Division's employment.",
        },
      ],
    },
    'account.single-holder': {
      enabled: true,
      parameters: {},
      citations: [
        { clause: 'Account Management', text: 'Under no circumstance should an individual account be shared by more than one person.' },
      ],
    },
    'platform.approved': {
      enabled: true,
      parameters: { approvedPlatforms: [Platform.X, Platform.FACEBOOK] },
      citations: [
        {
          clause: 'Establishing Social Media Accounts',
          text: 'At this time two primary social media tools are recognized as being suitable for use by Division staff and schools. These are: … Twitter … Facebook',
        },
        { clause: 'Establishing Social Media Accounts', text: 'Other sites may be added by request.' },
      ],
    },
    'account.active-use': off(),
    'content.student-tags': off(),
    'network.no-student-follows': off(),
    'content.prohibited-topics': off(),
  },
};
