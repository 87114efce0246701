import { Platform } from '../../src/accounts/account.enums';
import { parseRosterCsv } from '../../src/roster/oneroster-csv';
import { RowReader } from '../../src/roster/oneroster-fields';
import { readManifest } from '../../src/roster/oneroster-manifest';
import { readRosterArchive } from '../../src/roster/oneroster-reader';
import { MAX_REPORTED_PROBLEMS, ProblemList, RosterFilesError } from '../../src/roster/oneroster.errors';
import type { RosterFileName, RosterFiles } from '../../src/roster/oneroster.types';
import { rosterZip } from '../support/oneroster-fixtures';

function problemsOf(work: (problems: ProblemList) => void) {
  const problems = new ProblemList();
  work(problems);
  try {
    problems.throwIfAny();
    return [];
  } catch (error) {
    return (error as RosterFilesError).problems.map(({ file, line, column, code }) => ({ file, line, column, code }));
  }
}

const files = (entries: Record<string, string>): RosterFiles => new Map(Object.entries(entries).map(([name, text]) => [name as RosterFileName, Buffer.from(text)]));

describe('OneRoster CSV parsing', () => {
  it('gives each row the line it starts on, past quoted line breaks (CRLF too), blank lines and a BOM', () => {
    for (const newline of ['\n', '\r\n']) {
      const text = `\ufeffsourcedId,Name${newline}a,"two${newline}lines"${newline}${newline}b,plain${newline}c,"x ""quoted"""${newline}`;
      const table = parseRosterCsv('users.csv', Buffer.from(text), { required: ['sourcedId', 'name'] }, new ProblemList());
      expect(table!.columns).toEqual(['sourcedId', 'name']);
      expect(table!.rows.map((row) => [row.line, row.values.sourcedId])).toEqual([[2, 'a'], [5, 'b'], [6, 'c']]);
      expect(table!.rows[2].values.name).toBe('x "quoted"');
    }
  });

  it('reports missing and repeated columns on line 1, short rows on their line, and broken quoting', () => {
    expect(problemsOf((problems) => parseRosterCsv('roles.csv', Buffer.from('sourcedId,role,role\n'), { required: ['sourcedId', 'userSourcedId', 'role'] }, problems))).toEqual([
      { file: 'roles.csv', line: 1, column: 'role', code: 'BAD_CSV' },
      { file: 'roles.csv', line: 1, column: 'userSourcedId', code: 'MISSING_COLUMN' },
    ]);
    expect(problemsOf((problems) => parseRosterCsv('orgs.csv', Buffer.from('a,b\n1,2\n3\n4,5\n'), { required: ['a', 'b'] }, problems))).toEqual([
      { file: 'orgs.csv', line: 3, column: null, code: 'BAD_CSV' },
    ]);
    expect(problemsOf((problems) => parseRosterCsv('orgs.csv', Buffer.from('a,b\n1,"2\n'), { required: ['a', 'b'] }, problems))[0]).toMatchObject({ code: 'BAD_CSV' });
  });

  it('reads userIds into platform handles and ignores other identifier types', () => {
    const problems = new ProblemList();
    const reader = new RowReader('users.csv', { line: 7, values: { userIds: '{LDAP:jdoe},{instagram:@j.doe},{Twitter:jd},{youtube:JDChannel}' } }, problems);
    expect(reader.handles('userIds')).toEqual([
      { platform: Platform.INSTAGRAM, handle: '@j.doe' },
      { platform: Platform.X, handle: 'jd' },
      { platform: Platform.YOUTUBE, handle: 'JDChannel' },
    ]);
    expect(problems.size).toBe(0);
    expect(problemsOf((list) => new RowReader('users.csv', { line: 7, values: { userIds: 'instagram:jdoe' } }, list).handles('userIds'))).toEqual([
      { file: 'users.csv', line: 7, column: 'userIds', code: 'BAD_VALUE' },
    ]);
  });

  it('checks dates, booleans and emails, naming the column', () => {
    const found = problemsOf((problems) => {
      const reader = new RowReader('roles.csv', { line: 3, values: { endDate: '2024-02-30', enabledUser: 'yes', email: 'nobody' } }, problems);
      expect(reader.date('endDate')).toBeNull();
      expect(reader.boolean('enabledUser', true)).toBe(true);
      expect(reader.email('email')).toBeNull();
    });
    expect(found.map((problem) => [problem.column, problem.code])).toEqual([['endDate', 'BAD_VALUE'], ['enabledUser', 'BAD_VALUE'], ['email', 'BAD_VALUE']]);
  });

  it('reads the manifest: version 1.2 only, modes, and the files they need', () => {
    const manifest = 'propertyName,value\noneroster.version,1.2\nfile.users,bulk\nfile.roles,bulk\nfile.orgs,absent\nsource.systemName,PowerSchool\n';
    const ok = readManifest(files({ 'manifest.csv': manifest, 'users.csv': '', 'roles.csv': '' }), new ProblemList());
    expect(ok).toEqual({ modes: { users: 'bulk', roles: 'bulk', orgs: 'absent' }, sourceSystem: 'PowerSchool' });

    expect(problemsOf((problems) => readManifest(files({}), problems))).toEqual([{ file: 'manifest.csv', line: null, column: null, code: 'MISSING_FILE' }]);
    const old = 'propertyName,value\noneroster.version,1.1\nfile.users,bulk\nfile.roles,delta\n';
    expect(problemsOf((problems) => readManifest(files({ 'manifest.csv': old, 'users.csv': '' }), problems))).toEqual([
      { file: 'manifest.csv', line: 2, column: 'value', code: 'BAD_MANIFEST' },
      { file: 'manifest.csv', line: 4, column: 'value', code: 'BAD_MANIFEST' },
      { file: 'roles.csv', line: null, column: null, code: 'MISSING_FILE' },
    ]);
  });

  it('reports at most MAX_REPORTED_PROBLEMS problems but counts them all', () => {
    const problems = new ProblemList();
    for (let line = 2; line < 300; line += 1) problems.add('users.csv', line, 'email', 'BAD_VALUE' as never, 'bad');
    expect(() => problems.throwIfAny()).toThrow(RosterFilesError);
    try {
      problems.throwIfAny();
    } catch (error) {
      expect((error as RosterFilesError).problems).toHaveLength(MAX_REPORTED_PROBLEMS);
      expect((error as RosterFilesError).total).toBe(298);
      expect((error as RosterFilesError).extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('takes the OneRoster files from a zip, at its root or in one folder, and refuses anything else', () => {
    const zipped = readRosterArchive(rosterZip({ 'manifest.csv': 'm', 'users.csv': 'u', 'courses.csv': 'c' }, 'export-2024/'));
    expect([...zipped.keys()].sort()).toEqual(['manifest.csv', 'users.csv']);
    expect(zipped.get('users.csv')!.toString()).toBe('u');
    expect(() => readRosterArchive(Buffer.from('not a zip'))).toThrow(RosterFilesError);
    expect(() => readRosterArchive(rosterZip({ 'a/users.csv': 'u', 'b/users.csv': 'u' }))).toThrow(RosterFilesError);
  });
});
