import { z } from 'zod';
import sandboxFixture from './fixtures/sandbox.json';

export const ORGANIZATION_ROLES = [
  'ADMINISTRATOR',
  'DIRECT_SPONSORED_CONTENT_POSTER',
  'RECRUITING_POSTER',
  'LEAD_CAPTURE_ADMINISTRATOR',
  'LEAD_GEN_FORMS_MANAGER',
  'ANALYST',
  'CURATOR',
  'CONTENT_ADMINISTRATOR',
] as const;
export const ROLE_STATES = ['APPROVED', 'REJECTED', 'REQUESTED', 'REVOKED'] as const;

export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number];
export type RoleState = (typeof ROLE_STATES)[number];

const isoTime = z.iso.datetime().transform((value) => Date.parse(value));

const memberSchema = z.object({
  /** The member id inside `urn:li:person:{id}`. */
  id: z.string().regex(/^[A-Za-z0-9_-]+$/),
  name: z.string().min(1),
  /** Not served by the API (LinkedIn never shows admins' emails); kept so people can read the fixture. */
  email: z.string().nullable().optional(),
});

const aclSchema = z.object({
  member: z.string(),
  role: z.enum(ORGANIZATION_ROLES),
  state: z.enum(ROLE_STATES),
});

const commentSchema = z.object({
  id: z.string().regex(/^\d+$/),
  /** Who wrote it: any person or organization URN, not necessarily a fixture member. */
  actor: z.string().regex(/^urn:li:(person|organization):[A-Za-z0-9_-]+$/),
  message: z.string(),
  createdAt: isoTime,
});

const postSchema = z.object({
  id: z.string().regex(/^urn:li:(share|ugcPost):\d+$/),
  /** LinkedIn "little text": mentions as @[Name](urn), reserved characters escaped with a backslash. */
  commentary: z.string(),
  visibility: z.enum(['PUBLIC', 'CONNECTIONS', 'LOGGED_IN']).default('PUBLIC'),
  lifecycleState: z.enum(['PUBLISHED', 'DRAFT']).default('PUBLISHED'),
  createdAt: isoTime,
  publishedAt: isoTime.nullable().optional(),
  lastModifiedAt: isoTime.optional(),
  commentsState: z.enum(['OPEN', 'CLOSED']).default('OPEN'),
  comments: z.array(commentSchema).default([]),
});

const organizationSchema = z.object({
  id: z.number().int().positive(),
  vanityName: z.string().regex(/^[a-z0-9-]+$/),
  localizedName: z.string().min(1),
  description: z.string().nullable(),
  website: z.string().nullable(),
  organizationType: z.string().default('EDUCATIONAL'),
  primaryOrganizationType: z.string().default('SCHOOL'),
  locale: z.object({ language: z.string(), country: z.string() }).default({ language: 'en', country: 'US' }),
  followerCount: z.number().int().nonnegative(),
  acls: z.array(aclSchema),
  posts: z.array(postSchema),
});

export const linkedinFixtureSchema = z
  .object({
    /** The simulated app's standing with LinkedIn. */
    application: z
      .object({
        /** Approved Marketing Developer Platform partners get programmatic refresh tokens; others reconnect every 60 days. */
        refreshTokens: z.boolean().default(true),
        /** Daily calls per member per resource before 429 (LinkedIn's quotas reset at 00:00 UTC); null = unlimited. */
        dailyCallLimitPerMember: z.number().int().positive().nullable().default(null),
      })
      .default({ refreshTokens: true, dailyCallLimitPerMember: null }),
    members: z.array(memberSchema),
    organizations: z.array(organizationSchema),
  })
  .superRefine((fixture, context) => {
    const members = new Set(fixture.members.map((member) => member.id));
    const ids = new Set<number>();
    const vanityNames = new Set<string>();
    const postIds = new Set<string>();
    for (const organization of fixture.organizations) {
      if (ids.has(organization.id)) context.addIssue({ code: 'custom', message: `duplicate organization ${organization.id}` });
      if (vanityNames.has(organization.vanityName)) {
        context.addIssue({ code: 'custom', message: `duplicate vanityName ${organization.vanityName}` });
      }
      ids.add(organization.id);
      vanityNames.add(organization.vanityName);
      for (const acl of organization.acls) {
        if (!members.has(acl.member)) context.addIssue({ code: 'custom', message: `unknown member ${acl.member} in ${organization.vanityName}` });
      }
      for (const post of organization.posts) {
        if (postIds.has(post.id)) context.addIssue({ code: 'custom', message: `duplicate post ${post.id}` });
        postIds.add(post.id);
      }
    }
  });

/** The fixture as written in JSON (what the bench generates). */
export type LinkedinFixture = z.input<typeof linkedinFixtureSchema>;
export type LinkedinData = z.output<typeof linkedinFixtureSchema>;
export type SimulatedOrganization = LinkedinData['organizations'][number];
export type SimulatedPost = SimulatedOrganization['posts'][number];
export type SimulatedAcl = SimulatedOrganization['acls'][number];

/** Validates fixture JSON (the sandbox file by default); throws with every problem listed. */
export function parseLinkedinFixture(fixture: unknown = sandboxFixture): LinkedinData {
  const parsed = linkedinFixtureSchema.safeParse(fixture);
  if (!parsed.success) {
    throw new Error(`invalid LinkedIn fixture: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  return parsed.data;
}

export const organizationUrn = (id: number) => `urn:li:organization:${id}`;
export const personUrn = (id: string) => `urn:li:person:${id}`;

/** Roles that may read an organization's page data and posts. */
const READ_ROLES: readonly OrganizationRole[] = ['ADMINISTRATOR', 'CONTENT_ADMINISTRATOR', 'ANALYST', 'CURATOR', 'DIRECT_SPONSORED_CONTENT_POSTER'];
/** Roles that may moderate content (delete posts and comments, close comments). */
const CONTENT_ROLES: readonly OrganizationRole[] = ['ADMINISTRATOR', 'CONTENT_ADMINISTRATOR'];

/**
 * The simulator's mutable world: writes change it so the next read shows them. Members and organizations are never
 * added or removed and posts are only deleted, so the indexes are built once; ACL rows are added through `addAcl`,
 * which keeps the member index in step. An indexed post is found only while its organization still lists it.
 */
export class LinkedinStore {
  readonly data: LinkedinData;
  private readonly organizationsById = new Map<number, SimulatedOrganization>();
  private readonly organizationsByVanityName = new Map<string, SimulatedOrganization>();
  /** Position of each organization in `data.organizations`: member lookups answer in fixture order. */
  private readonly organizationIndex = new Map<SimulatedOrganization, number>();
  private readonly postOrganizations = new Map<string, SimulatedOrganization>();
  /** Organizations with an ACL row of the member. */
  private readonly organizationsByMember = new Map<string, Set<SimulatedOrganization>>();
  private readonly membersByUrn = new Map<string, LinkedinData['members'][number]>();

  constructor(fixture: unknown) {
    this.data = parseLinkedinFixture(fixture);
    for (const member of this.data.members) {
      if (!this.membersByUrn.has(personUrn(member.id))) this.membersByUrn.set(personUrn(member.id), member);
    }
    this.data.organizations.forEach((organization, index) => {
      // Ids, vanity names and post ids are unique (the fixture schema checks).
      this.organizationsById.set(organization.id, organization);
      this.organizationsByVanityName.set(organization.vanityName, organization);
      this.organizationIndex.set(organization, index);
      for (const post of organization.posts) this.postOrganizations.set(post.id, organization);
      for (const acl of organization.acls) this.noteAcl(acl.member, organization);
    });
  }

  private noteAcl(memberId: string, organization: SimulatedOrganization): void {
    const organizations = this.organizationsByMember.get(memberId) ?? new Set<SimulatedOrganization>();
    organizations.add(organization);
    this.organizationsByMember.set(memberId, organizations);
  }

  organization(id: number): SimulatedOrganization | undefined {
    return this.organizationsById.get(id);
  }

  organizationByVanityName(vanityName: string): SimulatedOrganization | undefined {
    return this.organizationsByVanityName.get(vanityName.toLowerCase());
  }

  /** The member whose person URN this is. */
  memberByUrn(urn: string): LinkedinData['members'][number] | undefined {
    return this.membersByUrn.get(urn);
  }

  /** A new ACL row (`PUT /rest/organizationAcls/{key}` for a role the member does not have yet). */
  addAcl(organization: SimulatedOrganization, acl: SimulatedAcl): void {
    organization.acls.push(acl);
    this.noteAcl(acl.member, organization);
  }

  approvedRoles(memberId: string, organization: SimulatedOrganization): OrganizationRole[] {
    return organization.acls.filter((acl) => acl.member === memberId && acl.state === 'APPROVED').map((acl) => acl.role);
  }

  isAdministrator(memberId: string, organization: SimulatedOrganization): boolean {
    return this.approvedRoles(memberId, organization).includes('ADMINISTRATOR');
  }

  canRead(memberId: string, organization: SimulatedOrganization): boolean {
    return this.approvedRoles(memberId, organization).some((role) => READ_ROLES.includes(role));
  }

  canModerate(memberId: string, organization: SimulatedOrganization): boolean {
    return this.approvedRoles(memberId, organization).some((role) => CONTENT_ROLES.includes(role));
  }

  findPost(urn: string): { organization: SimulatedOrganization; post: SimulatedPost } | undefined {
    const organization = this.postOrganizations.get(urn);
    const post = organization?.posts.find((candidate) => candidate.id === urn);
    return organization && post ? { organization, post } : undefined;
  }

  /** Every ACL row of a member, across organizations, in fixture order. */
  aclsOfMember(memberId: string): Array<{ organization: SimulatedOrganization; acl: SimulatedAcl }> {
    const organizations = [...(this.organizationsByMember.get(memberId) ?? [])].sort(
      (left, right) => this.organizationIndex.get(left)! - this.organizationIndex.get(right)!,
    );
    return organizations.flatMap((organization) =>
      organization.acls.filter((acl) => acl.member === memberId).map((acl) => ({ organization, acl })),
    );
  }

  /** The first approved ADMINISTRATOR of the page: who can consent for it. */
  consentUserFor(handle: string): string | null {
    const organization = this.organizationByVanityName(handle.replace(/^@/, ''));
    return organization?.acls.find((acl) => acl.role === 'ADMINISTRATOR' && acl.state === 'APPROVED')?.member ?? null;
  }
}

/* What the API returns for each resource (absent optional fields are left out, as Rest.li does). */

function localized(value: string, locale: SimulatedOrganization['locale']) {
  return { localized: { [`${locale.language}_${locale.country}`]: value }, preferredLocale: locale };
}

export function organizationJson(organization: SimulatedOrganization): Record<string, unknown> {
  return {
    id: organization.id,
    localizedName: organization.localizedName,
    name: localized(organization.localizedName, organization.locale),
    vanityName: organization.vanityName,
    ...(organization.description !== null && {
      localizedDescription: organization.description,
      description: localized(organization.description, organization.locale),
    }),
    ...(organization.website !== null && {
      localizedWebsite: organization.website,
      website: localized(organization.website, organization.locale),
    }),
    organizationType: organization.organizationType,
    primaryOrganizationType: organization.primaryOrganizationType,
  };
}

export function aclJson(organization: SimulatedOrganization, acl: SimulatedAcl): Record<string, unknown> {
  return { roleAssignee: personUrn(acl.member), state: acl.state, role: acl.role, organization: organizationUrn(organization.id) };
}

export function postJson(organization: SimulatedOrganization, post: SimulatedPost): Record<string, unknown> {
  return {
    id: post.id,
    author: organizationUrn(organization.id),
    commentary: post.commentary,
    visibility: post.visibility,
    lifecycleState: post.lifecycleState,
    distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
    isReshareDisabledByAuthor: false,
    createdAt: post.createdAt,
    ...(post.publishedAt != null && { publishedAt: post.publishedAt }),
    lastModifiedAt: post.lastModifiedAt ?? post.publishedAt ?? post.createdAt,
  };
}

export function socialMetadataJson(post: SimulatedPost): Record<string, unknown> {
  return {
    entity: post.id,
    commentsState: post.commentsState,
    commentSummary: { count: post.comments.length, topLevelCount: post.comments.length },
    reactionSummaries: {},
  };
}

export function commentJson(post: SimulatedPost, comment: SimulatedPost['comments'][number]): Record<string, unknown> {
  return {
    id: comment.id,
    commentUrn: `urn:li:comment:(${post.id},${comment.id})`,
    actor: comment.actor,
    object: post.id,
    message: { text: comment.message },
    created: { actor: comment.actor, time: comment.createdAt },
  };
}
