import fs from 'node:fs';
import path from 'node:path';

/** The directory holding package.json, from source (ts-jest) and from dist/ alike. */
export function projectRoot(): string {
  let directory = __dirname;
  while (!fs.existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('package.json not found above ' + __dirname);
    directory = parent;
  }
  return directory;
}
