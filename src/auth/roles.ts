import { ApiRole } from './api-role';

/** Who may call what: every Query and Mutation names one of these in @Authorized (a test checks it). */
export const Roles = {
  anyone: [ApiRole.DISTRICT_ADMIN, ApiRole.PRINCIPAL, ApiRole.VIEWER, ApiRole.HR_SYSTEM, ApiRole.SIS_SYSTEM],
  /** Dashboards: read the registry and compliance. */
  readers: [ApiRole.DISTRICT_ADMIN, ApiRole.PRINCIPAL, ApiRole.VIEWER],
  districtAdmin: [ApiRole.DISTRICT_ADMIN],
  /** District-wide operations (syncs): a principal's key is limited to its school, so it has no view of them. */
  districtReaders: [ApiRole.DISTRICT_ADMIN, ApiRole.VIEWER],
  /** Register and approve accounts (a principal for its own school). */
  accountManagers: [ApiRole.DISTRICT_ADMIN, ApiRole.PRINCIPAL],
  staffFeeds: [ApiRole.DISTRICT_ADMIN, ApiRole.HR_SYSTEM, ApiRole.SIS_SYSTEM],
  studentFeeds: [ApiRole.DISTRICT_ADMIN, ApiRole.SIS_SYSTEM],
  /** Report a departure (HR), or do it by hand (district admin). */
  offboarders: [ApiRole.DISTRICT_ADMIN, ApiRole.HR_SYSTEM],
  offboardingReaders: [ApiRole.DISTRICT_ADMIN, ApiRole.VIEWER, ApiRole.HR_SYSTEM],
} as const;
