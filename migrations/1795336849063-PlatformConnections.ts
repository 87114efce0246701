import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PlatformConnections1795336849063 implements MigrationInterface {
  name = 'PlatformConnections1795336849063';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"oauth_attempt_platform_enum\" AS ENUM('FACEBOOK', 'INSTAGRAM', 'X', 'YOUTUBE', 'LINKEDIN', 'OTHER')");
    await queryRunner.query("CREATE TYPE \"public\".\"oauth_attempt_stage_enum\" AS ENUM('ISSUED', 'REDIRECTED', 'COMPLETED', 'FAILED')");
    await queryRunner.query("CREATE TYPE \"public\".\"oauth_attempt_actor_type_enum\" AS ENUM('API_KEY', 'CLI', 'SYSTEM')");
    await queryRunner.query("CREATE TYPE \"public\".\"oauth_attempt_actor_role_enum\" AS ENUM('DISTRICT_ADMIN', 'PRINCIPAL', 'VIEWER', 'HR_SYSTEM', 'SIS_SYSTEM')");
    await queryRunner.query("CREATE TABLE \"oauth_attempt\" (\"id\" uuid NOT NULL, \"district_id\" uuid NOT NULL, \"account_id\" uuid NOT NULL, \"platform\" \"public\".\"oauth_attempt_platform_enum\" NOT NULL, \"stage\" \"public\".\"oauth_attempt_stage_enum\" NOT NULL, \"ticket_hash\" bytea NOT NULL, \"ticket_expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"state_expires_at\" TIMESTAMP WITH TIME ZONE, \"verifier_key_id\" character varying(32), \"verifier_ciphertext\" bytea, \"actor_type\" \"public\".\"oauth_attempt_actor_type_enum\" NOT NULL, \"actor_id\" character varying(64) NOT NULL, \"actor_label\" character varying(200) NOT NULL, \"actor_role\" \"public\".\"oauth_attempt_actor_role_enum\" NOT NULL, \"actor_school_id\" uuid, \"failure_code\" character varying(64), \"finished_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_8a77f3620cacb40e08fb05aa3cd\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TYPE \"public\".\"platform_connection_platform_enum\" AS ENUM('FACEBOOK', 'INSTAGRAM', 'X', 'YOUTUBE', 'LINKEDIN', 'OTHER')");
    await queryRunner.query("CREATE TYPE \"public\".\"platform_connection_status_enum\" AS ENUM('NOT_CONNECTED', 'CONNECTED', 'REFRESH_FAILING', 'EXHAUSTED', 'EXPIRED', 'REVOKED')");
    await queryRunner.query("CREATE TABLE \"platform_connection\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" uuid NOT NULL, \"district_id\" uuid NOT NULL, \"account_id\" uuid NOT NULL, \"platform\" \"public\".\"platform_connection_platform_enum\" NOT NULL, \"status\" \"public\".\"platform_connection_status_enum\" NOT NULL, \"credentials_key_id\" character varying(32) NOT NULL, \"credentials_ciphertext\" bytea NOT NULL, \"scopes\" text array NOT NULL DEFAULT '{}', \"connected_at\" TIMESTAMP WITH TIME ZONE, \"connected_by\" character varying(200), \"access_token_expires_at\" TIMESTAMP WITH TIME ZONE, \"refresh_token_expires_at\" TIMESTAMP WITH TIME ZONE, \"last_refreshed_at\" TIMESTAMP WITH TIME ZONE, \"refresh_failure_days\" integer NOT NULL DEFAULT '0', \"last_refresh_failure_at\" TIMESTAMP WITH TIME ZONE, \"last_error_code\" character varying(64), \"last_error_message\" text, \"last_error_action\" text, \"last_error_at\" TIMESTAMP WITH TIME ZONE, \"last_fetched_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"REL_69427df5fb7c5dcbd3059bec91\" UNIQUE (\"account_id\"), CONSTRAINT \"PK_3cb127050cdbb84f37b54eba437\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_fc2c813d99ac7d38a0124855a4\" ON \"platform_connection\"  (\"status\", \"access_token_expires_at\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"account_snapshot_platform_enum\" AS ENUM('FACEBOOK', 'INSTAGRAM', 'X', 'YOUTUBE', 'LINKEDIN', 'OTHER')");
    await queryRunner.query("CREATE TABLE \"account_snapshot\" (\"id\" uuid NOT NULL, \"district_id\" uuid NOT NULL, \"account_id\" uuid NOT NULL, \"platform\" \"public\".\"account_snapshot_platform_enum\" NOT NULL, \"fetched_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"data\" jsonb NOT NULL, \"api_calls\" integer NOT NULL, \"duration_ms\" integer NOT NULL, CONSTRAINT \"PK_3296654a614882b571b225c84e3\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_aa58f70ef2682a763e96974a3f\" ON \"account_snapshot\"  (\"account_id\", \"fetched_at\") ");
    await queryRunner.query("ALTER TABLE \"oauth_attempt\" ADD CONSTRAINT \"FK_e36e4e50b59eb6aa27b1677e5e7\" FOREIGN KEY (\"district_id\") REFERENCES \"district\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"oauth_attempt\" ADD CONSTRAINT \"FK_0cfb52deb0caa634083722a69a7\" FOREIGN KEY (\"account_id\") REFERENCES \"social_account\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"platform_connection\" ADD CONSTRAINT \"FK_0cfd13d2f9114d9671003066b33\" FOREIGN KEY (\"district_id\") REFERENCES \"district\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"platform_connection\" ADD CONSTRAINT \"FK_69427df5fb7c5dcbd3059bec912\" FOREIGN KEY (\"account_id\") REFERENCES \"social_account\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"account_snapshot\" ADD CONSTRAINT \"FK_400db6bc0468039526a1e262b3c\" FOREIGN KEY (\"district_id\") REFERENCES \"district\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"account_snapshot\" ADD CONSTRAINT \"FK_73a316a59d3e01d53ff90427a68\" FOREIGN KEY (\"account_id\") REFERENCES \"social_account\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"account_snapshot\" DROP CONSTRAINT \"FK_73a316a59d3e01d53ff90427a68\"");
    await queryRunner.query("ALTER TABLE \"account_snapshot\" DROP CONSTRAINT \"FK_400db6bc0468039526a1e262b3c\"");
    await queryRunner.query("ALTER TABLE \"platform_connection\" DROP CONSTRAINT \"FK_69427df5fb7c5dcbd3059bec912\"");
    await queryRunner.query("ALTER TABLE \"platform_connection\" DROP CONSTRAINT \"FK_0cfd13d2f9114d9671003066b33\"");
    await queryRunner.query("ALTER TABLE \"oauth_attempt\" DROP CONSTRAINT \"FK_0cfb52deb0caa634083722a69a7\"");
    await queryRunner.query("ALTER TABLE \"oauth_attempt\" DROP CONSTRAINT \"FK_e36e4e50b59eb6aa27b1677e5e7\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_aa58f70ef2682a763e96974a3f\"");
    await queryRunner.query("DROP TABLE \"account_snapshot\"");
    await queryRunner.query("DROP TYPE \"public\".\"account_snapshot_platform_enum\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_fc2c813d99ac7d38a0124855a4\"");
    await queryRunner.query("DROP TABLE \"platform_connection\"");
    await queryRunner.query("DROP TYPE \"public\".\"platform_connection_status_enum\"");
    await queryRunner.query("DROP TYPE \"public\".\"platform_connection_platform_enum\"");
    await queryRunner.query("DROP TABLE \"oauth_attempt\"");
    await queryRunner.query("DROP TYPE \"public\".\"oauth_attempt_actor_role_enum\"");
    await queryRunner.query("DROP TYPE \"public\".\"oauth_attempt_actor_type_enum\"");
    await queryRunner.query("DROP TYPE \"public\".\"oauth_attempt_stage_enum\"");
    await queryRunner.query("DROP TYPE \"public\".\"oauth_attempt_platform_enum\"");
  }
}
