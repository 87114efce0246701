import { registerEnumType } from 'type-graphql';

export enum Platform {
  FACEBOOK = 'FACEBOOK',
  INSTAGRAM = 'INSTAGRAM',
  X = 'X',
  YOUTUBE = 'YOUTUBE',
  LINKEDIN = 'LINKEDIN',
  OTHER = 'OTHER',
}

export enum AccountScope {
  DISTRICT = 'DISTRICT',
  SCHOOL = 'SCHOOL',
  DEPARTMENT = 'DEPARTMENT',
  CLASSROOM = 'CLASSROOM',
  CLUB = 'CLUB',
}

export enum Audience {
  PUBLIC = 'PUBLIC',
  PRIVATE = 'PRIVATE',
}

export enum AccountKind {
  SHARED_LOGIN = 'SHARED_LOGIN',
  INDIVIDUAL = 'INDIVIDUAL',
  PLATFORM_ROLES = 'PLATFORM_ROLES',
}

export enum AccountStatus {
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  ACTIVE = 'ACTIVE',
  RETIRED = 'RETIRED',
}

registerEnumType(Platform, { name: 'Platform' });
registerEnumType(AccountScope, {
  name: 'AccountScope',
  description: 'Whom the account speaks for. SCHOOL, CLASSROOM and CLUB accounts belong to a school.',
});
registerEnumType(Audience, { name: 'Audience', description: 'Who may see the account, as the district intends it.' });
registerEnumType(AccountKind, {
  name: 'AccountKind',
  valuesConfig: {
    SHARED_LOGIN: { description: 'One password known to several people (its rotation is tracked).' },
    INDIVIDUAL: { description: 'Held by exactly one person.' },
    PLATFORM_ROLES: { description: 'People reach it through their own logins and page roles.' },
  },
});
registerEnumType(AccountStatus, { name: 'AccountStatus' });

/** Scopes whose accounts must name a school. */
export const SCHOOL_SCOPES: ReadonlySet<AccountScope> = new Set([
  AccountScope.SCHOOL,
  AccountScope.CLASSROOM,
  AccountScope.CLUB,
]);
