import { Check, Column, Entity, ManyToOne, PrimaryColumn } from 'typeorm';
import { District } from '../districts/district.entity';
import { School } from '../schools/school.entity';
import { TenantOwned } from '../tenancy/tenant-owned';
import { ApiRole } from './api-role';

/** A bearer key. Only a salted SHA-256 of its secret is stored; the key itself is shown once. */
@TenantOwned({ school: 'schoolId' })
@Entity()
// A principal key without a school would otherwise read as district-wide.
@Check(`"role" <> 'PRINCIPAL' OR "school_id" IS NOT NULL`)
export class ApiKey {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  districtId: string;

  @ManyToOne(() => District, { onDelete: 'CASCADE' })
  district?: District;

  /** The public part of the key, used to find the row before the secret is checked. */
  @Column({ length: 32, unique: true })
  keyId: string;

  @Column('bytea')
  salt: Buffer;

  @Column('bytea')
  secretHash: Buffer;

  @Column({ type: 'enum', enum: ApiRole })
  role: ApiRole;

  @Column('uuid', { nullable: true })
  schoolId: string | null;

  @ManyToOne(() => School, { onDelete: 'CASCADE', nullable: true })
  school?: School | null;

  @Column({ length: 200 })
  label: string;

  @Column({ length: 200 })
  createdBy: string;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  lastUsedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;
}
