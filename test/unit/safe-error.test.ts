import { QueryFailedError } from 'typeorm';
import { safeError } from '../../src/logging/safe-error';

describe('safeError', () => {
  it('keeps the SQLSTATE, constraint and table of a failed query, never its parameters or detail', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "IDX_x"'), {
      code: '23505',
      constraint: 'IDX_x',
      table: 'staff',
      detail: 'Key (district_id, email)=(d, jane.doe@example.org) already exists.',
    });
    const error = new QueryFailedError('INSERT INTO staff ...', ['jane.doe@example.org', 'S-40001'], driverError);
    const logged = JSON.stringify(safeError(error));
    expect(JSON.parse(logged)).toMatchObject({ type: 'QueryFailedError', code: '23505', constraint: 'IDX_x', table: 'staff' });
    expect(logged).not.toContain('jane.doe');
    expect(logged).not.toContain('S-40001');
  });
});
