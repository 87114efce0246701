import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { District } from '../districts/district.entity';
import { TenantOwned } from '../tenancy/tenant-owned';

export enum ActorType {
  API_KEY = 'API_KEY',
  CLI = 'CLI',
  SYSTEM = 'SYSTEM',
}

@ObjectType({ description: 'Who did something: an API key, an operator at the CLI, or Proctor itself.' })
export class AuditActor {
  @Field()
  type: string;

  @Field({ description: 'API key id, CLI user, or job name.' })
  id: string;

  @Field()
  label: string;

  @Field(() => String, { nullable: true })
  role: string | null;
}

/** Append-only: a trigger (see the migration) rejects UPDATE and DELETE. */
@ObjectType()
@TenantOwned({ school: 'schoolId' })
@Entity()
@Index(['districtId', 'id'])
export class AuditEntry {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('uuid')
  districtId: string;

  @ManyToOne(() => District, { onDelete: 'CASCADE' })
  district?: District;

  /** Set when the change concerns one school, so its principal sees the entry. */
  @Column('uuid', { nullable: true })
  schoolId: string | null;

  @Column({ length: 16 })
  actorType: ActorType;

  @Column({ length: 64 })
  actorId: string;

  @Column({ length: 200 })
  actorLabel: string;

  @Column('varchar', { length: 32, nullable: true })
  actorRole: string | null;

  @Field({ description: 'What happened, as <target>.<verb>, e.g. account.approve.' })
  @Column({ length: 64 })
  action: string;

  @Field()
  @Column({ length: 64 })
  targetType: string;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 64, nullable: true })
  targetId: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  @Column('jsonb', { nullable: true })
  before: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  @Column('jsonb', { nullable: true })
  after: Record<string, unknown> | null;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 64, nullable: true })
  requestId: string | null;

  @Field()
  @Column('timestamptz', { default: () => 'now()' })
  createdAt: Date;

  @Field(() => AuditActor)
  get actor(): AuditActor {
    return Object.assign(new AuditActor(), {
      type: this.actorType,
      id: this.actorId,
      label: this.actorLabel,
      role: this.actorRole,
    });
  }
}
