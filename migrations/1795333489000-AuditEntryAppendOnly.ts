import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log is evidence: once written, an entry may not change or disappear, whatever the application
 * does. The trigger enforces that in the database itself (deleting a whole district cascades, and is allowed).
 */
export class AuditEntryAppendOnly1795333489000 implements MigrationInterface {
  name = 'AuditEntryAppendOnly1795333489000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM district WHERE id = OLD.district_id) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_entry is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
      FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER audit_entry_append_only ON audit_entry');
    await queryRunner.query('DROP FUNCTION audit_entry_append_only()');
  }
}
