import type { EntityManager, InsertQueryBuilder, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { writeAuditEntries, type AuditDraft } from '../audit/audit.writer';
import { District } from '../districts/district.entity';
import { isId } from '../db/ids';
import { snakeCase } from '../db/snake-naming.strategy';
import { ForbiddenError, NotFoundError } from '../errors/app-errors';
import type { Actor } from './actor';
import { tenantOwnership, type TenantOwnership } from './tenant-owned';

export type EntityClass<T> = new () => T;

const INSERT_CHUNK = 1000;

/**
 * The only way services reach tenant data. Every read gets `district_id = <caller's district>` (and, for a
 * PRINCIPAL, `<school column> = <its school>`); every write is stamped with the district, checked against the
 * principal's school, and happens inside a transaction that also writes its audit entries.
 */
export class TenantScope {
  constructor(
    readonly actor: Actor,
    private readonly manager: EntityManager,
    readonly requestId: string | null = null,
    private readonly pendingAudit: AuditDraft[] | null = null,
  ) {}

  get districtId(): string {
    return this.actor.districtId;
  }

  /** The school a PRINCIPAL is limited to; null for district-wide callers. */
  get schoolLimit(): string | null {
    return this.actor.schoolId;
  }

  async district(): Promise<District> {
    return this.manager.findOneByOrFail(District, { id: this.districtId });
  }

  /** A query over a tenant-owned entity with the tenant predicate applied. Add conditions with andWhere only. */
  select<T extends ObjectLiteral>(entity: EntityClass<T>, alias: string): SelectQueryBuilder<T> {
    const ownership = this.ownership(entity);
    const query = this.manager
      .createQueryBuilder(entity, alias)
      .where(`${alias}.districtId = :tenantDistrictId`, { tenantDistrictId: this.districtId });
    if (this.schoolLimit && ownership.school) {
      query.andWhere(`${alias}.${ownership.school} = :tenantSchoolId`, { tenantSchoolId: this.schoolLimit });
    }
    // A later .where() would silently replace the tenant predicate: refuse it.
    query.where = () => {
      throw new Error('A tenant-scoped query takes andWhere/orWhere in brackets, never where().');
    };
    return query;
  }

  async findById<T extends ObjectLiteral>(entity: EntityClass<T>, id: unknown): Promise<T | null> {
    if (!isId(id)) return null;
    return this.select(entity, 'row').andWhere('row.id = :id', { id }).getOne();
  }

  /** Missing, malformed, another district's, or outside a principal's school: all answer NOT_FOUND alike. */
  async getById<T extends ObjectLiteral>(entity: EntityClass<T>, id: unknown, label: string, field?: string): Promise<T> {
    const row = await this.findById(entity, id);
    if (!row) throw new NotFoundError(label, ...(field ? [field] : []));
    return row;
  }

  async insert<T extends ObjectLiteral>(entity: EntityClass<T>, rows: Partial<T>[]): Promise<void> {
    await this.writeRows(entity, rows, (query) => query);
  }

  /**
   * INSERT ... ON CONFLICT (conflict columns) DO UPDATE SET (update columns): one statement per chunk for feeds
   * of thousands of rows. The conflict columns must include districtId, so a row can only meet its own district.
   */
  async upsert<T extends ObjectLiteral>(
    entity: EntityClass<T>,
    rows: Partial<T>[],
    conflictProperties: (keyof T & string)[],
    updateProperties: (keyof T & string)[],
  ): Promise<void> {
    if (!conflictProperties.includes('districtId' as keyof T & string)) {
      throw new Error('upsert conflict columns must include districtId');
    }
    await this.writeRows(entity, rows, (query) =>
      query.orUpdate(updateProperties.map(snakeCase), conflictProperties.map(snakeCase)),
    );
  }

  /** Updates one row by id, within the caller's district (and school). Returns false when no such row. */
  async update<T extends ObjectLiteral>(
    entity: EntityClass<T>,
    id: string,
    changes: Partial<T>,
  ): Promise<boolean> {
    this.assertWritable();
    const ownership = this.ownership(entity);
    this.assertSchoolAllowed(ownership, changes as Record<string, unknown>, false);
    const result = await this.manager
      .createQueryBuilder()
      .update(entity)
      .set(changes as QueryDeepPartialEntity<T>)
      .where(this.rowPredicate(ownership, id))
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Deletes the rows whose `property` (the id by default) is one of `values`, within the caller's district. */
  async delete<T extends ObjectLiteral>(
    entity: EntityClass<T>,
    values: string[],
    property: keyof T & string = 'id' as keyof T & string,
  ): Promise<number> {
    this.assertWritable();
    if (values.length === 0) return 0;
    const ownership = this.ownership(entity);
    const query = this.manager
      .createQueryBuilder()
      .delete()
      .from(entity)
      .where(`${snakeCase(property)} IN (:...values)`, { values })
      .andWhere('district_id = :districtId', { districtId: this.districtId });
    if (this.schoolLimit && ownership.school) {
      query.andWhere(`${snakeCase(ownership.school)} = :schoolId`, { schoolId: this.schoolLimit });
    }
    const result = await query.execute();
    return result.affected ?? 0;
  }

  /** Records an audit entry, written in the same transaction just before it commits. */
  audit(draft: AuditDraft): void {
    if (!this.pendingAudit) throw new Error('audit() is only possible inside scope.transaction()');
    this.pendingAudit.push(draft);
  }

  /**
   * Runs `work` in one transaction: all of it commits, with its audit entries, or none of it does. A change
   * that records no audit entry is a programming error and rolls back.
   */
  async transaction<R>(work: (scope: TenantScope) => Promise<R>): Promise<R> {
    if (this.pendingAudit) return work(this);
    return this.manager.transaction((manager) => TenantScope.runAudited(this.actor, manager, this.requestId, work));
  }

  /** For work that starts before the district exists (creating it): the caller supplies the transaction. */
  static async runAudited<R>(
    actor: Actor,
    manager: EntityManager,
    requestId: string | null,
    work: (scope: TenantScope) => Promise<R>,
  ): Promise<R> {
    const drafts: AuditDraft[] = [];
    const result = await work(new TenantScope(actor, manager, requestId, drafts));
    if (drafts.length === 0) throw new Error('A change must record at least one audit entry.');
    await writeAuditEntries(manager, actor, requestId, drafts);
    return result;
  }

  /** Stamps each row with the district (checking a principal's school) and inserts in chunks. */
  private async writeRows<T extends ObjectLiteral>(
    entity: EntityClass<T>,
    rows: Partial<T>[],
    finish: (query: InsertQueryBuilder<T>) => InsertQueryBuilder<T>,
  ): Promise<void> {
    this.assertWritable();
    const ownership = this.ownership(entity);
    const stamped = rows.map((row) => {
      this.assertSchoolAllowed(ownership, row as Record<string, unknown>, true);
      return { ...row, districtId: this.districtId } as QueryDeepPartialEntity<T>;
    });
    for (let start = 0; start < stamped.length; start += INSERT_CHUNK) {
      const query = this.manager.createQueryBuilder().insert().into(entity).values(stamped.slice(start, start + INSERT_CHUNK));
      await finish(query).updateEntity(false).execute();
    }
  }

  private ownership(entity: Function): TenantOwnership {
    const ownership = tenantOwnership(entity);
    if (!ownership) throw new Error(`${entity.name} is not @TenantOwned; TenantScope cannot guard it.`);
    return ownership;
  }

  private rowPredicate(ownership: TenantOwnership, id: string): Record<string, unknown> {
    const predicate: Record<string, unknown> = { id, districtId: this.districtId };
    if (this.schoolLimit && ownership.school) predicate[ownership.school] = this.schoolLimit;
    return predicate;
  }

  private assertWritable(): void {
    if (!this.pendingAudit) throw new Error('Writes go through scope.transaction() so they are audited.');
  }

  private assertSchoolAllowed(ownership: TenantOwnership, row: Record<string, unknown>, isNewRow: boolean): void {
    if (!this.schoolLimit || !ownership.school || ownership.school === 'id') return;
    const touchesSchool = isNewRow || ownership.school in row;
    if (touchesSchool && (row[ownership.school] ?? null) !== this.schoolLimit) {
      throw new ForbiddenError('A principal key may only change its own school.', 'OUTSIDE_OWN_SCHOOL');
    }
  }
}
