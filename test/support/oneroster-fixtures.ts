import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';

/** OneRoster 1.2 column orders (users.csv with one metadata.* extension column, as a district would add). */
export const COLUMNS = {
  users: [
    'sourcedId', 'status', 'dateLastModified', 'enabledUser', 'username', 'userIds', 'givenName', 'familyName', 'middleName',
    'identifier', 'email', 'sms', 'phone', 'agentSourcedIds', 'grades', 'password', 'userMasterIdentifier', 'resourceSourcedIds',
    'preferredGivenName', 'preferredMiddleName', 'preferredFamilyName', 'primaryOrgSourcedId', 'pronouns', 'metadata.mediaConsent',
  ],
  roles: ['sourcedId', 'status', 'dateLastModified', 'userSourcedId', 'roleType', 'role', 'beginDate', 'endDate', 'orgSourcedId', 'userProfileSourcedId'],
  orgs: ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier', 'parentSourcedId'],
} as const;

export type Row = Record<string, string>;
export type Kind = 'staff' | 'student' | 'guardian';

export interface RosterExport {
  manifest: Row;
  users: Row[];
  roles: Row[];
  orgs: Row[];
  /** What each users.csv row is, by sourcedId (the generator's intent, for assertions). */
  kinds: Map<string, Kind>;
}

const STAFF_ROLES = ['teacher', 'teacher', 'teacher', 'aide', 'counselor', 'principal', 'administrator'];
export const DISTRICT_ORG = 'org-district';
export const schoolOrg = (code: string) => `org-${code.toLowerCase()}`;

/** The kind of the user at `index`: every 8th is staff (so users.csv line 1234, index 1232, is staff), every 50th from 1 a guardian. */
export function kindAt(index: number): Kind {
  if (index % 8 === 0) return 'staff';
  if (index % 50 === 1) return 'guardian';
  return 'student';
}

/**
 * A district's bulk export: `users` users over the schools whose Proctor codes are `schoolCodes` (as the orgs'
 * identifiers), with one role each (staff every 16th also a secondary role at the next school), students with
 * media consent (true / false / blank in turn) and Instagram or X handles among other userIds.
 */
export function generateRoster(options: { users: number; schoolCodes: string[]; prefix?: string }): RosterExport {
  const prefix = options.prefix ?? 'u';
  const orgs: Row[] = [
    { sourcedId: DISTRICT_ORG, name: 'Fixture District', type: 'district', identifier: 'D-1' },
    ...options.schoolCodes.map((code) => ({ sourcedId: schoolOrg(code), name: `School ${code}`, type: 'school', identifier: code, parentSourcedId: DISTRICT_ORG })),
  ];
  const users: Row[] = [];
  const roles: Row[] = [];
  const kinds = new Map<string, Kind>();
  for (let index = 0; index < options.users; index += 1) {
    const kind = kindAt(index);
    const sourcedId = `${prefix}-${index}`;
    const school = schoolOrg(options.schoolCodes[index % options.schoolCodes.length]);
    kinds.set(sourcedId, kind);
    const given = `Given${index}`;
    const family = `Family${index}`;
    const user: Row = { sourcedId, enabledUser: 'true', username: `${prefix}${index}`, givenName: given, familyName: family, userIds: `{LDAP:${prefix}${index}}` };
    if (kind === 'staff') {
      Object.assign(user, { identifier: `E-${prefix}-${index}`, email: `${given}.${family}@district.example.org`.toLowerCase() });
      const role = index % 40 === 0 ? 'districtAdministrator' : STAFF_ROLES[(index / 8) % STAFF_ROLES.length];
      roles.push({ sourcedId: `r-${sourcedId}`, userSourcedId: sourcedId, roleType: 'primary', role, orgSourcedId: role === 'districtAdministrator' ? DISTRICT_ORG : school });
      if (index % 16 === 0) {
        const second = schoolOrg(options.schoolCodes[(index + 1) % options.schoolCodes.length]);
        roles.push({ sourcedId: `r2-${sourcedId}`, userSourcedId: sourcedId, roleType: 'secondary', role: 'teacher', orgSourcedId: second });
      }
    } else if (kind === 'student') {
      const handle = index % 3 === 0 ? `{instagram:@stu.${prefix}.${index}}` : index % 3 === 1 ? `{x:stu_${prefix}_${index}}` : '';
      Object.assign(user, {
        identifier: `S-${prefix}-${index}`,
        email: `s${index}@students.example.org`,
        grades: '07',
        userIds: [user.userIds, handle].filter(Boolean).join(','),
        'metadata.mediaConsent': ['true', 'false', ''][index % 3],
      });
      roles.push({ sourcedId: `r-${sourcedId}`, userSourcedId: sourcedId, roleType: 'primary', role: 'student', orgSourcedId: school });
    } else {
      Object.assign(user, { email: `parent${index}@home.example.org` });
      roles.push({ sourcedId: `r-${sourcedId}`, userSourcedId: sourcedId, roleType: 'primary', role: 'guardian', orgSourcedId: school });
    }
    users.push(user);
  }
  const manifest: Row = {
    'manifest.version': '1.0',
    'oneroster.version': '1.2',
    'file.academicSessions': 'absent',
    'file.classes': 'absent',
    'file.enrollments': 'absent',
    'file.orgs': 'bulk',
    'file.roles': 'bulk',
    'file.users': 'bulk',
    'source.systemName': 'Fixture SIS',
  };
  return { manifest, users, roles, orgs, kinds };
}

function csvCell(value: string | undefined): string {
  const text = value ?? '';
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function table(columns: readonly string[], rows: Row[]): string {
  return [columns.join(','), ...rows.map((row) => columns.map((column) => csvCell(row[column])).join(','))].join('\r\n') + '\r\n';
}

/** The export's files as CSV text (CRLF line ends, as the spec's examples and most SIS exports have). */
export function rosterFiles(roster: RosterExport): Record<string, string> {
  return {
    'manifest.csv': table(['propertyName', 'value'], Object.entries(roster.manifest).map(([propertyName, value]) => ({ propertyName, value }))),
    'users.csv': table(COLUMNS.users, roster.users),
    'roles.csv': table(COLUMNS.roles, roster.roles),
    'orgs.csv': table(COLUMNS.orgs, roster.orgs),
  };
}

/** An export, or files given as text by name (for tests of broken exports). */
type Source = RosterExport | Record<string, string>;
const asFiles = (source: Source): Record<string, string> => ('kinds' in source ? rosterFiles(source as RosterExport) : (source as Record<string, string>));

export function rosterZip(roster: Source, folder = ''): Buffer {
  const files = asFiles(roster);
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [`${folder}${name}`, strToU8(text)]))));
}

/** Writes the export as a folder and as a zip into a new temp directory. */
export function writeRoster(roster: Source): { folder: string; zip: string; cleanup(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'proctor-oneroster-'));
  const files = asFiles(roster);
  const folder = path.join(root, 'export');
  fs.mkdirSync(folder);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), text);
  const zip = path.join(root, 'export.zip');
  fs.writeFileSync(zip, rosterZip(files));
  return { folder, zip, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}
