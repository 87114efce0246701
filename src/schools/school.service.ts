import { newId } from '../db/ids';
import { isUniqueViolation } from '../db/postgres-errors';
import type { TenantScope } from '../tenancy/tenant-scope';
import { schoolCodeTaken } from './school.errors';
import { School } from './school.entity';
import type { CreateSchoolInput, UpdateSchoolInput } from './school.inputs';

export class SchoolService {
  /** The district's schools by name; a principal sees only its own. */
  async list(scope: TenantScope): Promise<School[]> {
    return scope.select(School, 'school').orderBy('school.name', 'ASC').addOrderBy('school.id', 'ASC').getMany();
  }

  async get(scope: TenantScope, id: string): Promise<School | null> {
    return scope.findById(School, id);
  }

  async create(scope: TenantScope, input: CreateSchoolInput): Promise<School> {
    const school = Object.assign(new School(), {
      id: newId(),
      districtId: scope.districtId,
      name: input.name.trim(),
      code: input.code.toUpperCase(),
      websiteUrl: input.websiteUrl.trim(),
    });
    return this.guardCode(school.code, () =>
      scope.transaction(async (tx) => {
        await this.assertCodeFree(tx, school.code, null);
        await tx.insert(School, [school]);
        const created = await tx.getById(School, school.id, 'School');
        tx.audit({ action: 'school.create', targetType: 'School', targetId: school.id, schoolId: school.id, after: created });
        return created;
      }),
    );
  }

  async update(scope: TenantScope, id: string, input: UpdateSchoolInput): Promise<School> {
    return scope.transaction(async (tx) => {
      const before = await tx.getById(School, id, 'School', 'id');
      const changes: Partial<School> = {};
      if (input.name !== undefined && input.name !== null) changes.name = input.name.trim();
      if (input.code !== undefined && input.code !== null) changes.code = input.code.toUpperCase();
      if (input.websiteUrl !== undefined && input.websiteUrl !== null) changes.websiteUrl = input.websiteUrl.trim();
      if (changes.code && changes.code !== before.code) await this.assertCodeFree(tx, changes.code, before.id);
      return this.guardCode(changes.code ?? before.code, async () => {
        await tx.update(School, before.id, changes);
        const after = await tx.getById(School, before.id, 'School');
        tx.audit({ action: 'school.update', targetType: 'School', targetId: before.id, schoolId: before.id, before, after, changesOnly: true });
        return after;
      });
    });
  }

  private async assertCodeFree(scope: TenantScope, code: string, exceptId: string | null): Promise<void> {
    const query = scope.select(School, 'school').andWhere('school.code = :code', { code });
    if (exceptId) query.andWhere('school.id <> :exceptId', { exceptId });
    if (await query.getExists()) throw schoolCodeTaken(code);
  }

  /** Two requests creating the same code at once: the unique index decides, and the loser gets CONFLICT. */
  private async guardCode<T>(code: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw schoolCodeTaken(code);
      throw error;
    }
  }
}
