import type { DataSource } from 'typeorm';
import { AccountService } from './accounts/account.service';
import { AuditService } from './audit/audit.service';
import { ApiKeyService } from './auth/api-key.service';
import type { Config } from './config/config';
import type { ResolvedSecrets } from './config/local-secrets';
import { DistrictService } from './districts/district.service';
import { StaffService } from './people/staff.service';
import { StudentService } from './people/student.service';
import { SchoolService } from './schools/school.service';

/** The stateless services, built once per process and shared by GraphQL, the CLI and jobs. */
export interface Services {
  apiKeys: ApiKeyService;
  districts: DistrictService;
  schools: SchoolService;
  staff: StaffService;
  students: StudentService;
  accounts: AccountService;
  audit: AuditService;
}

export function createServices(dataSource: DataSource, config: Config, secrets: ResolvedSecrets): Services {
  const apiKeys = new ApiKeyService(dataSource);
  return {
    apiKeys,
    districts: new DistrictService(dataSource, apiKeys),
    schools: new SchoolService(),
    staff: new StaffService(),
    students: new StudentService(secrets.handleHashKey),
    accounts: new AccountService(config.graphql.maxPageSize),
    audit: new AuditService(config.graphql.maxPageSize),
  };
}
