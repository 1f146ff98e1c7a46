/**
 * What the command-line tools read and print, made safe for a terminal. A scenario, a recording
 * or a program's notes carry text from elsewhere (a shared scenario, a class's real traffic): an
 * escape sequence in a topic (`\x1b]0;…\x07`, `\x1b[2J`) or a bidi override (U+202E) printed as
 * it is would drive the terminal or reorder what it shows. Files are read up to a limit, so
 * `/dev/zero` or a huge file is an error, not a process that grows until it dies.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { escapeUnprintable } from './broker/index.ts';

/** C0 and C1 controls, DEL, format characters (bidi overrides), line and paragraph separators, private use, lone surrogates. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}]/gu;

/** A line of text for the terminal: every unprintable character escaped (`\x1b`, `\u202e`). */
export function terminalText(line: string): string {
  return escapeUnprintable(line);
}

/**
 * A JSON line for the terminal: the characters JSON.stringify leaves as they are (DEL, C1 controls,
 * bidi overrides, U+2028) written as `\uXXXX` escapes, so the line means the same to a JSON reader.
 * Only valid inside strings, which is the only place such characters can be in JSON.
 */
export function terminalJson(line: string): string {
  return line.replace(UNPRINTABLE, (c) => Array.from({ length: c.length }, (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''));
}

const MIB = 1024 * 1024;

/**
 * A text file read as UTF-8, at most `maxBytes`: a larger file (or pipe) throws `larger than N MiB`
 * after reading `maxBytes + 1` bytes; a device (`/dev/zero`, `/dev/urandom`) throws at once. The buffer grows
 * with what was read, so a small file costs little whatever the limit.
 */
export function readTextCapped(path: string, maxBytes: number): string {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.isCharacterDevice() || stat.isBlockDevice()) throw new Error('a device, not a file');
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(MIB, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw new Error(`larger than ${maxBytes >= MIB ? `${maxBytes / MIB} MiB` : `${maxBytes} bytes`}: is it the right file?`);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
