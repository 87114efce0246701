import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Platform } from '../accounts/account.enums';

/**
 * A platform budget shared by every worker: a platform app's calls (or YouTube's quota units) per window,
 * or one token's standing as the platform last reported it. Proctor's own upkeep, across districts: a
 * platform app's budget is spent by every district that uses the app.
 */
@Entity()
export class RateBudget {
  /** `<PLATFORM>:app:<client id>` or `<PLATFORM>:token:<connection id>`. */
  @PrimaryColumn('varchar', { length: 200 })
  key: string;

  @Column({ type: 'enum', enum: Platform })
  platform: Platform;

  /** Units the window allows; null for keys that only carry a block (tokens, apps with unpublished limits). */
  @Column('integer', { nullable: true })
  capacity: number | null;

  @Column('integer', { default: 0 })
  used: number;

  @Column('timestamptz', { nullable: true })
  windowEndsAt: Date | null;

  /** The platform said stop (429, throttle code, usage at 100 %) until then. */
  @Column('timestamptz', { nullable: true })
  blockedUntil: Date | null;

  @Column('varchar', { length: 64, nullable: true })
  blockedReason: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt: Date;
}
