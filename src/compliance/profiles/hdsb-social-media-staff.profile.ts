import { AccountScope } from '../../accounts/account.enums';
import type { PolicyProfile, ProfileRule } from '../policy-profile';

/** A rule this procedure does not require. */
const off = (): ProfileRule => ({ enabled: false, parameters: {}, citations: [] });

/** Halton DSB — Social Media and Electronic Communications for Staff. Numbered sections: §2 is "2. Personal vs. professional". */
export const hdsbSocialMediaStaffProfile: PolicyProfile = {
  id: 'hdsb-social-media-staff',
  name: 'HDSB — Social Media and Electronic Communications for Staff',
  document: 'Social Media and Electronic Communications for Staff — Halton District School Board (revised September 2017)',
  sourceFile: '003_b046ae7a2e409b3d.txt',
  summary:
    'Classroom and club accounts need no permission; school and department accounts need principal or manager approval; ' +
    'do not follow students; no alcohol, drug, tobacco, explicit, political or religious content; privacy settings; consent for student photos.',
  rules: {
    // Classroom and club accounts need no permission (§1); school and department (and so board-wide) accounts do.
    'account.approved': {
      enabled: true,
      parameters: { scopesRequiringApproval: [AccountScope.DISTRICT, AccountScope.SCHOOL, AccountScope.DEPARTMENT] },
      citations: [
        {
          clause: '§1',
          text: 'School or department based accounts require the approval of the Principal or Manager…',
        },
        {
          clause: '§1',
          text: 'Although permission is not required for staff to open a professional social media account, those staff creating the account are responsible for its use.',
        },
      ],
    },
    'profile.identifying-language': off(),
    'profile.website-link': off(),
    'privacy.audience': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: '§4',
          text: 'Ensure privacy settings are appropriate and protect the privacy and confidentiality of students and staff.',
        },
      ],
    },
    'comments.moderated': off(),
    'admins.minimum-staff': off(),
    'admins.it-service-account': off(),
    'admins.current-staff-only': off(),
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
          clause: '§4',
          text: 'Students for whom consent is not provided must be excluded and/or have their faces blurred.',
        },
        {
          clause: '§4',
          text: 'Personal information, includes student names, location, student work, individual and group photographs, videos featuring the student or other identifying information.',
        },
      ],
    },
    // No exception for course or club structures in this procedure.
    'network.no-student-follows': {
      enabled: true,
      parameters: {},
      citations: [
        { clause: '§2', text: 'Do not follow students on their personal social media accounts' },
        { clause: '§3', text: 'For the purposes of learning, you do not need to follow them back.' },
      ],
    },
    // All six default categories are named in §2.
    'content.prohibited-topics': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: '§2',
          text: 'Do not post images or content promoting alcohol, drug or tobacco use, or explicit content on board, classroom, department and professional accounts.',
        },
        { clause: '§2', text: 'Do not use professional accounts to promote political parties, religion or policies.' },
      ],
    },
  },
};
