/**
 * A tiny front matter parser: the YAML subset the lessons use, `key: value` lines between two
 * `---` lines at the very top of a Markdown file. No nesting, no lists, no multi-line values;
 * a value may be wrapped in single or double quotes (then it is taken literally, without the
 * quotes). Comment lines (`# ...`) and blank lines are skipped.
 *
 * It never throws: problems come back as messages with their line number, so a teacher's typo
 * shows up in the lesson check instead of breaking the lesson list.
 */
import { problemText, type LessonProblemId, type ProblemParams } from './problem-texts.ts';

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
  /** 1-based line of each key (its last occurrence), for problems with a value. */
  keyLines: Record<string, number>;
  /** 1-based line of the closing `---` (where a missing key goes), 1 when there is none. */
  endLine: number;
  /** Problems found, each with its 1-based line, id and values (problem-texts.ts). */
  problems: FrontMatterProblem[];
}

/** A problem of the front matter itself. */
export interface FrontMatterProblem {
  line: number;
  /** The English sentence. */
  message: string;
  id: LessonProblemId;
  params: ProblemParams;
}

function problem(line: number, id: LessonProblemId, params: ProblemParams = {}): FrontMatterProblem {
  return { line, message: problemText(id, params), id, params };
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
  const keyLines: Record<string, number> = {};
  if (lines[0]?.trim() !== '---') {
    return { data, body: lines.join('\n'), bodyLine: 1, present: false, keyLines, endLine: 1, problems: [problem(1, 'front-matter.none')] };
  }
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]?.trim() === '---') {
      end = i;
      break;
    }
  }
  if (end < 0) {
    return { data, body: '', bodyLine: lines.length + 1, present: true, keyLines, endLine: 1, problems: [problem(1, 'front-matter.unclosed')] };
  }
  for (let i = 1; i < end; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const m = KEY.exec(line);
    if (!m) {
      problems.push(problem(i + 1, 'front-matter.not-key-value', { text: line.trim() }));
      continue;
    }
    const key = m[1] as string;
    if (key in data) problems.push(problem(i + 1, 'front-matter.duplicate-key', { key }));
    data[key] = unquote(m[2] ?? '');
    keyLines[key] = i + 1;
  }
  return { data, body: lines.slice(end + 1).join('\n'), bodyLine: end + 2, present: true, keyLines, endLine: end + 1, problems };
}
