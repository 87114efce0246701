import type { PolicyProfile, ProfileRule } from '../policy-profile';

/** A rule this procedure does not require. */
const off = (): ProfileRule => ({ enabled: false, parameters: {}, citations: [] });

/** AP 1311 — Social Media for Learning. Clauses are numbered in the text (§1.2.4 is "1.2.4."). */
export const ap1311SocialMediaForLearningProfile: PolicyProfile = {
  id: 'ap1311-social-media-for-learning',
  name: 'AP 1311 — Social Media for Learning',
  document: 'AP 1311: Social Media for Learning; the district is not named in the text',
  sourceFile: '001_b94cc2e2be8f6ee0.txt',
  summary:
    'District email only; identifying language and a link to the school website; private unless there is an educational need; ' +
    'comments off or monitored daily; principal or supervisor approval first; approved applications; sites kept current; no student tags.',
  rules: {
    'account.approved': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: '§1.4.6',
          text: 'Employees shall receive Principal or Supervisor approval prior to setting up social media accounts and platforms.',
        },
        {
          clause: '§1.2.3',
          text: 'District employees will inform their supervisor before setting up a professional social media presence…',
        },
      ],
    },
    'profile.identifying-language': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: '§1.2.4',
          text: 'Professional district social media sites are to include language identifying the sites as professional social media district sites.',
        },
        {
          clause: '§1.2.4',
          text: 'professional sites identify the district school, department or particular grade that is utilizing the site…',
        },
      ],
    },
    'profile.website-link': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: '§1.2.4',
          text: 'professional sites identify the district school, department or particular grade that is utilizing the site and be linked to the school website.',
        },
      ],
    },
    'privacy.audience': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: '§1.4.4',
          text: 'It is a recommended practice for professional social media sites to be private networks, unless there is a specific educational need for the site to be a public network.',
        },
        {
          clause: '§1.3.3',
          text: 'District employees will use privacy settings to control access to their professional social media sites…',
        },
      ],
    },
    'comments.moderated': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: '§1.4.3',
          text: 'the default setting for comments on professional social media sites is to be turned off or moderated regularly.',
        },
        {
          clause: '§1.4.3',
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
          clause: '§1.1.1',
          text: 'The professional social media presence will utilize a district email address and must be completely separate from any personal social media presence…',
        },
        {
          clause: '§1.1.1',
          text: 'district employees must not use their personal email address for professional social media activities and vice versa.',
        },
      ],
    },
    'credentials.rotation': off(),
    'account.single-holder': off(),
    // The approved list is the district's own guidelines (§1.4.7): the rule's default list stands until the district overrides it.
    'platform.approved': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: '§1.4.7',
          text: 'The Principal or Supervisor shall follow the District guidelines on acceptable District approved online applications.',
        },
      ],
    },
    // No period is set in the text: the rule's default (180 days without a post) stands.
    'account.active-use': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: '§1.2.1.3',
          text: 'District employees will keep their social media accounts current and delete content or sites no longer in use.',
        },
      ],
    },
    'content.student-tags': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: '§1.3.6',
          text: 'No personally identifiable student information may be posted by district employees on professional social media sites, including student photographs, without the consent of the students.',
        },
        { clause: '§2.2.3', text: 'District employees will not “tag” photos of any students.' },
      ],
    },
    // A professional account following a student's personal account is reviewing it (§1.2.1.2). No exception in the text.
    'network.no-student-follows': {
      enabled: true,
      parameters: {},
      citations: [
        {
          clause: '§1.2.1.2',
          text: 'District employees are not to review any personal social media accounts created by their students.',
        },
      ],
    },
    'content.prohibited-topics': off(),
  },
};
