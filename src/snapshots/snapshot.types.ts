import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SnapshotField } from '../../integrations/snapshot';
import { Audience, Platform } from '../accounts/account.enums';
import type { SnapshotRecord } from './snapshot-record.entity';

registerEnumType(SnapshotField, {
  name: 'SnapshotField',
  description: "A part of an account the platform's API cannot show (those rules answer MANUAL).",
});

@ObjectType()
export class SnapshotComments {
  @Field({ description: 'OPEN, FILTERED, HELD_FOR_REVIEW, OFF, or PER_POST when the platform only has per-post switches.' })
  mode: string;

  @Field(() => Date, { nullable: true })
  lastModeratedAt: Date | null;

  @Field(() => Int, { nullable: true })
  heldForReviewCount: number | null;
}

@ObjectType()
export class SnapshotAdmin {
  @Field({ description: "The person's id on the platform." })
  externalId: string;

  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => [String], { description: 'Roles or tasks as the platform names them.' })
  roles: string[];

  @Field()
  fullControl: boolean;

  @Field({ description: 'Which platform list the row came from.' })
  source: string;
}

@ObjectType()
export class SnapshotPost {
  @Field()
  externalId: string;

  @Field()
  createdAt: Date;

  @Field(() => String, { nullable: true })
  text: string | null;

  @Field(() => String, { nullable: true })
  url: string | null;

  @Field(() => [String])
  mentions: string[];

  @Field(() => [String])
  tags: string[];

  @Field(() => Boolean, { nullable: true })
  commentsEnabled: boolean | null;
}

@ObjectType()
export class SnapshotFollow {
  @Field()
  externalId: string;

  @Field(() => String, { nullable: true })
  handle: string | null;

  @Field(() => String, { nullable: true })
  name: string | null;
}

const date = (value: string | null) => (value ? new Date(value) : null);

@ObjectType('AccountSnapshot', { description: 'What one fetch read from the platform, normalised; null fields were not shown.' })
export class AccountSnapshotView {
  @Field(() => ID)
  id: string;

  @Field(() => Platform)
  platform: Platform;

  @Field()
  fetchedAt: Date;

  @Field(() => Int, { description: 'Platform API calls this read cost.' })
  apiCalls: number;

  @Field({ description: "The platform's own id of the account." })
  externalId: string;

  @Field(() => String, { nullable: true })
  handle: string | null;

  @Field(() => String, { nullable: true })
  displayName: string | null;

  @Field(() => String, { nullable: true, description: 'Bio / about / description.' })
  profileText: string | null;

  @Field(() => String, { nullable: true })
  website: string | null;

  @Field(() => [String])
  profileLinks: string[];

  @Field(() => Audience, { nullable: true })
  audience: Audience | null;

  @Field(() => SnapshotComments, { nullable: true })
  comments: SnapshotComments | null;

  @Field(() => [SnapshotAdmin], { nullable: true, description: 'Null where the platform has no roster API.' })
  admins: SnapshotAdmin[] | null;

  @Field(() => [SnapshotPost], { nullable: true })
  recentPosts: SnapshotPost[] | null;

  @Field(() => [SnapshotFollow], { nullable: true })
  following: SnapshotFollow[] | null;

  @Field(() => Date, { nullable: true })
  lastPostAt: Date | null;

  @Field(() => String, { nullable: true })
  contactEmail: string | null;

  @Field(() => Int, { nullable: true })
  followerCount: number | null;

  @Field(() => [SnapshotField])
  unavailable: SnapshotField[];

  static from(record: SnapshotRecord): AccountSnapshotView {
    const data = record.data;
    return Object.assign(new AccountSnapshotView(), {
      id: record.id,
      platform: record.platform,
      fetchedAt: record.fetchedAt,
      apiCalls: record.apiCalls,
      externalId: data.externalId,
      handle: data.handle,
      displayName: data.displayName,
      profileText: data.profileText,
      website: data.website,
      profileLinks: data.profileLinks,
      audience: data.audience ? (data.audience as Audience) : null,
      comments: data.comments
        ? Object.assign(new SnapshotComments(), { ...data.comments, lastModeratedAt: date(data.comments.lastModeratedAt) })
        : null,
      admins: data.admins?.map((admin) => Object.assign(new SnapshotAdmin(), admin)) ?? null,
      recentPosts:
        data.recentPosts?.map((post) => Object.assign(new SnapshotPost(), { ...post, createdAt: new Date(post.createdAt) })) ?? null,
      following: data.following?.map((follow) => Object.assign(new SnapshotFollow(), follow)) ?? null,
      lastPostAt: date(data.lastPostAt),
      contactEmail: data.contactEmail,
      followerCount: data.followerCount,
      unavailable: data.unavailable,
    });
  }
}
