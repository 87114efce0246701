import { newId, isId } from '../db/ids';
import { isUniqueViolation } from '../db/postgres-errors';
import type { FieldProblem } from '../errors/app-errors';
import { connectionType, keysetConnection, pageRequest, type PageArgs } from '../graphql/connection';
import { School } from '../schools/school.entity';
import type { TenantScope } from '../tenancy/tenant-scope';
import { AccountAdmin } from './account-admin.entity';
import { accountAlreadyRegistered, accountNotPending, invalidRegistration, principalOutsideSchool } from './account.errors';
import { AccountScope, AccountStatus, Audience, SCHOOL_SCOPES } from './account.enums';
import type { AccountFilter, RegisterAccountInput } from './account.inputs';
import { HANDLE_PATTERN, normalizeHandle } from './handle';
import { SocialAccount } from './social-account.entity';

export const SocialAccountConnection = connectionType('SocialAccount', SocialAccount);
export type SocialAccountConnection = InstanceType<typeof SocialAccountConnection>;

const ACCOUNT_LIST = { kind: 'account', isValidKey: isId };

export class AccountService {
  constructor(private readonly maxPageSize: number) {}

  /** One page of the registry in registration order, filtered; a principal's page holds its school only. */
  async list(scope: TenantScope, page: PageArgs, filter: AccountFilter | undefined): Promise<SocialAccountConnection> {
    const request = pageRequest(page, ACCOUNT_LIST, this.maxPageSize);
    const query = scope.select(SocialAccount, 'account');
    if (filter?.schoolId) query.andWhere('account.schoolId = :schoolId', { schoolId: filter.schoolId });
    if (filter?.platform) query.andWhere('account.platform = :platform', { platform: filter.platform });
    if (filter?.status) query.andWhere('account.status = :status', { status: filter.status });
    if (filter?.scope) query.andWhere('account.scope = :accountScope', { accountScope: filter.scope });
    return keysetConnection(SocialAccountConnection, query, {
      alias: 'account',
      keyColumn: 'id',
      keyOf: (account) => account.id,
      direction: 'ASC',
      kind: ACCOUNT_LIST.kind,
      page: request,
    });
  }

  async get(scope: TenantScope, id: string): Promise<SocialAccount | null> {
    return scope.findById(SocialAccount, id);
  }

  /** Adds an account to the registry, awaiting approval, with the people who can access it. */
  async register(scope: TenantScope, input: RegisterAccountInput): Promise<SocialAccount> {
    const handle = normalizeHandle(input.handle);
    const admins = input.admins ?? [];
    const problems = registrationProblems(input, handle);
    if (problems.length) throw invalidRegistration(problems);
    if (scope.schoolLimit && !input.schoolId) throw principalOutsideSchool();
    const school = input.schoolId ? await scope.getById(School, input.schoolId, 'School', 'input.schoolId') : null;

    const now = new Date();
    const account = Object.assign(new SocialAccount(), {
      id: newId(),
      platform: input.platform,
      handle,
      externalId: input.externalId?.trim() || null,
      displayName: input.displayName?.trim() || null,
      scope: input.scope,
      schoolId: school?.id ?? null,
      audience: input.audience,
      publicJustification: input.publicJustification?.trim() || null,
      kind: input.kind,
      custodianEmail: input.custodianEmail.trim().toLowerCase(),
      loginEmail: input.loginEmail?.trim().toLowerCase() || null,
      status: AccountStatus.PENDING_APPROVAL,
      registeredAt: now,
      registeredBy: scope.actor.label,
    });
    const adminRows = admins.map((admin) => ({
      id: newId(),
      accountId: account.id,
      email: admin.email?.trim().toLowerCase() || null,
      name: admin.name?.trim() || null,
      employeeId: admin.employeeId?.trim() || null,
      platformUserId: admin.platformUserId?.trim() || null,
      platformRole: admin.platformRole ?? 'ADMIN',
      isServiceAccount: admin.isServiceAccount ?? false,
      addedAt: now,
      removedAt: null,
    }));
    try {
      return await scope.transaction(async (tx) => {
        const taken = await tx
          .select(SocialAccount, 'account')
          .andWhere('account.platform = :platform AND account.handle = :handle', { platform: account.platform, handle })
          .getExists();
        if (taken) throw accountAlreadyRegistered(account.platform, handle);
        await tx.insert(SocialAccount, [account]);
        await tx.insert(AccountAdmin, adminRows);
        const stored = await tx.getById(SocialAccount, account.id, 'Account');
        tx.audit({
          action: 'account.register',
          targetType: 'SocialAccount',
          targetId: account.id,
          schoolId: account.schoolId,
          after: { ...stored, admins: adminRows.map(({ email, employeeId, platformUserId, platformRole }) => ({ email, employeeId, platformUserId, platformRole })) },
        });
        return stored;
      });
    } catch (error) {
      // The unique index settles two registrations of one handle racing past the check.
      if (isUniqueViolation(error)) throw accountAlreadyRegistered(account.platform, handle);
      throw error;
    }
  }

  /** Approves an account awaiting approval; the approver is the calling key's holder. */
  async approve(scope: TenantScope, id: string, note: string | null | undefined): Promise<SocialAccount> {
    return scope.transaction(async (tx) => {
      const before = isId(id)
        ? await tx.select(SocialAccount, 'account').andWhere('account.id = :id', { id }).setLock('pessimistic_write').getOne()
        : null;
      if (!before) return tx.getById(SocialAccount, id, 'Account', 'id');
      if (before.status !== AccountStatus.PENDING_APPROVAL) throw accountNotPending(before.status);
      await tx.update(SocialAccount, before.id, {
        status: AccountStatus.ACTIVE,
        approvedAt: new Date(),
        approvedBy: tx.actor.label,
        approverRole: tx.actor.role,
        approvalNote: note?.trim() || null,
      });
      const after = await tx.getById(SocialAccount, before.id, 'Account');
      tx.audit({ action: 'account.approve', targetType: 'SocialAccount', targetId: before.id, schoolId: before.schoolId, before, after, changesOnly: true });
      return after;
    });
  }

  /** Current admins of many accounts in one query (the per-request DataLoader calls this). */
  async adminsOf(scope: TenantScope, accountIds: readonly string[]): Promise<AccountAdmin[][]> {
    const rows = await scope
      .select(AccountAdmin, 'admin')
      .andWhere('admin.accountId IN (:...accountIds)', { accountIds })
      .andWhere('admin.removedAt IS NULL')
      .orderBy('admin.addedAt', 'ASC')
      .addOrderBy('admin.id', 'ASC')
      .getMany();
    const byAccount = new Map<string, AccountAdmin[]>();
    for (const row of rows) byAccount.set(row.accountId, [...(byAccount.get(row.accountId) ?? []), row]);
    return accountIds.map((accountId) => byAccount.get(accountId) ?? []);
  }
}

function registrationProblems(input: RegisterAccountInput, handle: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const problem = (path: string, constraint: string, message: string) => problems.push({ path, constraint, message });
  if (!HANDLE_PATTERN.test(handle)) problem('input.handle', 'format', 'handle may hold letters, digits, ".", "_" and "-" only');
  if (SCHOOL_SCOPES.has(input.scope) && !input.schoolId) problem('input.schoolId', 'required', `a ${input.scope} account belongs to a school`);
  if (input.scope === AccountScope.DISTRICT && input.schoolId) problem('input.schoolId', 'forbidden', 'a DISTRICT account belongs to no school');
  if (input.audience === Audience.PUBLIC && !input.publicJustification?.trim()) {
    problem('input.publicJustification', 'required', 'a PUBLIC account needs its documented educational need');
  }
  const seen = new Map<string, number>();
  (input.admins ?? []).forEach((admin, index) => {
    const identities = [
      admin.email?.trim() && `email:${admin.email.trim().toLowerCase()}`,
      admin.employeeId?.trim() && `employee:${admin.employeeId.trim()}`,
      admin.platformUserId?.trim() && `platform:${admin.platformUserId.trim()}`,
    ].filter((identity): identity is string => Boolean(identity));
    if (identities.length === 0) problem(`input.admins.${index}`, 'identity', 'give an email, employeeId or platformUserId');
    for (const identity of identities) {
      const first = seen.get(identity);
      if (first !== undefined) problem(`input.admins.${index}`, 'unique', `same person as input.admins.${first}`);
      else seen.set(identity, index);
    }
  });
  return problems;
}
