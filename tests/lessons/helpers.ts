/** Reading lessons/ from disk into the path -> text map that loadCatalogue takes. */
import { join } from 'node:path';
import { readLessonFiles as readFromDisk } from '../../src/node/lesson-files.ts';

export const ROOT = join(import.meta.dirname, '../..');
export const LESSONS_DIR = join(ROOT, 'lessons');

/** Every file below `dir`, keyed `lessons/...` as Vite's glob would give them. */
export function readLessonFiles(dir = LESSONS_DIR): Record<string, string> {
  return readFromDisk(dir);
}
