import { BadUserInputError, ConflictError, NotFoundError } from '../errors/app-errors';

export const feedTooLarge = (max: number) =>
  BadUserInputError.field('input', 'maxRows', `send at most ${max} rows per call; split larger feeds`);

export const unknownSchools = (paths: string[]) => new NotFoundError('School', ...paths);

export const staffEmailTaken = (paths: string[]) =>
  new ConflictError('An email in this feed already belongs to another employee.', 'STAFF_EMAIL_TAKEN',
    paths.map((path) => ({ path, constraint: 'unique', message: 'email belongs to another employeeId' })));
