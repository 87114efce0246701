import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { Timestamped } from '../db/timestamps';
import { District } from '../districts/district.entity';
import { TenantOwned } from '../tenancy/tenant-owned';

@ObjectType()
@TenantOwned({ school: 'id' })
@Entity()
@Index(['districtId', 'code'], { unique: true })
export class School extends Timestamped {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  districtId: string;

  @ManyToOne(() => District, { onDelete: 'CASCADE' })
  district?: District;

  @Field()
  @Column({ length: 200 })
  name: string;

  @Field({ description: 'District school code (upper case), unique within the district.' })
  @Column({ length: 32 })
  code: string;

  @Field({ description: "The school's own website: the link its accounts must show." })
  @Column({ length: 2048 })
  websiteUrl: string;
}
