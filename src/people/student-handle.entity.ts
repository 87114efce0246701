import { Column, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { Platform } from '../accounts/account.enums';
import { TenantOwned } from '../tenancy/tenant-owned';
import { Student } from './student.entity';

/** A student's handle on one platform, kept only as a keyed hash (HMAC-SHA256, hex) to match follow and tag lists. */
@TenantOwned({ via: { parent: () => Student, key: 'studentId' } })
@Entity()
// Lookups go from a platform's list of handles to students: "is this follower a student of this district?".
@Index(['districtId', 'platform', 'handleHash'])
export class StudentHandle {
  @PrimaryColumn('uuid')
  studentId: string;

  @ManyToOne(() => Student, (student) => student.handles, { onDelete: 'CASCADE' })
  student?: Student;

  @PrimaryColumn({ type: 'enum', enum: Platform })
  platform: Platform;

  @PrimaryColumn({ type: 'char', length: 64 })
  handleHash: string;

  @Column('uuid')
  districtId: string;
}
