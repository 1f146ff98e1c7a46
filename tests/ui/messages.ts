/**
 * Helpers of the message tests (i18n-messages.test.ts, teacher-messages.test.ts): nested
 * messages as `group.key` -> text, and the source files whose `$_('...')` keys they check.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Flatten nested messages to `group.key` -> text. */
export function flatten(messages: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(messages)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') for (const [k, v] of flatten(value, name)) out.set(k, v);
    else out.set(name, value);
  }
  return out;
}

/** Every file below `dir` whose name ends in `ext`. */
export function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return filesUnder(file, ext);
    return file.endsWith(ext) ? [file] : [];
  });
}
