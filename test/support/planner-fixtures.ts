import { AccountAdmin } from '../../src/accounts/account-admin.entity';
import { AccountKind, AccountScope, Audience, Platform } from '../../src/accounts/account.enums';
import { SocialAccount } from '../../src/accounts/social-account.entity';

/** A registered account for the planners' unit tests (plain object, no database). */
export function plannedAccount(overrides: Partial<SocialAccount> = {}): SocialAccount {
  return Object.assign(new SocialAccount(), {
    id: 'account-1',
    districtId: 'district-1',
    platform: Platform.FACEBOOK,
    handle: 'lincoln.high',
    externalId: 'page-1',
    displayName: 'Lincoln High',
    scope: AccountScope.SCHOOL,
    schoolId: 'school-1',
    audience: Audience.PRIVATE,
    publicJustification: null,
    kind: AccountKind.PLATFORM_ROLES,
    custodianEmail: 'custodian@district.example.org',
    loginEmail: null,
    ...overrides,
  });
}

let rowSequence = 0;

/** A current registry roster row (unique id each call). */
export function rosterRow(overrides: Partial<AccountAdmin> = {}): AccountAdmin {
  rowSequence += 1;
  return Object.assign(new AccountAdmin(), {
    id: `admin-row-${rowSequence}`,
    districtId: 'district-1',
    accountId: 'account-1',
    email: null,
    name: null,
    employeeId: null,
    platformUserId: null,
    platformRole: 'ADMIN',
    isServiceAccount: false,
    addedAt: new Date('2026-01-10T00:00:00Z'),
    removedAt: null,
    ...overrides,
  });
}
