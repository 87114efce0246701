import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NightlySync1795341876635 implements MigrationInterface {
  name = 'NightlySync1795341876635';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"rate_budget_platform_enum\" AS ENUM('FACEBOOK', 'INSTAGRAM', 'X', 'YOUTUBE', 'LINKEDIN', 'OTHER')");
    await queryRunner.query("CREATE TABLE \"rate_budget\" (\"key\" character varying(200) NOT NULL, \"platform\" \"public\".\"rate_budget_platform_enum\" NOT NULL, \"capacity\" integer, \"used\" integer NOT NULL DEFAULT '0', \"window_ends_at\" TIMESTAMP WITH TIME ZONE, \"blocked_until\" TIMESTAMP WITH TIME ZONE, \"blocked_reason\" character varying(64), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_abe05606bca680e468e0e6d6b55\" PRIMARY KEY (\"key\"))");
    await queryRunner.query("CREATE TYPE \"public\".\"sync_run_trigger_enum\" AS ENUM('NIGHTLY', 'API', 'CLI')");
    await queryRunner.query("CREATE TYPE \"public\".\"sync_run_status_enum\" AS ENUM('QUEUED', 'RUNNING', 'COMPLETED', 'COMPLETED_WITH_FAILURES', 'FAILED')");
    await queryRunner.query("CREATE TABLE \"sync_run\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" uuid NOT NULL, \"district_id\" uuid NOT NULL, \"trigger\" \"public\".\"sync_run_trigger_enum\" NOT NULL, \"night_of\" date, \"status\" \"public\".\"sync_run_status_enum\" NOT NULL, \"requested_by\" character varying(200) NOT NULL, \"total\" integer NOT NULL DEFAULT '0', \"started_at\" TIMESTAMP WITH TIME ZONE, \"finished_at\" TIMESTAMP WITH TIME ZONE, \"failure_code\" character varying(64), CONSTRAINT \"PK_ab1387853fd86ea904a21058b01\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_a6bcec9b20da5c330ef4374ca2\" ON \"sync_run\"  (\"district_id\", \"created_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_2919c55fec127c1b57500f513f\" ON \"sync_run\"  (\"district_id\", \"night_of\") WHERE \"night_of\" IS NOT NULL");
    await queryRunner.query("CREATE TYPE \"public\".\"sync_item_platform_enum\" AS ENUM('FACEBOOK', 'INSTAGRAM', 'X', 'YOUTUBE', 'LINKEDIN', 'OTHER')");
    await queryRunner.query("CREATE TYPE \"public\".\"sync_item_status_enum\" AS ENUM('PENDING', 'RUNNING', 'RATE_LIMITED', 'RETRYING', 'CHECKED', 'FAILED')");
    await queryRunner.query("CREATE TABLE \"sync_item\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" uuid NOT NULL, \"district_id\" uuid NOT NULL, \"run_id\" uuid NOT NULL, \"account_id\" uuid NOT NULL, \"platform\" \"public\".\"sync_item_platform_enum\" NOT NULL, \"status\" \"public\".\"sync_item_status_enum\" NOT NULL, \"attempts\" integer NOT NULL DEFAULT '0', \"rate_limit_waits\" integer NOT NULL DEFAULT '0', \"claim_token\" uuid, \"lease_until\" TIMESTAMP WITH TIME ZONE, \"worker\" character varying(100), \"next_attempt_at\" TIMESTAMP WITH TIME ZONE, \"api_calls\" integer NOT NULL DEFAULT '0', \"snapshot_id\" uuid, \"reason_code\" character varying(64), \"reason_message\" character varying(500), \"finished_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_e1d95124396105e04a96eca8bbf\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_bfa12361c6fcb319d3a1bee446\" ON \"sync_item\"  (\"run_id\", \"status\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_f95b7728c4c8d709e46fbca0ba\" ON \"sync_item\"  (\"run_id\", \"account_id\") ");
    await queryRunner.query("ALTER TABLE \"district\" ADD \"nightly_sync_hour\" smallint");
    await queryRunner.query("ALTER TABLE \"sync_run\" ADD CONSTRAINT \"FK_76e3495ad44e3d27b9b9d9bb9c0\" FOREIGN KEY (\"district_id\") REFERENCES \"district\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"sync_item\" ADD CONSTRAINT \"FK_5a9c3c98a7cf9d2b62a68a788d8\" FOREIGN KEY (\"run_id\") REFERENCES \"sync_run\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"sync_item\" ADD CONSTRAINT \"FK_29a28a965e873a2d1ba6361ef9d\" FOREIGN KEY (\"account_id\") REFERENCES \"social_account\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"sync_item\" DROP CONSTRAINT \"FK_29a28a965e873a2d1ba6361ef9d\"");
    await queryRunner.query("ALTER TABLE \"sync_item\" DROP CONSTRAINT \"FK_5a9c3c98a7cf9d2b62a68a788d8\"");
    await queryRunner.query("ALTER TABLE \"sync_run\" DROP CONSTRAINT \"FK_76e3495ad44e3d27b9b9d9bb9c0\"");
    await queryRunner.query("ALTER TABLE \"district\" DROP COLUMN \"nightly_sync_hour\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_f95b7728c4c8d709e46fbca0ba\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_bfa12361c6fcb319d3a1bee446\"");
    await queryRunner.query("DROP TABLE \"sync_item\"");
    await queryRunner.query("DROP TYPE \"public\".\"sync_item_status_enum\"");
    await queryRunner.query("DROP TYPE \"public\".\"sync_item_platform_enum\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_2919c55fec127c1b57500f513f\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_a6bcec9b20da5c330ef4374ca2\"");
    await queryRunner.query("DROP TABLE \"sync_run\"");
    await queryRunner.query("DROP TYPE \"public\".\"sync_run_status_enum\"");
    await queryRunner.query("DROP TYPE \"public\".\"sync_run_trigger_enum\"");
    await queryRunner.query("DROP TABLE \"rate_budget\"");
    await queryRunner.query("DROP TYPE \"public\".\"rate_budget_platform_enum\"");
  }
}
