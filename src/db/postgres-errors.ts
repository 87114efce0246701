import { QueryFailedError } from 'typeorm';

/** True for a unique-index violation (SQLSTATE 23505), the race a pre-check cannot close. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';
}
