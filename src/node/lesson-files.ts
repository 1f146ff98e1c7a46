/** Reading a lessons/ folder from disk into the path -> text map that `loadCatalogue` takes. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file below `dir`, keyed `/lessons/...` as Vite's glob would give them. */
export function readLessonFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[`/lessons/${relative(dir, p).split('\\').join('/')}`] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}
