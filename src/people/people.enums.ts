import { registerEnumType } from 'type-graphql';

export enum StaffRole {
  TEACHER = 'TEACHER',
  PRINCIPAL = 'PRINCIPAL',
  VICE_PRINCIPAL = 'VICE_PRINCIPAL',
  SUPERVISOR = 'SUPERVISOR',
  DISTRICT_ADMINISTRATOR = 'DISTRICT_ADMINISTRATOR',
  IT_DIRECTOR = 'IT_DIRECTOR',
  IT_STAFF = 'IT_STAFF',
  COMMUNICATIONS = 'COMMUNICATIONS',
  COUNSELOR = 'COUNSELOR',
  AIDE = 'AIDE',
  SUPPORT_STAFF = 'SUPPORT_STAFF',
  OTHER = 'OTHER',
}

export enum StaffStatus {
  ACTIVE = 'ACTIVE',
  ON_LEAVE = 'ON_LEAVE',
  DEPARTED = 'DEPARTED',
}

export enum EnrolmentStatus {
  ENROLLED = 'ENROLLED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(StaffRole, { name: 'StaffRole' });
registerEnumType(StaffStatus, { name: 'StaffStatus' });
registerEnumType(EnrolmentStatus, {
  name: 'EnrolmentStatus',
  description: 'WITHDRAWN removes the student and their handles (Proctor keeps no student data it does not need).',
});
