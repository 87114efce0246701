import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ComplianceFindings1795337908321 implements MigrationInterface {
  name = 'ComplianceFindings1795337908321';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"compliance_result_status_enum\" AS ENUM('PASS', 'FAIL', 'MANUAL', 'EXEMPT', 'ERROR', 'NOT_APPLICABLE')");
    await queryRunner.query("CREATE TYPE \"public\".\"compliance_result_severity_enum\" AS ENUM('critical', 'high', 'medium', 'low')");
    await queryRunner.query("CREATE TABLE \"compliance_result\" (\"id\" uuid NOT NULL, \"district_id\" uuid NOT NULL, \"account_id\" uuid NOT NULL, \"school_id\" uuid, \"rule_id\" character varying(64) NOT NULL, \"status\" \"public\".\"compliance_result_status_enum\" NOT NULL, \"severity\" \"public\".\"compliance_result_severity_enum\" NOT NULL, \"message\" text NOT NULL, \"evidence\" jsonb NOT NULL, \"citations\" jsonb NOT NULL, \"remediation\" jsonb NOT NULL, \"snapshot_id\" uuid, \"checked_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_25f11d141a5c9bd9fa12e6b5145\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_e880b58bdb11dee0116dcc3d34\" ON \"compliance_result\"  (\"district_id\", \"rule_id\", \"status\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_647c0714d7e5418dc12edb0b36\" ON \"compliance_result\"  (\"district_id\", \"account_id\", \"rule_id\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"finding_severity_enum\" AS ENUM('critical', 'high', 'medium', 'low')");
    await queryRunner.query("CREATE TYPE \"public\".\"finding_state_enum\" AS ENUM('OPEN', 'RESOLVED')");
    await queryRunner.query("CREATE TABLE \"finding\" (\"id\" uuid NOT NULL, \"district_id\" uuid NOT NULL, \"account_id\" uuid NOT NULL, \"school_id\" uuid, \"rule_id\" character varying(64) NOT NULL, \"severity\" \"public\".\"finding_severity_enum\" NOT NULL, \"state\" \"public\".\"finding_state_enum\" NOT NULL, \"message\" text NOT NULL, \"evidence\" jsonb NOT NULL, \"snapshot_id\" uuid, \"first_seen_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"last_seen_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"resolved_at\" TIMESTAMP WITH TIME ZONE, \"reopened_count\" integer NOT NULL DEFAULT '0', CONSTRAINT \"PK_a904dfcf401ccfbaa60bb6eec29\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_1c2232cf410bc6424fefe7cd12\" ON \"finding\"  (\"district_id\", \"state\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_19a492b84c6243f4261deb2e02\" ON \"finding\"  (\"district_id\", \"id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_ac7a98a3355fd814dad5580c05\" ON \"finding\"  (\"district_id\", \"account_id\", \"rule_id\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"finding_event_type_enum\" AS ENUM('OPENED', 'RESOLVED', 'REOPENED')");
    await queryRunner.query("CREATE TABLE \"finding_event\" (\"id\" uuid NOT NULL, \"district_id\" uuid NOT NULL, \"finding_id\" uuid NOT NULL, \"type\" \"public\".\"finding_event_type_enum\" NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"message\" text NOT NULL, \"snapshot_id\" uuid, CONSTRAINT \"PK_60d4ef044f8ea1af164665786e7\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_e09c795fbf19cb6f936cef1aee\" ON \"finding_event\"  (\"finding_id\", \"at\") ");
    await queryRunner.query("CREATE TABLE \"rule_exception\" (\"id\" uuid NOT NULL, \"district_id\" uuid NOT NULL, \"account_id\" uuid NOT NULL, \"rule_id\" character varying(64) NOT NULL, \"reason\" text NOT NULL, \"granted_by\" character varying(200) NOT NULL, \"granted_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_33957bb7590ce626abb3463deeb\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_8f1216d0e75d4c553fa1727787\" ON \"rule_exception\"  (\"account_id\", \"rule_id\", \"expires_at\") ");
    await queryRunner.query("CREATE TABLE \"attestation\" (\"id\" uuid NOT NULL, \"district_id\" uuid NOT NULL, \"account_id\" uuid NOT NULL, \"rule_id\" character varying(64) NOT NULL, \"statement\" text NOT NULL, \"compliant\" boolean NOT NULL, \"attested_by\" character varying(200) NOT NULL, \"attested_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_c5443ea47f1f49c64c47257a6a2\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_89253d2a61330cf4d52741f830\" ON \"attestation\"  (\"account_id\", \"rule_id\", \"expires_at\") ");
    await queryRunner.query("ALTER TABLE \"compliance_result\" ADD CONSTRAINT \"FK_91bf3c5ed14919d7d18cad4f3cf\" FOREIGN KEY (\"district_id\") REFERENCES \"district\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"compliance_result\" ADD CONSTRAINT \"FK_7f74343a6a87044a5861b80a468\" FOREIGN KEY (\"account_id\") REFERENCES \"social_account\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"finding\" ADD CONSTRAINT \"FK_53bf0d06b9dea5b84033cfc0cf3\" FOREIGN KEY (\"district_id\") REFERENCES \"district\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"finding\" ADD CONSTRAINT \"FK_4d3652ff949b6e630ffe7fb6896\" FOREIGN KEY (\"account_id\") REFERENCES \"social_account\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"finding_event\" ADD CONSTRAINT \"FK_ae7f11e398b6e130597eeb0f05e\" FOREIGN KEY (\"district_id\") REFERENCES \"district\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"finding_event\" ADD CONSTRAINT \"FK_3e63cf3c90f6ce1e5986acfdb8c\" FOREIGN KEY (\"finding_id\") REFERENCES \"finding\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"rule_exception\" ADD CONSTRAINT \"FK_e973f523bedea8bf6b139b8ade2\" FOREIGN KEY (\"district_id\") REFERENCES \"district\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"rule_exception\" ADD CONSTRAINT \"FK_40ed27c6c7595a3cacdf8071f16\" FOREIGN KEY (\"account_id\") REFERENCES \"social_account\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"attestation\" ADD CONSTRAINT \"FK_87abf35200bbe14c1f89deac420\" FOREIGN KEY (\"district_id\") REFERENCES \"district\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"attestation\" ADD CONSTRAINT \"FK_409c9eea67a576de73efa792a62\" FOREIGN KEY (\"account_id\") REFERENCES \"social_account\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"attestation\" DROP CONSTRAINT \"FK_409c9eea67a576de73efa792a62\"");
    await queryRunner.query("ALTER TABLE \"attestation\" DROP CONSTRAINT \"FK_87abf35200bbe14c1f89deac420\"");
    await queryRunner.query("ALTER TABLE \"rule_exception\" DROP CONSTRAINT \"FK_40ed27c6c7595a3cacdf8071f16\"");
    await queryRunner.query("ALTER TABLE \"rule_exception\" DROP CONSTRAINT \"FK_e973f523bedea8bf6b139b8ade2\"");
    await queryRunner.query("ALTER TABLE \"finding_event\" DROP CONSTRAINT \"FK_3e63cf3c90f6ce1e5986acfdb8c\"");
    await queryRunner.query("ALTER TABLE \"finding_event\" DROP CONSTRAINT \"FK_ae7f11e398b6e130597eeb0f05e\"");
    await queryRunner.query("ALTER TABLE \"finding\" DROP CONSTRAINT \"FK_4d3652ff949b6e630ffe7fb6896\"");
    await queryRunner.query("ALTER TABLE \"finding\" DROP CONSTRAINT \"FK_53bf0d06b9dea5b84033cfc0cf3\"");
    await queryRunner.query("ALTER TABLE \"compliance_result\" DROP CONSTRAINT \"FK_7f74343a6a87044a5861b80a468\"");
    await queryRunner.query("ALTER TABLE \"compliance_result\" DROP CONSTRAINT \"FK_91bf3c5ed14919d7d18cad4f3cf\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_89253d2a61330cf4d52741f830\"");
    await queryRunner.query("DROP TABLE \"attestation\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_8f1216d0e75d4c553fa1727787\"");
    await queryRunner.query("DROP TABLE \"rule_exception\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_e09c795fbf19cb6f936cef1aee\"");
    await queryRunner.query("DROP TABLE \"finding_event\"");
    await queryRunner.query("DROP TYPE \"public\".\"finding_event_type_enum\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_ac7a98a3355fd814dad5580c05\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_19a492b84c6243f4261deb2e02\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_1c2232cf410bc6424fefe7cd12\"");
    await queryRunner.query("DROP TABLE \"finding\"");
    await queryRunner.query("DROP TYPE \"public\".\"finding_state_enum\"");
    await queryRunner.query("DROP TYPE \"public\".\"finding_severity_enum\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_647c0714d7e5418dc12edb0b36\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_e880b58bdb11dee0116dcc3d34\"");
    await queryRunner.query("DROP TABLE \"compliance_result\"");
    await queryRunner.query("DROP TYPE \"public\".\"compliance_result_severity_enum\"");
    await queryRunner.query("DROP TYPE \"public\".\"compliance_result_status_enum\"");
  }
}
