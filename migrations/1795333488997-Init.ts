import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795333488997 implements MigrationInterface {
  name = 'Init1795333488997';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"district\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" uuid NOT NULL, \"name\" character varying(200) NOT NULL, \"slug\" character varying(63) NOT NULL, \"email_domains\" text array NOT NULL, \"website_url\" character varying(2048), \"policy_profile_id\" character varying(64) NOT NULL, \"policy_overrides\" jsonb NOT NULL DEFAULT '{}'::jsonb, \"time_zone\" character varying(64) NOT NULL DEFAULT 'UTC', CONSTRAINT \"UQ_aa4f473f6032fff782ade8ccd19\" UNIQUE (\"slug\"), CONSTRAINT \"PK_ee5cb6fd5223164bb87ea693f1e\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"school\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" uuid NOT NULL, \"district_id\" uuid NOT NULL, \"name\" character varying(200) NOT NULL, \"code\" character varying(32) NOT NULL, \"website_url\" character varying(2048) NOT NULL, CONSTRAINT \"PK_57836c3fe2f2c7734b20911755e\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_482a8469eb2fd12546f07d0c67\" ON \"school\"  (\"district_id\", \"code\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"social_account_platform_enum\" AS ENUM('FACEBOOK', 'INSTAGRAM', 'X', 'YOUTUBE', 'LINKEDIN', 'OTHER')");
    await queryRunner.query("CREATE TYPE \"public\".\"social_account_scope_enum\" AS ENUM('DISTRICT', 'SCHOOL', 'DEPARTMENT', 'CLASSROOM', 'CLUB')");
    await queryRunner.query("CREATE TYPE \"public\".\"social_account_audience_enum\" AS ENUM('PUBLIC', 'PRIVATE')");
    await queryRunner.query("CREATE TYPE \"public\".\"social_account_kind_enum\" AS ENUM('SHARED_LOGIN', 'INDIVIDUAL', 'PLATFORM_ROLES')");
    await queryRunner.query("CREATE TYPE \"public\".\"social_account_status_enum\" AS ENUM('PENDING_APPROVAL', 'ACTIVE', 'RETIRED')");
    await queryRunner.query("CREATE TYPE \"public\".\"social_account_approver_role_enum\" AS ENUM('DISTRICT_ADMIN', 'PRINCIPAL', 'VIEWER', 'HR_SYSTEM', 'SIS_SYSTEM')");
    await queryRunner.query("CREATE TABLE \"social_account\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" uuid NOT NULL, \"district_id\" uuid NOT NULL, \"platform\" \"public\".\"social_account_platform_enum\" NOT NULL, \"handle\" character varying(255) NOT NULL, \"external_id\" character varying(255), \"display_name\" character varying(255), \"scope\" \"public\".\"social_account_scope_enum\" NOT NULL, \"school_id\" uuid, \"audience\" \"public\".\"social_account_audience_enum\" NOT NULL, \"public_justification\" text, \"kind\" \"public\".\"social_account_kind_enum\" NOT NULL, \"custodian_email\" character varying(320) NOT NULL, \"login_email\" character varying(320), \"status\" \"public\".\"social_account_status_enum\" NOT NULL DEFAULT 'PENDING_APPROVAL', \"registered_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"registered_by\" character varying(200) NOT NULL, \"approved_at\" TIMESTAMP WITH TIME ZONE, \"approved_by\" character varying(200), \"approver_role\" \"public\".\"social_account_approver_role_enum\", \"approval_note\" text, \"retired_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_a69e41dd6fa725d17b040eda5e6\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_de440640734bbaea0f796fec6c\" ON \"social_account\"  (\"district_id\", \"school_id\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_e25254fab1f200c299c0ba858e\" ON \"social_account\"  (\"district_id\", \"id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_c48babb74780460351b8ffdda8\" ON \"social_account\"  (\"district_id\", \"platform\", \"handle\") ");
    await queryRunner.query("CREATE TABLE \"account_admin\" (\"id\" uuid NOT NULL, \"district_id\" uuid NOT NULL, \"account_id\" uuid NOT NULL, \"email\" character varying(320), \"name\" character varying(200), \"employee_id\" character varying(64), \"platform_user_id\" character varying(255), \"platform_role\" character varying(64) NOT NULL, \"is_service_account\" boolean NOT NULL DEFAULT false, \"added_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"removed_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"CHK_505f3861dc7dadb28234f2d982\" CHECK (\"email\" IS NOT NULL OR \"employee_id\" IS NOT NULL OR \"platform_user_id\" IS NOT NULL), CONSTRAINT \"PK_3b2f933da84ee5103d5e8213946\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_cce035a6a0cf45e062efd3efc0\" ON \"account_admin\"  (\"account_id\") ");
    await queryRunner.query("CREATE TABLE \"audit_entry\" (\"id\" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, \"district_id\" uuid NOT NULL, \"school_id\" uuid, \"actor_type\" character varying(16) NOT NULL, \"actor_id\" character varying(64) NOT NULL, \"actor_label\" character varying(200) NOT NULL, \"actor_role\" character varying(32), \"action\" character varying(64) NOT NULL, \"target_type\" character varying(64) NOT NULL, \"target_id\" character varying(64), \"before\" jsonb, \"after\" jsonb, \"request_id\" character varying(64), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_58a130a4b9da189f46ba2a01801\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_69a4f84009013a7b7bcfe9d709\" ON \"audit_entry\"  (\"district_id\", \"id\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"api_key_role_enum\" AS ENUM('DISTRICT_ADMIN', 'PRINCIPAL', 'VIEWER', 'HR_SYSTEM', 'SIS_SYSTEM')");
    await queryRunner.query("CREATE TABLE \"api_key\" (\"id\" uuid NOT NULL, \"district_id\" uuid NOT NULL, \"key_id\" character varying(32) NOT NULL, \"salt\" bytea NOT NULL, \"secret_hash\" bytea NOT NULL, \"role\" \"public\".\"api_key_role_enum\" NOT NULL, \"school_id\" uuid, \"label\" character varying(200) NOT NULL, \"created_by\" character varying(200) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"last_used_at\" TIMESTAMP WITH TIME ZONE, \"revoked_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"UQ_25317defbd76045915caa07f8aa\" UNIQUE (\"key_id\"), CONSTRAINT \"PK_b1bd840641b8acbaad89c3d8d11\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TYPE \"public\".\"staff_role_enum\" AS ENUM('TEACHER', 'PRINCIPAL', 'VICE_PRINCIPAL', 'SUPERVISOR', 'DISTRICT_ADMINISTRATOR', 'IT_DIRECTOR', 'IT_STAFF', 'COMMUNICATIONS', 'COUNSELOR', 'AIDE', 'SUPPORT_STAFF', 'OTHER')");
    await queryRunner.query("CREATE TYPE \"public\".\"staff_status_enum\" AS ENUM('ACTIVE', 'ON_LEAVE', 'DEPARTED')");
    await queryRunner.query("CREATE TABLE \"staff\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" uuid NOT NULL, \"district_id\" uuid NOT NULL, \"employee_id\" character varying(64) NOT NULL, \"name\" character varying(200) NOT NULL, \"email\" character varying(320) NOT NULL, \"school_id\" uuid, \"role\" \"public\".\"staff_role_enum\" NOT NULL, \"status\" \"public\".\"staff_status_enum\" NOT NULL, \"departed_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_e4ee98bb552756c180aec1e854a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_17690c95ced446a885837ca5d8\" ON \"staff\"  (\"district_id\", \"email\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_d28c957e898afb16131233d08a\" ON \"staff\"  (\"district_id\", \"employee_id\") ");
    await queryRunner.query("CREATE TABLE \"student\" (\"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"id\" uuid NOT NULL, \"district_id\" uuid NOT NULL, \"student_id\" character varying(64) NOT NULL, \"school_id\" uuid NOT NULL, \"media_consent\" boolean NOT NULL, CONSTRAINT \"PK_3d8016e1cb58429474a3c041904\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_fbbfe909bc7696124469268e50\" ON \"student\"  (\"district_id\", \"student_id\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"student_handle_platform_enum\" AS ENUM('FACEBOOK', 'INSTAGRAM', 'X', 'YOUTUBE', 'LINKEDIN', 'OTHER')");
    await queryRunner.query("CREATE TABLE \"student_handle\" (\"student_id\" uuid NOT NULL, \"platform\" \"public\".\"student_handle_platform_enum\" NOT NULL, \"handle_hash\" character(64) NOT NULL, \"district_id\" uuid NOT NULL, CONSTRAINT \"PK_e45e144ca83387db3691ed3e487\" PRIMARY KEY (\"student_id\", \"platform\", \"handle_hash\"))");
    await queryRunner.query("CREATE INDEX \"IDX_2d245b1a96cb1da0a5934afaa5\" ON \"student_handle\"  (\"district_id\", \"platform\", \"handle_hash\") ");
    await queryRunner.query("ALTER TABLE \"school\" ADD CONSTRAINT \"FK_a9d75b35e8ce9a02aa7d4025fc1\" FOREIGN KEY (\"district_id\") REFERENCES \"district\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"social_account\" ADD CONSTRAINT \"FK_f89e24ef4bb3880cfed5c8f0734\" FOREIGN KEY (\"district_id\") REFERENCES \"district\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"social_account\" ADD CONSTRAINT \"FK_cf2dfc1f154320779874d455236\" FOREIGN KEY (\"school_id\") REFERENCES \"school\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"account_admin\" ADD CONSTRAINT \"FK_cce035a6a0cf45e062efd3efc04\" FOREIGN KEY (\"account_id\") REFERENCES \"social_account\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"audit_entry\" ADD CONSTRAINT \"FK_19a3cdf4750e8169e1ecb09739a\" FOREIGN KEY (\"district_id\") REFERENCES \"district\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"api_key\" ADD CONSTRAINT \"FK_98af69b9cc51fe1a8bd4aa3f592\" FOREIGN KEY (\"district_id\") REFERENCES \"district\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"api_key\" ADD CONSTRAINT \"FK_936df9e1a2540b371cc03dd2cb0\" FOREIGN KEY (\"school_id\") REFERENCES \"school\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"staff\" ADD CONSTRAINT \"FK_8ddc6cb7515ae943534c0515820\" FOREIGN KEY (\"district_id\") REFERENCES \"district\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"staff\" ADD CONSTRAINT \"FK_351341ffb6055ef0907b18e28b9\" FOREIGN KEY (\"school_id\") REFERENCES \"school\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"student\" ADD CONSTRAINT \"FK_550915ad8bfa6c3e13cf3e70f9f\" FOREIGN KEY (\"district_id\") REFERENCES \"district\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"student\" ADD CONSTRAINT \"FK_64b13bd6b0dd5e036f81bf2b6d6\" FOREIGN KEY (\"school_id\") REFERENCES \"school\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"student_handle\" ADD CONSTRAINT \"FK_c863906a6c6e4fb22fe3cec1324\" FOREIGN KEY (\"student_id\") REFERENCES \"student\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"student_handle\" DROP CONSTRAINT \"FK_c863906a6c6e4fb22fe3cec1324\"");
    await queryRunner.query("ALTER TABLE \"student\" DROP CONSTRAINT \"FK_64b13bd6b0dd5e036f81bf2b6d6\"");
    await queryRunner.query("ALTER TABLE \"student\" DROP CONSTRAINT \"FK_550915ad8bfa6c3e13cf3e70f9f\"");
    await queryRunner.query("ALTER TABLE \"staff\" DROP CONSTRAINT \"FK_351341ffb6055ef0907b18e28b9\"");
    await queryRunner.query("ALTER TABLE \"staff\" DROP CONSTRAINT \"FK_8ddc6cb7515ae943534c0515820\"");
    await queryRunner.query("ALTER TABLE \"api_key\" DROP CONSTRAINT \"FK_936df9e1a2540b371cc03dd2cb0\"");
    await queryRunner.query("ALTER TABLE \"api_key\" DROP CONSTRAINT \"FK_98af69b9cc51fe1a8bd4aa3f592\"");
    await queryRunner.query("ALTER TABLE \"audit_entry\" DROP CONSTRAINT \"FK_19a3cdf4750e8169e1ecb09739a\"");
    await queryRunner.query("ALTER TABLE \"account_admin\" DROP CONSTRAINT \"FK_cce035a6a0cf45e062efd3efc04\"");
    await queryRunner.query("ALTER TABLE \"social_account\" DROP CONSTRAINT \"FK_cf2dfc1f154320779874d455236\"");
    await queryRunner.query("ALTER TABLE \"social_account\" DROP CONSTRAINT \"FK_f89e24ef4bb3880cfed5c8f0734\"");
    await queryRunner.query("ALTER TABLE \"school\" DROP CONSTRAINT \"FK_a9d75b35e8ce9a02aa7d4025fc1\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_2d245b1a96cb1da0a5934afaa5\"");
    await queryRunner.query("DROP TABLE \"student_handle\"");
    await queryRunner.query("DROP TYPE \"public\".\"student_handle_platform_enum\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_fbbfe909bc7696124469268e50\"");
    await queryRunner.query("DROP TABLE \"student\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_d28c957e898afb16131233d08a\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_17690c95ced446a885837ca5d8\"");
    await queryRunner.query("DROP TABLE \"staff\"");
    await queryRunner.query("DROP TYPE \"public\".\"staff_status_enum\"");
    await queryRunner.query("DROP TYPE \"public\".\"staff_role_enum\"");
    await queryRunner.query("DROP TABLE \"api_key\"");
    await queryRunner.query("DROP TYPE \"public\".\"api_key_role_enum\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_69a4f84009013a7b7bcfe9d709\"");
    await queryRunner.query("DROP TABLE \"audit_entry\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_cce035a6a0cf45e062efd3efc0\"");
    await queryRunner.query("DROP TABLE \"account_admin\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_c48babb74780460351b8ffdda8\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_e25254fab1f200c299c0ba858e\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_de440640734bbaea0f796fec6c\"");
    await queryRunner.query("DROP TABLE \"social_account\"");
    await queryRunner.query("DROP TYPE \"public\".\"social_account_approver_role_enum\"");
    await queryRunner.query("DROP TYPE \"public\".\"social_account_status_enum\"");
    await queryRunner.query("DROP TYPE \"public\".\"social_account_kind_enum\"");
    await queryRunner.query("DROP TYPE \"public\".\"social_account_audience_enum\"");
    await queryRunner.query("DROP TYPE \"public\".\"social_account_scope_enum\"");
    await queryRunner.query("DROP TYPE \"public\".\"social_account_platform_enum\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_482a8469eb2fd12546f07d0c67\"");
    await queryRunner.query("DROP TABLE \"school\"");
    await queryRunner.query("DROP TABLE \"district\"");
  }
}
