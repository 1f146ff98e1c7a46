/**
 * Writes `tests/lessons/textbook-runs.txt`: one hash per 8-word run of the textbook section that the
 * lessons are based on, so that `npm test` can check "no lesson copies the textbook" on a clone
 * of the project alone, without the text. Run it when the textbook changes:
 *
 *   npm run lessons:hashes [-- PATH-TO-TEXTBOOK.md]      (default ../shared/seed/mqtt-cps-textbook-de.md)
 *
 * A hash is the first 16 hex digits (64 bits) of SHA-256 over "mqtt-lab-own-words\0" + the run;
 * no word of the textbook is written.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runs, words, RUN_WORDS } from '../src/lessons/own-words.ts';

export const HASH_FILE = join(import.meta.dirname, '../tests/lessons/textbook-runs.txt');
const HEADER = `# One-way hashes (SHA-256, first 64 bits) of every ${RUN_WORDS}-word run of the textbook section the lessons are based on.\n# Made by scripts/textbook-hashes.ts (npm run lessons:hashes); read by tests/lessons/own-words.test.ts.\n`;

/** The hash of one run, as stored in the hash file. */
export function runHash(run: string): string {
  return createHash('sha256').update(`mqtt-lab-own-words\0${run}`).digest('hex').slice(0, 16);
}

/** The hashes stored in the hash file. */
export function readHashes(file = HASH_FILE): Set<string> {
  return new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
}

if (process.argv[1] === import.meta.filename) {
  const source = process.argv[2] ?? join(import.meta.dirname, '../../shared/seed/mqtt-cps-textbook-de.md');
  if (!existsSync(source)) {
    console.error(`textbook not found: ${source}`);
    process.exit(2);
  }
  const hashes = [...new Set([...runs(words(readFileSync(source, 'utf8')))].map(runHash))].sort();
  writeFileSync(HASH_FILE, HEADER + hashes.join('\n') + '\n');
  console.log(`${hashes.length} run hashes written to ${HASH_FILE}`);
}
