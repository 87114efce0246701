import type { PolicyProfile, ProfileRule } from '../policy-profile';

/** A rule this procedure does not require. */
const off = (): ProfileRule => ({ enabled: false, parameters: {}, citations: [] });

/** Administrative Procedure 146 — Electronic Social Media (2016). Numbered clauses: §1.1 is item 1 of section 1. */
export const ap146ElectronicSocialMediaProfile: PolicyProfile = {
  id: 'ap146-electronic-social-media',
  name: 'AP 146 — Electronic Social Media',
  document: 'Administrative Procedure 146 — Electronic Social Media (adopted September 21, 2016); the district is not named in the text',
  sourceFile: '000_d278c305eeb126d8.txt',
  summary:
    'Written permission from a principal or supervisor to represent a school; at least two staff admins on school-sanctioned groups; ' +
    'no student images without consent; no "friending" students except in a course or club with a second staff admin.',
  rules: {
    // Every scope keeps needing approval: §1.1 covers school, department and District accounts, §3.2 school-based groups.
    'account.approved': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: '§1.1',
          text: 'Unless given written permission from a Principal or supervisor, staff are not authorized to use electronic social media sites to represent a school, department, or the District.',
        },
        {
          clause: '§3.2',
          text: 'Principals will only approve school-based electronic social media groups that will be supervised and monitored by a teacher.',
        },
      ],
    },
    'profile.identifying-language': off(),
    'profile.website-link': off(),
    'privacy.audience': off(),
    'comments.moderated': off(),
    'admins.minimum-staff': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: '§3.3',
          text: 'Principals will ensure that all school-sanctioned electronic social media groups have at least two staff members with administrative privileges.',
        },
      ],
    },
    'admins.it-service-account': off(),
    // Only staff given written permission represent a school (§1.1); §3.3 puts staff members in the admin seats.
    'admins.current-staff-only': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: '§1.1',
          text: 'Unless given written permission from a Principal or supervisor, staff are not authorized to use electronic social media sites to represent a school…',
        },
        {
          clause: '§3.3',
          text: 'all school-sanctioned electronic social media groups have at least two staff members with administrative privileges.',
        },
      ],
    },
    'account.district-email': off(),
    'credentials.rotation': off(),
    'account.single-holder': off(),
    'platform.approved': off(),
    'account.active-use': off(),
    'content.student-tags': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: '§2.1',
          text: 'District staff will not disclose confidential student information, images or confidential school, department, or personnel records without first obtaining written consent…',
        },
      ],
    },
    // §3.5's exception: a course or club structure with a second staff admin.
    'network.no-student-follows': {
      enabled: true,
      parameters: { allowWithSecondStaffAdmin: true },
      citations: [
        {
          clause: '§3.5',
          text: 'District staff shall not initiate or accept electronic “friends” invitations from students unless the networking is part of an existing school course or school club structure…',
        },
        {
          clause: '§3.5',
          text: '…and at least one other staff member has administrative access to the electronic social media group.',
        },
      ],
    },
    'content.prohibited-topics': off(),
  },
};
