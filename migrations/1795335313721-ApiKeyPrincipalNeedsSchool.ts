import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiKeyPrincipalNeedsSchool1795335313721 implements MigrationInterface {
  name = 'ApiKeyPrincipalNeedsSchool1795335313721';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"api_key\" ADD CONSTRAINT \"CHK_e53e1790aa1dc85b2f6fafcc01\" CHECK (\"role\" <> 'PRINCIPAL' OR \"school_id\" IS NOT NULL)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"api_key\" DROP CONSTRAINT \"CHK_e53e1790aa1dc85b2f6fafcc01\"");
  }
}
