import { z } from 'zod';
import sandbox from './fixtures/sandbox.json';

/**
 * The Facebook simulator's world, as data: people (who can sign in, or business system users), businesses,
 * and Pages with their roles, business-assigned users, settings, posts and comments. The bench builds large
 * fixtures of this shape programmatically; `parseFacebookFixture` validates either.
 */
const taskSchema = z.enum(['MANAGE', 'CREATE_CONTENT', 'MODERATE', 'MESSAGING', 'ADVERTISE', 'ANALYZE', 'MODERATE_COMMUNITY']);

const commentSchema = z.object({
  id: z.string().min(1),
  createdTime: z.iso.datetime(),
  fromId: z.string().min(1),
  fromName: z.string(),
  message: z.string(),
  isHidden: z.boolean(),
});

const postSchema = z.object({
  id: z.string().min(1),
  createdTime: z.iso.datetime(),
  message: z.string().nullable(),
  isHidden: z.boolean(),
  messageTags: z.array(
    z.object({ id: z.string(), name: z.string(), type: z.string(), offset: z.number().int(), length: z.number().int() }),
  ),
  comments: z.array(commentSchema),
});

const pageSchema = z.object({
  id: z.string().regex(/^\d+$/),
  username: z.string().nullable(),
  name: z.string(),
  category: z.string(),
  about: z.string().nullable(),
  description: z.string().nullable(),
  website: z.string().nullable(),
  emails: z.array(z.string()),
  phone: z.string().nullable(),
  isPublished: z.boolean(),
  followersCount: z.number().int().nonnegative(),
  fanCount: z.number().int().nonnegative(),
  /** Null: the Page is not in a Business Manager, so it has no assigned users. */
  businessId: z.string().nullable(),
  /** People with a role outside a business (`/roles`). */
  roles: z.array(z.object({ userId: z.string(), tasks: z.array(taskSchema) })),
  /** Business users and system users (`/assigned_users?business=`). */
  assignedUsers: z.array(z.object({ userId: z.string(), tasks: z.array(taskSchema) })),
  settings: z.array(z.object({ setting: z.string(), value: z.union([z.string(), z.boolean(), z.number(), z.array(z.string())]) })),
  /** Any order; the simulator serves them newest first. */
  posts: z.array(postSchema),
});

export const facebookFixtureSchema = z
  .object({
    people: z.array(z.object({ id: z.string().min(1), name: z.string(), kind: z.enum(['PERSON', 'SYSTEM_USER']) })),
    businesses: z.array(z.object({ id: z.string().min(1), name: z.string() })),
    pages: z.array(pageSchema),
  })
  .superRefine((fixture, context) => {
    const people = new Set(fixture.people.map((person) => person.id));
    const businesses = new Set(fixture.businesses.map((business) => business.id));
    fixture.pages.forEach((page, index) => {
      for (const row of [...page.roles, ...page.assignedUsers]) {
        if (!people.has(row.userId)) context.addIssue({ code: 'custom', path: ['pages', index], message: `unknown person ${row.userId}` });
      }
      if (page.businessId && !businesses.has(page.businessId)) {
        context.addIssue({ code: 'custom', path: ['pages', index, 'businessId'], message: 'unknown business' });
      }
      if (!page.businessId && page.assignedUsers.length > 0) {
        context.addIssue({ code: 'custom', path: ['pages', index, 'assignedUsers'], message: 'assigned users need a business' });
      }
    });
  });

export type FacebookFixture = z.infer<typeof facebookFixtureSchema>;
export type FacebookPageData = FacebookFixture['pages'][number];
export type FacebookPostData = FacebookPageData['posts'][number];
export type FacebookCommentData = FacebookPostData['comments'][number];
export type FacebookPersonData = FacebookFixture['people'][number];
export type PageTask = z.infer<typeof taskSchema>;

export function parseFacebookFixture(data: unknown): FacebookFixture {
  const parsed = facebookFixtureSchema.safeParse(data);
  if (!parsed.success) throw new Error(`invalid Facebook fixture: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export interface PageMembership {
  page: FacebookPageData;
  tasks: PageTask[];
  source: 'roles' | 'assigned_users';
}

/**
 * The simulator's mutable copy of the fixture, with the lookups the routes need. People, businesses and Pages are
 * never added or removed, posts and comments are only removed, and Page memberships change only through
 * `assignUser`, so the indexes are built once. Post and comment indexes list every place an id was found; a place
 * is checked against the current lists before it is used, so removed posts and comments are never found.
 */
export class FacebookWorld {
  readonly data: FacebookFixture;
  private readonly peopleById = new Map<string, FacebookPersonData>();
  private readonly businessesById = new Map<string, FacebookFixture['businesses'][number]>();
  /** Position of each Page in `data.pages`: lookups answer the first Page in fixture order, as a scan would. */
  private readonly pageIndex = new Map<FacebookPageData, number>();
  private readonly pagesById = new Map<string, FacebookPageData>();
  private readonly pagesByUsername = new Map<string, FacebookPageData>();
  /** Pages each person has (or had) a role or an assignment on; `memberships` checks the rows again. */
  private readonly pagesByMember = new Map<string, Set<FacebookPageData>>();
  private readonly postPages = new Map<string, FacebookPageData[]>();
  private readonly commentPlaces = new Map<string, Array<{ page: FacebookPageData; post: FacebookPostData }>>();

  constructor(fixture: unknown = sandbox) {
    // A deep copy: writes change this simulator's world, never the imported JSON other simulators share.
    this.data = parseFacebookFixture(structuredClone(fixture));
    const first = <V>(map: Map<string, V>, key: string, value: V) => {
      if (!map.has(key)) map.set(key, value);
    };
    const append = <V>(map: Map<string, V[]>, key: string, value: V) => {
      const list = map.get(key);
      if (!list) map.set(key, [value]);
      else if (list[list.length - 1] !== value) list.push(value);
    };
    for (const person of this.data.people) first(this.peopleById, person.id, person);
    for (const business of this.data.businesses) first(this.businessesById, business.id, business);
    this.data.pages.forEach((page, index) => {
      this.pageIndex.set(page, index);
      first(this.pagesById, page.id, page);
      if (page.username !== null) first(this.pagesByUsername, page.username.toLowerCase(), page);
      for (const row of [...page.roles, ...page.assignedUsers]) this.noteMember(row.userId, page);
      for (const post of page.posts) {
        append(this.postPages, post.id, page);
        for (const comment of post.comments) {
          const places = this.commentPlaces.get(comment.id) ?? [];
          const last = places[places.length - 1];
          if (!last || last.post !== post) places.push({ page, post });
          this.commentPlaces.set(comment.id, places);
        }
      }
    });
  }

  private noteMember(userId: string, page: FacebookPageData): void {
    const pages = this.pagesByMember.get(userId) ?? new Set<FacebookPageData>();
    pages.add(page);
    this.pagesByMember.set(userId, pages);
  }

  person(id: string): FacebookPersonData | undefined {
    return this.peopleById.get(id);
  }

  business(id: string): FacebookFixture['businesses'][number] | undefined {
    return this.businessesById.get(id);
  }

  /** By id, or by username as Graph resolves `/{page-username}`. */
  page(idOrUsername: string): FacebookPageData | undefined {
    const byId = this.pagesById.get(idOrUsername);
    const byUsername = this.pagesByUsername.get(idOrUsername.toLowerCase());
    if (!byId || !byUsername) return byId ?? byUsername;
    return this.pageIndex.get(byId)! <= this.pageIndex.get(byUsername)! ? byId : byUsername;
  }

  postOwner(postId: string): { page: FacebookPageData; post: FacebookPostData } | undefined {
    for (const page of this.postPages.get(postId) ?? []) {
      const post = page.posts.find((candidate) => candidate.id === postId);
      if (post) return { page, post };
    }
    return undefined;
  }

  commentOwner(commentId: string): { page: FacebookPageData; post: FacebookPostData; comment: FacebookCommentData } | undefined {
    for (const { page, post } of this.commentPlaces.get(commentId) ?? []) {
      if (!page.posts.includes(post)) continue;
      const comment = post.comments.find((candidate) => candidate.id === commentId);
      if (comment) return { page, post, comment };
    }
    return undefined;
  }

  /** Every Page the person has a role on, with their tasks (a person is in at most one list per Page). */
  memberships(userId: string): PageMembership[] {
    const found: PageMembership[] = [];
    const pages = [...(this.pagesByMember.get(userId) ?? [])].sort((left, right) => this.pageIndex.get(left)! - this.pageIndex.get(right)!);
    for (const page of pages) {
      const role = page.roles.find((row) => row.userId === userId);
      if (role) found.push({ page, tasks: role.tasks, source: 'roles' });
      const assigned = page.assignedUsers.find((row) => row.userId === userId);
      if (assigned) found.push({ page, tasks: assigned.tasks, source: 'assigned_users' });
    }
    return found;
  }

  /** Gives the person the tasks on the Page through the business (`POST /{page-id}/assigned_users`). */
  assignUser(page: FacebookPageData, userId: string, tasks: PageTask[]): void {
    const existing = page.assignedUsers.find((row) => row.userId === userId);
    if (existing) existing.tasks = tasks;
    else page.assignedUsers.push({ userId, tasks });
    this.noteMember(userId, page);
  }

  tasksOn(page: FacebookPageData, userId: string): PageTask[] | null {
    const rows = [...page.roles, ...page.assignedUsers].filter((row) => row.userId === userId);
    return rows.length === 0 ? null : [...new Set(rows.flatMap((row) => row.tasks))];
  }

  /** People who can sign in on the consent screen (system users cannot). */
  consentUsers(): Array<{ id: string; name: string }> {
    return this.data.people.filter((person) => person.kind === 'PERSON').map(({ id, name }) => ({ id, name }));
  }

  /** The first person with the MANAGE task on the Page, roles first. */
  consentUserFor(handle: string): string | null {
    const page = this.page(handle.replace(/^@/, ''));
    if (!page) return null;
    const manager = [...page.roles, ...page.assignedUsers].find(
      (row) => row.tasks.includes('MANAGE') && this.person(row.userId)?.kind === 'PERSON',
    );
    return manager?.userId ?? null;
  }
}
