import type { EntityManager, InsertQueryBuilder, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { writeAuditEntries, type AuditDraft } from '../audit/audit.writer';
import { District } from '../districts/district.entity';
import { isId } from '../db/ids';
import { sqlExecutor } from '../db/sql-executor';
import { snakeCase } from '../db/snake-naming.strategy';
import { ForbiddenError, NotFoundError } from '../errors/app-errors';
import { systemActor, type Actor } from './actor';
import { tenantOwnership, type TenantOwnership } from './tenant-owned';

export type EntityClass<T> = new () => T;

const INSERT_CHUNK = 1000;

const outsideOwnSchool = () => new ForbiddenError('A principal key may only change its own school.', 'OUTSIDE_OWN_SCHOOL');

/**
 * The only way services reach tenant data. Every read gets `district_id = <caller's district>` (and, for a
 * PRINCIPAL, its school: on the row itself, or on the parent row it belongs to); every write is stamped with the
 * district, checked against the principal's school, and happens inside a transaction that also writes its
 * audit entries.
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

  /**
   * The same district as Proctor itself, for work the caller asks for but Proctor performs and answers for
   * (judging compliance): district-wide, audited as the system.
   */
  asSystem(job: string): TenantScope {
    return new TenantScope(systemActor(this.districtId, job), this.manager, this.requestId);
  }

  async district(): Promise<District> {
    return this.manager.findOneByOrFail(District, { id: this.districtId });
  }

  /** A query over a tenant-owned entity with the tenant predicate applied. Add conditions with andWhere only. */
  select<T extends ObjectLiteral>(entity: EntityClass<T>, alias: string): SelectQueryBuilder<T> {
    const query = this.manager
      .createQueryBuilder(entity, alias)
      .where(`${alias}.districtId = :tenantDistrictId`, { tenantDistrictId: this.districtId });
    const schoolCondition = this.schoolCondition(entity, alias);
    if (schoolCondition) query.andWhere(schoolCondition, { tenantSchoolId: this.schoolLimit });
    // A later where() would replace the tenant predicate, and orWhere() would widen it: refuse both. (Conditions
    // added with andWhere are parenthesised by the data source's isolateWhereStatements.)
    const refuse = () => {
      throw new Error('A tenant-scoped query takes andWhere() only (use Brackets inside it for OR).');
    };
    query.where = refuse;
    query.orWhere = refuse;
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
    await this.assertPrincipalMayWrite(entity, rows);
    await this.writeRows(entity, rows, (query) => query);
  }

  /**
   * INSERT ... ON CONFLICT (conflict columns) DO UPDATE SET (update columns): one statement per chunk for feeds
   * of thousands of rows. The conflict columns include districtId, so a row can only meet its own district.
   * Returns the `returning` properties of every row written, e.g. the ids that rows really have.
   */
  async upsert<T extends ObjectLiteral>(
    entity: EntityClass<T>,
    rows: Partial<T>[],
    options: { conflict: (keyof T & string)[]; update: (keyof T & string)[]; returning?: (keyof T & string)[] },
  ): Promise<Partial<T>[]> {
    if (!options.conflict.includes('districtId' as keyof T & string)) throw new Error('upsert conflict columns must include districtId');
    // ON CONFLICT could reach a row of another school: feeds are district-wide, principals never upsert.
    if (this.schoolLimit) throw outsideOwnSchool();
    const returning = options.returning ?? [];
    const raw = await this.writeRows(entity, rows, (query) => {
      const upserting = query.orUpdate(options.update.map(snakeCase), options.conflict.map(snakeCase));
      return returning.length ? upserting.returning(returning.map(snakeCase)) : upserting;
    });
    return raw.map((row) => Object.fromEntries(returning.map((property) => [property, row[snakeCase(property)]])) as Partial<T>);
  }

  /** Updates one row by id, within the caller's district (and school). Returns false when no such row. */
  async update<T extends ObjectLiteral>(entity: EntityClass<T>, id: string, changes: Partial<T>): Promise<boolean> {
    this.assertWritable();
    const ownership = this.ownership(entity);
    if (this.schoolLimit && ownership.school && ownership.school !== 'id' && ownership.school in changes && changes[ownership.school] !== this.schoolLimit) {
      throw outsideOwnSchool();
    }
    // The UPDATE names the district; a principal's school (on the row or its parent) is checked by reading it.
    if (this.schoolLimit && !(await this.findById(entity, id))) return false;
    const result = await this.manager
      .createQueryBuilder()
      .update(entity)
      .set(changes as QueryDeepPartialEntity<T>)
      .where({ id, districtId: this.districtId })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Applies the same change to many rows by id, within the caller's district (and school). Returns how many changed. */
  async updateMany<T extends ObjectLiteral>(entity: EntityClass<T>, ids: string[], changes: Partial<T>): Promise<number> {
    this.assertWritable();
    if (ids.length === 0) return 0;
    let allowed = [...new Set(ids)];
    if (this.schoolLimit) {
      const visible = await this.select(entity, 'row').select('row.id', 'id').andWhere('row.id IN (:...allowed)', { allowed }).getRawMany<{ id: string }>();
      allowed = visible.map((row) => row.id);
      if (allowed.length === 0) return 0;
    }
    const result = await this.manager
      .createQueryBuilder()
      .update(entity)
      .set(changes as QueryDeepPartialEntity<T>)
      .where('id IN (:...allowed)', { allowed })
      .andWhere('district_id = :districtId', { districtId: this.districtId })
      .execute();
    return result.affected ?? 0;
  }

  /**
   * Plain SQL on this scope's connection (inside its transaction, when there is one), for statements that carry
   * the district predicate themselves: bulk bookkeeping and enqueueing jobs atomically with it.
   */
  sql<Row = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<Row[]> {
    return sqlExecutor(this.manager)(text, values);
  }

  /** Deletes the rows whose `property` (the id by default) is one of `values`, among the rows the caller sees. */
  async delete<T extends ObjectLiteral>(entity: EntityClass<T>, values: string[], property: keyof T & string = 'id' as keyof T & string): Promise<number> {
    this.assertWritable();
    if (values.length === 0) return 0;
    const visible = await this.select(entity, 'row')
      .select(`row.${property}`, 'value')
      .andWhere(`row.${property} IN (:...values)`, { values })
      .getRawMany<{ value: string }>();
    const allowed = [...new Set(visible.map((row) => row.value))];
    if (allowed.length === 0) return 0;
    const result = await this.manager
      .createQueryBuilder()
      .delete()
      .from(entity)
      .where(`${snakeCase(property)} IN (:...allowed)`, { allowed })
      .andWhere('district_id = :districtId', { districtId: this.districtId })
      .execute();
    return result.affected ?? 0;
  }

  /** Changes the caller's own district row (district-wide callers only). */
  async updateDistrict(changes: QueryDeepPartialEntity<District>): Promise<void> {
    this.assertWritable();
    if (this.schoolLimit) throw outsideOwnSchool();
    await this.manager.createQueryBuilder().update(District).set(changes).where({ id: this.districtId }).execute();
  }

  /**
   * Serialises transactions that work on the same keys: advisory locks held until commit, taken in sorted
   * order (one statement) so two callers never deadlock. The keys are namespaced with the district.
   */
  async lock(namespace: string, keys: string[]): Promise<void> {
    this.assertWritable();
    if (keys.length === 0) return;
    const names = [...new Set(keys)].map((key) => `${namespace}:${this.districtId}:${key}`).sort();
    await this.manager.query('SELECT count(pg_advisory_xact_lock(hashtextextended(name, 0))) FROM unnest($1::text[]) AS name', [names]);
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

  /** The SQL that limits `alias` to the principal's school, or null for district-wide callers. */
  private schoolCondition(entity: Function, alias: string): string | null {
    if (!this.schoolLimit) return null;
    const ownership = this.ownership(entity);
    if (ownership.school) return `${alias}.${ownership.school} = :tenantSchoolId`;
    if (ownership.via) {
      const parent = ownership.via.parent();
      const parentMetadata = this.manager.connection.getMetadata(parent);
      const parentSchool = this.ownership(parent).school;
      if (!parentSchool) throw new Error(`${parent.name} has no school to limit ${entity.name} by`);
      const schoolColumn = parentMetadata.findColumnWithPropertyName(parentSchool)?.databaseName;
      return `EXISTS (SELECT 1 FROM "${parentMetadata.tableName}" "tenant_parent" WHERE "tenant_parent"."id" = ${alias}.${ownership.via.key} AND "tenant_parent"."${schoolColumn}" = :tenantSchoolId)`;
    }
    // Nothing ties these rows to a school: a principal sees none of them.
    return 'FALSE';
  }

  /** A principal writes only rows of its own school, or children of rows it can see. */
  private async assertPrincipalMayWrite<T extends ObjectLiteral>(entity: EntityClass<T>, rows: Partial<T>[]): Promise<void> {
    if (!this.schoolLimit || rows.length === 0) return;
    const ownership = this.ownership(entity);
    if (ownership.school === 'id' || (!ownership.school && !ownership.via)) throw outsideOwnSchool();
    if (ownership.school) {
      if (rows.some((row) => (row[ownership.school as keyof T] ?? null) !== this.schoolLimit)) throw outsideOwnSchool();
      return;
    }
    const via = ownership.via as NonNullable<TenantOwnership['via']>;
    const parentIds = [...new Set(rows.map((row) => row[via.key as keyof T] as string))];
    const visible = await this.select(via.parent() as EntityClass<ObjectLiteral>, 'parent')
      .andWhere('parent.id IN (:...parentIds)', { parentIds })
      .getCount();
    if (visible !== parentIds.length) throw outsideOwnSchool();
  }

  /** Stamps each row with the district and inserts in chunks; returns what RETURNING gave back, if asked. */
  private async writeRows<T extends ObjectLiteral>(
    entity: EntityClass<T>,
    rows: Partial<T>[],
    finish: (query: InsertQueryBuilder<T>) => InsertQueryBuilder<T>,
  ): Promise<Record<string, unknown>[]> {
    this.assertWritable();
    this.ownership(entity);
    const stamped = rows.map((row) => ({ ...row, districtId: this.districtId }) as QueryDeepPartialEntity<T>);
    const returned: Record<string, unknown>[] = [];
    for (let start = 0; start < stamped.length; start += INSERT_CHUNK) {
      const query = this.manager.createQueryBuilder().insert().into(entity).values(stamped.slice(start, start + INSERT_CHUNK));
      const result = await finish(query).updateEntity(false).execute();
      if (Array.isArray(result.raw)) returned.push(...(result.raw as Record<string, unknown>[]));
    }
    return returned;
  }

  private ownership(entity: Function): TenantOwnership {
    const ownership = tenantOwnership(entity);
    if (!ownership) throw new Error(`${entity.name} is not @TenantOwned; TenantScope cannot guard it.`);
    return ownership;
  }

  private assertWritable(): void {
    if (!this.pendingAudit) throw new Error('Writes go through scope.transaction() so they are audited.');
  }
}
