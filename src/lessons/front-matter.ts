/**
 * A tiny front matter parser: the YAML subset the lessons use, `key: value` lines between two
 * `---` lines at the very top of a Markdown file. No nesting, no lists, no multi-line values;
 * a value may be wrapped in single or double quotes (then it is taken literally, without the
 * quotes). Comment lines (`# ...`) and blank lines are skipped.
 *
 * It never throws: problems come back as messages with their line number, so a teacher's typo
 * shows up in the lesson check instead of breaking the lesson list.
 */

/** The result of `parseFrontMatter`. */
export interface FrontMatter {
  /** The keys and their values, as strings, in file order. */
  data: Record<string, string>;
  /** The text after the closing `---` (the whole text when there is no front matter). */
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyLine: number;
  /** False when the text does not start with a `---` line. */
  present: boolean;
  /** Problems found, each with its 1-based line. */
  problems: { line: number; message: string }[];
}

const KEY = /^([A-Za-z][A-Za-z0-9_-]*)\s*:(.*)$/;

function unquote(raw: string): string {
  const v = raw.trim();
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) {
    return v.slice(1, -1);
  }
  return v;
}

/** Split a Markdown text into its front matter and body. */
export function parseFrontMatter(text: string): FrontMatter {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const problems: FrontMatter['problems'] = [];
  const data: Record<string, string> = {};
  if (lines[0]?.trim() !== '---') {
    return { data, body: lines.join('\n'), bodyLine: 1, present: false, problems: [{ line: 1, message: 'no front matter: the file must start with a `---` line' }] };
  }
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]?.trim() === '---') {
      end = i;
      break;
    }
  }
  if (end < 0) {
    return { data, body: '', bodyLine: lines.length + 1, present: true, problems: [{ line: 1, message: 'the front matter has no closing `---` line' }] };
  }
  for (let i = 1; i < end; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const m = KEY.exec(line);
    if (!m) {
      problems.push({ line: i + 1, message: `not a \`key: value\` line: ${line.trim()}` });
      continue;
    }
    const key = m[1] as string;
    if (key in data) problems.push({ line: i + 1, message: `duplicate key \`${key}\`` });
    data[key] = unquote(m[2] ?? '');
  }
  return { data, body: lines.slice(end + 1).join('\n'), bodyLine: end + 2, present: true, problems };
}
