import { Column, Entity, Index, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';
import { Timestamped } from '../db/timestamps';
import { District } from '../districts/district.entity';
import { School } from '../schools/school.entity';
import { TenantOwned } from '../tenancy/tenant-owned';
import { StudentHandle } from './student-handle.entity';

/**
 * What Proctor must know of a student to protect them: the SIS id, school, media consent and hashed social
 * handles. No name, no birth date: nothing else is needed for the checks, so nothing else is kept.
 */
@TenantOwned({ school: 'schoolId' })
@Entity()
@Index(['districtId', 'studentId'], { unique: true })
@Index(['districtId', 'sourcedId'], { unique: true, where: '"sourced_id" IS NOT NULL' })
export class Student extends Timestamped {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  districtId: string;

  @ManyToOne(() => District, { onDelete: 'CASCADE' })
  district?: District;

  @Column({ length: 64 })
  studentId: string;

  @Column('uuid')
  schoolId: string;

  @ManyToOne(() => School, { onDelete: 'CASCADE' })
  school?: School;

  @Column()
  mediaConsent: boolean;

  /** The OneRoster sourcedId, when the SIS import created or matched the student. */
  @Column('varchar', { length: 255, nullable: true })
  sourcedId: string | null;

  @OneToMany(() => StudentHandle, (handle) => handle.student)
  handles?: StudentHandle[];
}
