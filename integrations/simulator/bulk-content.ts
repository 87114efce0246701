import type { SeededRandom } from './seeded-random';

/**
 * What the bulk accounts are about and what they write: topics, bios, posts and comments, in the voice of
 * school accounts. Pure text; bulk-fixtures.ts puts it into each platform's shape.
 */

export type Category = 'DISTRICT' | 'SCHOOL' | 'DEPARTMENT' | 'CLUB' | 'CLASSROOM';
export type Theme = 'NEWS' | 'ATHLETICS' | 'ARTS' | 'LEARNING';

export interface Topic {
  label: string;
  /** For short handles (X allows 15 characters). */
  short: string;
  theme: Theme;
}

const topic = (label: string, short: string, theme: Theme): Topic => ({ label, short, theme });

/** District departments; the district's own main account is the first. */
export const DISTRICT_TOPICS: Topic[] = [
  topic('', '', 'NEWS'),
  topic('Athletics', 'sports', 'ATHLETICS'),
  topic('Careers', 'careers', 'NEWS'),
  topic('Transportation', 'buses', 'NEWS'),
  topic('Indigenous Education', 'indiged', 'LEARNING'),
  topic('Early Learning', 'early', 'LEARNING'),
  topic('International Programs', 'intl', 'LEARNING'),
  topic('Arts', 'arts', 'ARTS'),
  topic('Wellness', 'wellness', 'NEWS'),
  topic('Technology', 'tech', 'LEARNING'),
  topic('Summer Learning', 'summer', 'LEARNING'),
  topic('Board of Education', 'board', 'NEWS'),
];

export const DEPARTMENT_TOPICS: Record<'ELEMENTARY' | 'OTHER', Topic[]> = {
  ELEMENTARY: [
    topic('Library', 'library', 'LEARNING'),
    topic('Music', 'music', 'ARTS'),
    topic('Physical Education', 'pe', 'ATHLETICS'),
    topic('Learning Support', 'support', 'LEARNING'),
    topic('Kindergarten Team', 'kinder', 'LEARNING'),
    topic('Primary Team', 'primary', 'LEARNING'),
  ],
  OTHER: [
    topic('Library', 'library', 'LEARNING'),
    topic('Science Department', 'science', 'LEARNING'),
    topic('Math Department', 'math', 'LEARNING'),
    topic('Counselling', 'counsel', 'NEWS'),
    topic('Student Services', 'services', 'NEWS'),
    topic('Music Department', 'music', 'ARTS'),
    topic('Physical Education', 'pe', 'ATHLETICS'),
    topic('Career Centre', 'careers', 'NEWS'),
    topic('Fine Arts', 'finearts', 'ARTS'),
    topic('Languages', 'lang', 'LEARNING'),
    topic('Learning Commons', 'commons', 'LEARNING'),
    topic('Technology Education', 'teched', 'LEARNING'),
  ],
};

export const CLUB_TOPICS: Record<'ELEMENTARY' | 'OTHER', Topic[]> = {
  ELEMENTARY: [
    topic('Choir', 'choir', 'ARTS'),
    topic('Chess Club', 'chess', 'LEARNING'),
    topic('Eco Club', 'eco', 'LEARNING'),
    topic('Garden Club', 'garden', 'LEARNING'),
    topic('Reading Club', 'reading', 'LEARNING'),
    topic('Running Club', 'running', 'ATHLETICS'),
    topic('Art Club', 'art', 'ARTS'),
    topic('Coding Club', 'coding', 'LEARNING'),
    topic('Leadership', 'leaders', 'NEWS'),
    topic('Cross Country', 'xc', 'ATHLETICS'),
    topic('Lego League', 'lego', 'LEARNING'),
  ],
  OTHER: [
    topic('Robotics', 'robotics', 'LEARNING'),
    topic('Drama', 'drama', 'ARTS'),
    topic('Band', 'band', 'ARTS'),
    topic('Jazz Band', 'jazz', 'ARTS'),
    topic('Choir', 'choir', 'ARTS'),
    topic('Chess Club', 'chess', 'LEARNING'),
    topic('Eco Club', 'eco', 'LEARNING'),
    topic('Yearbook', 'yearbook', 'NEWS'),
    topic('Student Council', 'council', 'NEWS'),
    topic('Athletics', 'athletic', 'ATHLETICS'),
    topic('Basketball', 'hoops', 'ATHLETICS'),
    topic('Volleyball', 'volley', 'ATHLETICS'),
    topic('Soccer', 'soccer', 'ATHLETICS'),
    topic('Rugby', 'rugby', 'ATHLETICS'),
    topic('Track and Field', 'track', 'ATHLETICS'),
    topic('Cross Country', 'xc', 'ATHLETICS'),
    topic('Art Club', 'art', 'ARTS'),
    topic('Film Club', 'film', 'ARTS'),
    topic('Coding Club', 'coding', 'LEARNING'),
    topic('Debate', 'debate', 'LEARNING'),
    topic('Model UN', 'mun', 'LEARNING'),
    topic('Newspaper', 'news', 'NEWS'),
    topic('Photography', 'photo', 'ARTS'),
    topic('Science Olympiad', 'sciolymp', 'LEARNING'),
    topic('Math Club', 'mathclub', 'LEARNING'),
  ],
};

export const CLASSES: Record<'ELEMENTARY' | 'MIDDLE' | 'SECONDARY', Topic[]> = {
  ELEMENTARY: ['Kindergarten', 'Grade 1', 'Grade 2', 'Grade 3', 'Grade 4', 'Grade 5', 'Grade 6', 'Grade 7', 'Grade 2/3', 'Grade 4/5'].map(
    (label) => topic(label, label.replace('Kindergarten', 'k').replace('Grade ', 'gr').replace('/', ''), 'LEARNING'),
  ),
  MIDDLE: [
    topic('Science 7', 'sci7', 'LEARNING'),
    topic('Math 8', 'math8', 'LEARNING'),
    topic('Humanities 6', 'hum6', 'LEARNING'),
    topic('French 7', 'fr7', 'LEARNING'),
    topic('Grade 8 Homeroom', 'gr8', 'LEARNING'),
    topic('Art 7', 'art7', 'ARTS'),
    topic('PE 8', 'pe8', 'ATHLETICS'),
  ],
  SECONDARY: [
    topic('Chemistry 11', 'chem11', 'LEARNING'),
    topic('Biology 12', 'bio12', 'LEARNING'),
    topic('English 10', 'eng10', 'LEARNING'),
    topic('Physics 12', 'phys12', 'LEARNING'),
    topic('Social Studies 9', 'socst9', 'LEARNING'),
    topic('Foods 10', 'foods10', 'LEARNING'),
    topic('Woodwork 11', 'wood11', 'LEARNING'),
    topic('Calculus 12', 'calc12', 'LEARNING'),
    topic('Spanish 11', 'span11', 'LEARNING'),
    topic('Media Arts 12', 'media12', 'ARTS'),
    topic('Studio Art 11', 'art11', 'ARTS'),
  ],
};

const TAGLINES: Record<Category, Record<Theme, string[]>> = {
  DISTRICT: {
    NEWS: ['News, closures and emergency notices for families.', 'Updates for families, staff and the community.'],
    ATHLETICS: ['Schedules, results and tournaments across our schools.'],
    ARTS: ['Concerts, exhibitions and student art from across the district.'],
    LEARNING: ['Programs and resources for students and families.'],
  },
  SCHOOL: {
    NEWS: ['News and events for our school community.', 'Celebrating student learning and school events.'],
    ATHLETICS: ['News and events for our school community.'],
    ARTS: ['News and events for our school community.'],
    LEARNING: ['News and events for our school community.'],
  },
  DEPARTMENT: {
    NEWS: ['Announcements and resources for students and families.', 'Dates, deadlines and drop-in hours.'],
    ATHLETICS: ['Intramurals, PE news and active living.'],
    ARTS: ['Concerts, shows and student work.'],
    LEARNING: ['Resources, new arrivals and student projects.', 'What we are learning and how families can help.'],
  },
  CLUB: {
    NEWS: ['What we are planning and how to get involved.'],
    ATHLETICS: ['Schedules, scores and team news.', 'Game days, practices and results.'],
    ARTS: ['Rehearsals, performances and behind the scenes.', 'Shows, concerts and student work.'],
    LEARNING: ['Builds, competitions and meeting times.', 'Meetings, projects and competitions.'],
  },
  CLASSROOM: {
    NEWS: ['Sharing our learning with families.'],
    ATHLETICS: ['Sharing our learning with families.'],
    ARTS: ['Our projects and works in progress.'],
    LEARNING: ['Sharing our learning with families.', 'Class updates and reminders for families.', 'What we did this week.'],
  },
};

export type Identification = 'FULL' | 'SCHOOL_ONLY' | 'NONE';

/**
 * A bio. FULL names the school (if any) and the district, as the identifying-language rule wants; SCHOOL_ONLY
 * names the school alone; NONE neither (a tagline only). Names the subject already holds are not repeated. Fits
 * `maxLength` (X: 160) by dropping the tagline, then the subject.
 */
export function profileText(options: {
  random: SeededRandom;
  category: Category;
  theme: Theme;
  /** What the account is: its display name. */
  subject: string;
  schoolName: string | null;
  districtName: string;
  identification: Identification;
  maxLength: number;
}): string {
  const { random, category, theme, subject, schoolName, districtName, identification, maxLength } = options;
  const tagline = random.pick(TAGLINES[category][theme]);
  if (identification === 'NONE') return tagline.slice(0, maxLength);
  const names = identification === 'FULL' ? [schoolName, districtName] : [schoolName];
  const place = names.filter((name): name is string => name !== null && !subject.includes(name)).join(', ');
  const candidates = place
    ? [
        random.chance(0.5) ? `Official account of ${subject}, ${place}. ${tagline}` : `${tagline} ${subject}, ${place}.`,
        `Official account of ${subject}, ${place}.`,
        `Official account of ${place}.`,
      ]
    : [`Official account of ${subject}. ${tagline}`, `Official account of ${subject}.`];
  return candidates.find((candidate) => candidate.length <= maxLength) ?? candidates[candidates.length - 1].slice(0, maxLength);
}

const POSTS: Record<Theme, string[]> = {
  NEWS: [
    'Reminder: {day} is a professional development day. Schools are closed to students.',
    'Thank you to everyone who joined us for {event}. Photos coming soon!',
    'Parent-teacher conferences are next week. Book a time through the school office.',
    'Our {event} is this {day}. Everyone is welcome.',
    'Snow day update: buses are running on snow routes this morning.',
    'Kindergarten registration for next fall is now open.',
    'Please remember to label water bottles and jackets. The lost and found is overflowing!',
    'Congratulations to our staff and students on a great first term.',
  ],
  ATHLETICS: [
    'Great game tonight! Thanks to all the families who came out to cheer.',
    'Tryouts start {day} after school in the big gym. Bring runners and water.',
    'Final score from {event}: a hard-fought win. So proud of this team.',
    'Practice is moved to the field house this week because of the weather.',
    'Our athletes placed in three events at {event}. Results on the school website.',
    'Game day! Come support the team at 4 pm on {day}.',
  ],
  ARTS: [
    'Rehearsals for {event} are in full swing. Tickets go on sale {day}.',
    'What a performance! Thank you to everyone who came to {event}.',
    'Student artwork is on display in the front hall all month.',
    'The winter concert is {day} at 7 pm in the gym. Doors open at 6:30.',
    'Our ensemble earned a superior rating at {event}. Bravo!',
  ],
  LEARNING: [
    'Our students presented their projects at {event} today. Amazing work, everyone!',
    'This week we explored fractions with hands-on games.',
    'New books just arrived in the library. Come check them out!',
    'Reminder: field trip forms are due {day}.',
    'Building and testing our designs today. Three prototypes and a lot of learning.',
    'Thank you to our guest speaker for visiting the class this week.',
    'Science fair projects are due {day}. Families are welcome at the showcase.',
    'We planted the school garden today. Check back in June!',
  ],
};
const EVENTS = ['the science fair', 'the spring concert', 'family literacy night', 'the regional tournament', 'the open house', 'the winter showcase', 'Terry Fox Run', 'the provincial finals', 'the art walk', 'culture night'];
const DAYS = ['Friday', 'Monday', 'Thursday, May 14', 'next Wednesday', 'Friday, November 27', 'Tuesday'];
const PROHIBITED = [
  'Thanks to everyone who came to the staff wine and cheese social on Friday!',
  'Fundraiser at the local brewery this Saturday, bring the whole family.',
  'Proud to welcome our local Green Party candidate to talk to the grade 12s.',
];

/** A post's text; sometimes @mentions a student handle, rarely touches a topic schools must stay away from. */
export function postText(random: SeededRandom, theme: Theme, options: { mention?: string | null; prohibited?: boolean } = {}): string {
  if (options.prohibited) return random.pick(PROHIBITED);
  const text = random.pick(POSTS[theme]).replace('{event}', random.pick(EVENTS)).replace('{day}', random.pick(DAYS));
  return options.mention ? `${text} Shout-out to @${options.mention}!` : text;
}

const FRIENDLY = [
  'Thank you for sharing!',
  'So proud of these kids.',
  'Great job everyone!',
  'Thanks for the reminder.',
  'What time does it start?',
  'Love this!',
  'Amazing work, well done.',
  'We will be there!',
  'Thank you to the staff for organizing this.',
  'Is there parking at the school?',
  'Congratulations to the whole team.',
  'This made my day.',
];
const UNWANTED = [
  'Get 10k followers fast!!! DM us',
  'Claim your free gift card now at giftcards-free.example.net',
  'This school is a joke, fire the coach',
  'Check my profile for crypto tips',
];

export function commentText(random: SeededRandom, unwanted: boolean): string {
  return random.pick(unwanted ? UNWANTED : FRIENDLY);
}
