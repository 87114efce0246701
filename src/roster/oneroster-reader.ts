import fs from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { RosterFilesError } from './oneroster.errors';
import { ROSTER_FILES, RosterProblemCode, type RosterFileName, type RosterFiles } from './oneroster.types';

/** Far above a district's export (10 000 users is about 2 MB); refuses a zip bomb before it is inflated. */
export const MAX_ROSTER_FILE_BYTES = 100 * 1024 * 1024;

const archiveProblem = (file: string, message: string) =>
  new RosterFilesError([{ file, line: null, column: null, code: RosterProblemCode.BAD_ARCHIVE, message }], 1);

function rosterName(entryPath: string): RosterFileName | null {
  const name = path.posix.basename(entryPath.replace(/\\/g, '/')).toLowerCase();
  return (ROSTER_FILES as readonly string[]).includes(name) ? (name as RosterFileName) : null;
}

/**
 * The OneRoster files of a zip, at its root or in one folder (exports are often zipped with their folder).
 * Other files (courses.csv, enrollments.csv, ...) are not inflated at all.
 */
export function readRosterArchive(zip: Uint8Array, label = 'upload.zip'): RosterFiles {
  const seen = new Map<RosterFileName, string>();
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, {
      filter: (entry) => {
        const name = rosterName(entry.name);
        if (!name || entry.name.startsWith('__MACOSX/')) return false;
        if (entry.originalSize > MAX_ROSTER_FILE_BYTES) throw archiveProblem(label, `${entry.name} is larger than ${MAX_ROSTER_FILE_BYTES} bytes`);
        const other = seen.get(name);
        if (other) throw archiveProblem(label, `the archive holds ${name} twice (${other} and ${entry.name})`);
        seen.set(name, entry.name);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof RosterFilesError) throw error;
    throw archiveProblem(label, 'not a readable zip archive');
  }
  const files: RosterFiles = new Map();
  for (const [entryName, data] of Object.entries(entries)) {
    if (data.length > MAX_ROSTER_FILE_BYTES) throw archiveProblem(label, `${entryName} is larger than ${MAX_ROSTER_FILE_BYTES} bytes`);
    files.set(rosterName(entryName) as RosterFileName, Buffer.from(data.buffer, data.byteOffset, data.length));
  }
  return files;
}

/** The OneRoster files of an export folder (file names in any letter case). */
export async function readRosterFolder(folder: string): Promise<RosterFiles> {
  const files: RosterFiles = new Map();
  for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
    const name = entry.isFile() ? rosterName(entry.name) : null;
    if (!name) continue;
    const full = path.join(folder, entry.name);
    if ((await fs.stat(full)).size > MAX_ROSTER_FILE_BYTES) throw archiveProblem(name, `larger than ${MAX_ROSTER_FILE_BYTES} bytes`);
    if (files.has(name)) throw archiveProblem(folder, `the folder holds ${name} twice (in different letter cases)`);
    files.set(name, await fs.readFile(full));
  }
  return files;
}

/** A folder, or a .zip file, as the CLI is given. */
export async function readRosterPath(location: string): Promise<RosterFiles> {
  const stat = await fs.stat(location).catch(() => null);
  if (!stat) throw archiveProblem(location, 'no such file or folder');
  if (stat.isDirectory()) return readRosterFolder(location);
  if (stat.size > MAX_ROSTER_FILE_BYTES) throw archiveProblem(path.basename(location), `larger than ${MAX_ROSTER_FILE_BYTES} bytes`);
  return readRosterArchive(await fs.readFile(location), path.basename(location));
}
