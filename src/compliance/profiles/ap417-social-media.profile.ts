import type { PolicyProfile, ProfileRule } from '../policy-profile';

/** A rule this procedure does not require. */
const off = (): ProfileRule => ({ enabled: false, parameters: {}, citations: [] });

const COMMUNICATION = 'Communication with District Students';
const MONITORING = 'Monitoring of Professional Social Media Sites';
const GUIDANCE = 'Guidance Regarding Professional Social Media Sites';

/** AP 417 — Social Media (Chilliwack SD). No numbered clauses: citations name the heading (the professional-use ones). */
export const ap417SocialMediaProfile: PolicyProfile = {
  id: 'ap417-social-media',
  name: 'AP 417 — Social Media',
  document: 'Administrative Procedure 417 — Social Media; Chilliwack School District',
  sourceFile: '004_1358330499860aad.txt',
  summary:
    'Like AP 1311: district email only; identifying language and a link to the school website; private unless there is an educational need; ' +
    'comments off or monitored daily; supervisor approval first; approved applications; no student information without consent.',
  rules: {
    'account.approved': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: MONITORING,
          text: 'Employees shall receive district/department/site supervisor approval prior to setting up social media accounts and platforms.',
        },
        {
          clause: COMMUNICATION,
          text: 'Employees will inform their supervisor before setting up a professional social media presence…',
        },
      ],
    },
    'profile.identifying-language': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: COMMUNICATION,
          text: 'Professional district social media sites are to include language identifying the sites as professional social media district sites.',
        },
        {
          clause: COMMUNICATION,
          text: 'the professional sites can identify the District, school, department, or particular grade that is utilizing the site…',
        },
      ],
    },
    'profile.website-link': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: COMMUNICATION,
          text: 'the professional sites can identify the District, school, department, or particular grade that is utilizing the site and be linked to the school website.',
        },
      ],
    },
    'privacy.audience': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: MONITORING,
          text: 'It is a recommended practice for professional social media sites to be private networks unless there is a specific educational need for the site to be a public network.',
        },
        {
          clause: GUIDANCE,
          text: 'Employees will use privacy settings to control access to their professional social media sites to ensure that professional social media communications only reach the intended audience.',
        },
      ],
    },
    'comments.moderated': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: MONITORING,
          text: 'the default setting for comments on professional social media sites is to be turned off or moderated regularly.',
        },
        {
          clause: MONITORING,
          text: 'If the default setting for comments is turned on, the comments on the site must be monitored on a daily basis by the user.',
        },
      ],
    },
    'admins.minimum-staff': off(),
    'admins.it-service-account': off(),
    'admins.current-staff-only': off(),
    'account.district-email': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: 'Maintenance of Separate Professional and Personal E-mail Accounts',
          text: 'The professional social media presence will utilize a District email address and must be completely separate from any personal social media presence…',
        },
        {
          clause: 'Maintenance of Separate Professional and Personal E-mail Accounts',
          text: 'employees must not use their personal email address for professional social media activities.',
        },
      ],
    },
    'credentials.rotation': off(),
    'account.single-holder': off(),
    // The approved list is the district's own guidelines: the rule's default list stands until the district overrides it.
    'platform.approved': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: MONITORING,
          text: 'District/department/site supervisors shall follow the District guidelines on acceptable District approved online applications.',
        },
      ],
    },
    // Unlike AP 1311 (§1.2.1.3), AP 417 has no clause on keeping accounts current or deleting unused sites.
    'account.active-use': off(),
    'content.student-tags': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: GUIDANCE,
          text: 'No personally identifiable student information may be posted by employees on professional social media sites, including student photographs, without the consent of the students.',
        },
      ],
    },
    // A professional account following a student's personal account is reviewing it. No exception in the text.
    'network.no-student-follows': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: COMMUNICATION,
          text: 'Employees are not to review any personal social media accounts created by their students.',
        },
      ],
    },
    'content.prohibited-topics': off(),
  },
};
