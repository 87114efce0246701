import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The row triggers of AuditEntryAppendOnly do not fire on TRUNCATE; this statement trigger closes that door. */
export class AuditEntryNoTruncate1795335313800 implements MigrationInterface {
  name = 'AuditEntryNoTruncate1795335313800';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION audit_entry_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entry is append-only (TRUNCATE refused)' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
      FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_no_truncate()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER audit_entry_no_truncate ON audit_entry');
    await queryRunner.query('DROP FUNCTION audit_entry_no_truncate()');
  }
}
