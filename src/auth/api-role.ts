import { registerEnumType } from 'type-graphql';

export enum ApiRole {
  DISTRICT_ADMIN = 'DISTRICT_ADMIN',
  PRINCIPAL = 'PRINCIPAL',
  VIEWER = 'VIEWER',
  HR_SYSTEM = 'HR_SYSTEM',
  SIS_SYSTEM = 'SIS_SYSTEM',
}

registerEnumType(ApiRole, {
  name: 'ApiRole',
  description: 'What an API key may do. PRINCIPAL keys are limited to one school.',
  valuesConfig: {
    DISTRICT_ADMIN: { description: 'Everything in the district.' },
    PRINCIPAL: { description: "Its own school's accounts: register, approve, read." },
    VIEWER: { description: 'Read-only, district-wide.' },
    HR_SYSTEM: { description: 'Staff roster feed and offboarding.' },
    SIS_SYSTEM: { description: 'Student and staff roster feeds.' },
  },
});

export const ALL_ROLES = Object.values(ApiRole);
