import { ConflictError } from '../errors/app-errors';

export const slugTaken = (slug: string) =>
  new ConflictError(`A district with slug "${slug}" already exists.`, 'DISTRICT_SLUG_TAKEN', [
    { path: 'slug', constraint: 'unique', message: 'slug is taken' },
  ]);
