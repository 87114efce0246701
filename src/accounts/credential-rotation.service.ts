import { newId } from '../db/ids';
import { BadUserInputError, type FieldProblem } from '../errors/app-errors';
import type { TenantScope } from '../tenancy/tenant-scope';
import { AccountKind } from './account.enums';
import { CredentialRotation } from './credential-rotation.entity';
import { SocialAccount } from './social-account.entity';

const DAY_MS = 86_400_000;
/** A client's clock may run a little ahead of ours; beyond this, a rotation "in the future" is a mistake. */
const CLOCK_SKEW_MS = 60_000;
/**
 * An account may be registered after it was created on the platform, so a rotation may predate registration, but
 * not by more than a year: that is a wrong date (a mistyped year), and it could not make the account pass anyway.
 */
const MAX_DAYS_BEFORE_REGISTRATION = 366;
/** How many rotations SocialAccount.credentialRotations shows. */
export const RECENT_ROTATIONS = 20;

export interface RecordedRotation {
  account: SocialAccount;
  rotation: CredentialRotation;
}

/** The rotation log of shared logins: what credentials.rotation judges. No password is ever stored. */
export class CredentialRotationService {
  /**
   * Records that the account's shared password was changed (at `rotatedAt`, default now). Another district's or
   * school's account answers like a missing one.
   */
  async record(scope: TenantScope, accountId: string, rotatedAt: Date | null | undefined, now: Date = new Date()): Promise<RecordedRotation> {
    const account = await scope.getById(SocialAccount, accountId, 'Account', 'accountId');
    const when = rotatedAt ?? now;
    const problems = rotationProblems(account, when, now);
    if (problems.length) throw new BadUserInputError(problems);
    const rotation = Object.assign(new CredentialRotation(), {
      id: newId(),
      accountId: account.id,
      // Within the allowed skew, a time slightly ahead of ours means "just now": stored as now, so the judgement
      // made right after does not set it aside as a future rotation.
      rotatedAt: when > now ? now : when,
      recordedBy: scope.actor.label,
      recordedAt: now,
    });
    await scope.transaction(async (transaction) => {
      await transaction.insert(CredentialRotation, [rotation]);
      transaction.audit({
        action: 'credential.rotation.record',
        targetType: 'SocialAccount',
        targetId: account.id,
        schoolId: account.schoolId,
        after: { rotationId: rotation.id, rotatedAt: rotation.rotatedAt },
      });
    });
    return { account, rotation };
  }

  /** The newest RECENT_ROTATIONS rotations of each account, newest first: one query for any number of accounts. */
  async recentOf(scope: TenantScope, accountIds: readonly string[]): Promise<CredentialRotation[][]> {
    const ids = [...accountIds];
    const rows = await scope
      .select(CredentialRotation, 'rotation')
      .andWhere('rotation.accountId IN (:...ids)', { ids })
      // Keep a row when fewer than RECENT_ROTATIONS of its account's rows are newer (index: account_id, rotated_at).
      .andWhere(
        `(SELECT count(*) FROM credential_rotation newer
           WHERE newer.account_id = rotation.accountId AND (newer.rotated_at, newer.id) > (rotation.rotatedAt, rotation.id)) < :limit`,
        { limit: RECENT_ROTATIONS },
      )
      .orderBy('rotation.rotatedAt', 'DESC')
      .addOrderBy('rotation.id', 'DESC')
      .getMany();
    const byAccount = new Map<string, CredentialRotation[]>();
    for (const row of rows) byAccount.set(row.accountId, [...(byAccount.get(row.accountId) ?? []), row]);
    return ids.map((id) => byAccount.get(id) ?? []);
  }
}

function rotationProblems(account: SocialAccount, when: Date, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (account.kind !== AccountKind.SHARED_LOGIN) {
    problems.push({ path: 'accountId', constraint: 'sharedLogin', message: `a rotation is recorded for SHARED_LOGIN accounts only (this one is ${account.kind})` });
  }
  if (when.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    problems.push({ path: 'rotatedAt', constraint: 'notFuture', message: 'rotatedAt must not be in the future' });
  }
  const earliest = new Date(account.registeredAt.getTime() - MAX_DAYS_BEFORE_REGISTRATION * DAY_MS);
  if (when < earliest) {
    problems.push({
      path: 'rotatedAt',
      constraint: 'sinceRegistration',
      message: `rotatedAt must be on or after ${earliest.toISOString()} (${MAX_DAYS_BEFORE_REGISTRATION} days before the account was registered)`,
    });
  }
  return problems;
}
