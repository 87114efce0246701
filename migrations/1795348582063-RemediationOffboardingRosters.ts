import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RemediationOffboardingRosters1795348582063 implements MigrationInterface {
  name = 'RemediationOffboardingRosters1795348582063';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"credential_rotation\" (\"id\" uuid NOT NULL, \"district_id\" uuid NOT NULL, \"account_id\" uuid NOT NULL, \"rotated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"recorded_by\" character varying(200) NOT NULL, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_1700110ae3cac2bc3999101cdbd\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_b5f9874bd91b587b115abb56ff\" ON \"credential_rotation\"  (\"account_id\", \"rotated_at\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"offboarding_source_enum\" AS ENUM('GRAPHQL', 'SCIM')");
    await queryRunner.query("CREATE TYPE \"public\".\"offboarding_status_enum\" AS ENUM('SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'NEEDS_ATTENTION', 'CANCELLED')");
    await queryRunner.query("CREATE TABLE \"offboarding\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" uuid NOT NULL, \"district_id\" uuid NOT NULL, \"staff_id\" uuid NOT NULL, \"employee_id\" character varying(64) NOT NULL, \"effective_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"idempotency_key\" character varying(200) NOT NULL, \"source\" \"public\".\"offboarding_source_enum\" NOT NULL, \"status\" \"public\".\"offboarding_status_enum\" NOT NULL, \"requested_by\" character varying(200) NOT NULL, \"requested_by_role\" character varying(32) NOT NULL, \"started_at\" TIMESTAMP WITH TIME ZONE, \"completed_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_2e1b5da3cc4f5441ee9bcdd36a6\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_6fed3822f3c62457ab981f4cbb\" ON \"offboarding\"  (\"status\", \"effective_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_589a950ddb514aa44a61595928\" ON \"offboarding\"  (\"district_id\", \"staff_id\", \"created_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_0e64c3bb7f2213d987433e4a27\" ON \"offboarding\"  (\"district_id\", \"idempotency_key\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"remediation_action_kind_enum\" AS ENUM('UPDATE_PROFILE_TEXT', 'UPDATE_WEBSITE', 'SET_AUDIENCE_PRIVATE', 'DISABLE_POST_COMMENTS', 'HIDE_COMMENT', 'DELETE_COMMENT', 'HIDE_POST', 'DELETE_POST', 'REMOVE_ADMIN', 'ADD_ADMIN', 'REMOVE_FROM_REGISTRY', 'ROTATE_PASSWORD', 'DISABLE_OR_REASSIGN_ACCOUNT', 'MANUAL_STEPS')");
    await queryRunner.query("CREATE TYPE \"public\".\"remediation_action_origin_enum\" AS ENUM('FINDING', 'OFFBOARDING')");
    await queryRunner.query("CREATE TYPE \"public\".\"remediation_action_status_enum\" AS ENUM('REQUESTED', 'APPLIED', 'FAILED', 'MANUAL')");
    await queryRunner.query("CREATE TABLE \"remediation_action\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" uuid NOT NULL, \"district_id\" uuid NOT NULL, \"account_id\" uuid NOT NULL, \"school_id\" uuid, \"rule_id\" character varying(64), \"kind\" \"public\".\"remediation_action_kind_enum\" NOT NULL, \"origin\" \"public\".\"remediation_action_origin_enum\" NOT NULL, \"status\" \"public\".\"remediation_action_status_enum\" NOT NULL, \"operations\" jsonb NOT NULL DEFAULT '[]', \"steps\" jsonb NOT NULL DEFAULT '[]', \"reason\" text NOT NULL, \"idempotency_key\" character varying(200), \"offboarding_id\" uuid, \"requested_by\" character varying(200) NOT NULL, \"requested_by_role\" character varying(32) NOT NULL, \"attempts\" integer NOT NULL DEFAULT '0', \"next_attempt_at\" TIMESTAMP WITH TIME ZONE, \"claim_token\" uuid, \"lease_until\" TIMESTAMP WITH TIME ZONE, \"last_error_code\" character varying(64), \"last_error_message\" text, \"applied_at\" TIMESTAMP WITH TIME ZONE, \"recheck_status\" character varying(32), \"rechecked_at\" TIMESTAMP WITH TIME ZONE, \"resolved_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_bcd836cf0a544eca02521640059\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_a8e28350a6385f7031ed122f37\" ON \"remediation_action\"  (\"status\", \"next_attempt_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_01afa1b603fce211d16853878a\" ON \"remediation_action\"  (\"offboarding_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_df261feac536d7e8ab533efebb\" ON \"remediation_action\"  (\"district_id\", \"account_id\", \"created_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_beaf791605f59f352ad450b5e6\" ON \"remediation_action\"  (\"district_id\", \"idempotency_key\") WHERE \"idempotency_key\" IS NOT NULL");
    await queryRunner.query("ALTER TABLE \"staff\" ADD \"given_name\" character varying(100)");
    await queryRunner.query("ALTER TABLE \"staff\" ADD \"family_name\" character varying(100)");
    await queryRunner.query("ALTER TABLE \"staff\" ADD \"sourced_id\" character varying(255)");
    await queryRunner.query("ALTER TABLE \"staff\" ADD \"scim_external_id\" character varying(255)");
    await queryRunner.query("ALTER TABLE \"student\" ADD \"sourced_id\" character varying(255)");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_a40a4ae25cbbd0cbeb0e184e4b\" ON \"staff\"  (\"district_id\", \"scim_external_id\") WHERE \"scim_external_id\" IS NOT NULL");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_e58174c263d3237b4d9d12094a\" ON \"staff\"  (\"district_id\", \"sourced_id\") WHERE \"sourced_id\" IS NOT NULL");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_49c4bb127907f5ecf7673eae05\" ON \"student\"  (\"district_id\", \"sourced_id\") WHERE \"sourced_id\" IS NOT NULL");
    await queryRunner.query("ALTER TABLE \"credential_rotation\" ADD CONSTRAINT \"FK_143b23a387fad43d44a6da1bbbb\" FOREIGN KEY (\"district_id\") REFERENCES \"district\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"credential_rotation\" ADD CONSTRAINT \"FK_a3c35c3cc9f259b5d0b7c4fc893\" FOREIGN KEY (\"account_id\") REFERENCES \"social_account\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"offboarding\" ADD CONSTRAINT \"FK_b1f2e6ae383cf2063f4b54f14ba\" FOREIGN KEY (\"district_id\") REFERENCES \"district\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"offboarding\" ADD CONSTRAINT \"FK_5a20972295a1a567bc41c5e3c25\" FOREIGN KEY (\"staff_id\") REFERENCES \"staff\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"remediation_action\" ADD CONSTRAINT \"FK_8bfe6d02f84209f44cb6c9b615c\" FOREIGN KEY (\"district_id\") REFERENCES \"district\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"remediation_action\" ADD CONSTRAINT \"FK_5cc1ba2f9dbf9037e99a8f3cbfd\" FOREIGN KEY (\"account_id\") REFERENCES \"social_account\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"remediation_action\" DROP CONSTRAINT \"FK_5cc1ba2f9dbf9037e99a8f3cbfd\"");
    await queryRunner.query("ALTER TABLE \"remediation_action\" DROP CONSTRAINT \"FK_8bfe6d02f84209f44cb6c9b615c\"");
    await queryRunner.query("ALTER TABLE \"offboarding\" DROP CONSTRAINT \"FK_5a20972295a1a567bc41c5e3c25\"");
    await queryRunner.query("ALTER TABLE \"offboarding\" DROP CONSTRAINT \"FK_b1f2e6ae383cf2063f4b54f14ba\"");
    await queryRunner.query("ALTER TABLE \"credential_rotation\" DROP CONSTRAINT \"FK_a3c35c3cc9f259b5d0b7c4fc893\"");
    await queryRunner.query("ALTER TABLE \"credential_rotation\" DROP CONSTRAINT \"FK_143b23a387fad43d44a6da1bbbb\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_49c4bb127907f5ecf7673eae05\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_e58174c263d3237b4d9d12094a\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_a40a4ae25cbbd0cbeb0e184e4b\"");
    await queryRunner.query("ALTER TABLE \"student\" DROP COLUMN \"sourced_id\"");
    await queryRunner.query("ALTER TABLE \"staff\" DROP COLUMN \"scim_external_id\"");
    await queryRunner.query("ALTER TABLE \"staff\" DROP COLUMN \"sourced_id\"");
    await queryRunner.query("ALTER TABLE \"staff\" DROP COLUMN \"family_name\"");
    await queryRunner.query("ALTER TABLE \"staff\" DROP COLUMN \"given_name\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_beaf791605f59f352ad450b5e6\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_df261feac536d7e8ab533efebb\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_01afa1b603fce211d16853878a\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_a8e28350a6385f7031ed122f37\"");
    await queryRunner.query("DROP TABLE \"remediation_action\"");
    await queryRunner.query("DROP TYPE \"public\".\"remediation_action_status_enum\"");
    await queryRunner.query("DROP TYPE \"public\".\"remediation_action_origin_enum\"");
    await queryRunner.query("DROP TYPE \"public\".\"remediation_action_kind_enum\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_0e64c3bb7f2213d987433e4a27\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_589a950ddb514aa44a61595928\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_6fed3822f3c62457ab981f4cbb\"");
    await queryRunner.query("DROP TABLE \"offboarding\"");
    await queryRunner.query("DROP TYPE \"public\".\"offboarding_status_enum\"");
    await queryRunner.query("DROP TYPE \"public\".\"offboarding_source_enum\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_b5f9874bd91b587b115abb56ff\"");
    await queryRunner.query("DROP TABLE \"credential_rotation\"");
  }
}
