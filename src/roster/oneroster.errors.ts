import { BadUserInputError, ConflictError } from '../errors/app-errors';
import type { RemovalGuardFigures, RosterProblem, RosterProblemCode } from './oneroster.types';

/** Enough to fix a broken export in one go, without a response the size of the export. */
export const MAX_REPORTED_PROBLEMS = 100;

/** The export has problems; nothing was written. `problems` holds the first MAX_REPORTED_PROBLEMS of `total`. */
export class RosterFilesError extends BadUserInputError {
  constructor(
    readonly problems: RosterProblem[],
    readonly total: number,
  ) {
    super(
      problems.map((problem) => ({
        path: [problem.file, problem.line, problem.column].filter((part) => part !== null).join(':'),
        constraint: problem.code,
        message: problem.message,
      })),
      `The OneRoster export has ${total} problem${total === 1 ? '' : 's'}; nothing was imported.`,
    );
  }
}

/** A bulk import that would remove a larger share of people than allowed: an empty or partial export, most likely. */
export class RosterRemovalGuardError extends ConflictError {
  constructor(readonly guard: RemovalGuardFigures) {
    const percent = guard.active ? Math.round((guard.removals * 1000) / guard.active) / 10 : 100;
    super(
      `This import would remove ${guard.removals} of ${guard.active} active imported people (${percent}%), more than the ${guard.maxPercent}% allowed at once; nothing was imported. Check the export, or allow the mass removal explicitly.`,
      'ROSTER_REMOVAL_GUARD',
      [{ path: 'users.csv', constraint: 'maxRemovalPercent', message: `${guard.removals} removals of ${guard.active}` }],
    );
  }
}

/** Collects problems while every file and row is checked, so all of them are reported at once. */
export class ProblemList {
  private readonly items: RosterProblem[] = [];
  private count = 0;

  add(file: string, line: number | null, column: string | null, code: RosterProblemCode, message: string): void {
    this.count += 1;
    if (this.items.length < MAX_REPORTED_PROBLEMS) this.items.push({ file, line, column, code, message });
  }

  get size(): number {
    return this.count;
  }

  throwIfAny(): void {
    if (this.count > 0) throw new RosterFilesError(this.sortedItems(), this.count);
  }

  private sortedItems(): RosterProblem[] {
    return [...this.items].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  }
}
