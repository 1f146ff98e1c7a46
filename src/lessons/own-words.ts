/**
 * "Own words": the lessons must not repeat the textbook they are based on. The check compares
 * runs of eight consecutive words. The textbook itself is not part of the project (it lies in
 * `../shared/seed/`, outside any clone), so the project keeps only a one-way hash of each of its
 * runs (`tests/lessons/textbook-runs.txt`, made by `npm run lessons:hashes` where the text is present);
 * `tests/lessons/own-words.test.ts` hashes the lessons' runs the same way and looks them up.
 */

/** Words in a run. */
export const RUN_WORDS = 8;

/** Lower-case words of a text, without Markdown punctuation or link targets. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\]\([^)]*\)/g, ' ')
    .split(/[^\p{L}\p{N}$]+/u)
    .filter((w) => w !== '');
}

/** Every run of `RUN_WORDS` consecutive words, joined by single spaces. */
export function runs(ws: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + RUN_WORDS <= ws.length; i++) out.add(ws.slice(i, i + RUN_WORDS).join(' '));
  return out;
}
