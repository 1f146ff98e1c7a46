/**
 * The exercise of an exercise link (`#x=…`, src/lessons/exercise-link.ts) as the Lesson tab
 * shows it: the decoded exercise (or why the link was refused), whether this is the teacher's
 * view (`#x=…&teacher`, the link the builder gives the teacher), and the teacher's class table
 * (pasted completion codes and imported progress files, kept in localStorage per exercise).
 *
 * Nothing in a link is executed: it is decoded as data (every field checked), its texts are
 * shown as text (Markdown.svelte renders no HTML) and its scenarios are only parsed and
 * simulated. The teacher flag only chooses a view; it grants nothing (the link carries the
 * solution anyway, and the UI says so).
 */
import { checkCodes, completionCode } from '../../lessons/completion.ts';
import { decodeExercise, EXERCISE_PARAM, type ExerciseLinkProblem, type SharedExercise } from '../../lessons/exercise-link.ts';
import type { Exercise } from '../../lessons/lesson-model.ts';
import { deserializeProgress, linkedExerciseKey } from '../../lessons/progress.ts';
import { sharedToExercise } from '../../lessons/shared-exercise.ts';
import { registerTeacherMessages } from '../i18n/teacher.ts';
import { pageStorage } from '../state/page-storage.ts';

registerTeacherMessages();

/** The fragment flag of the teacher's link. */
export const TEACHER_FLAG = 'teacher';
const PREFIX = `#${EXERCISE_PARAM}=`;
const CLASS_KEY = 'mqttlab.class.';
const MAX_ROWS = 500;

/** The parts of an exercise link's fragment, or null when it is not one. */
export function parseExerciseHash(hash: string): { value: string; teacher: boolean } | null {
  if (!hash.startsWith(PREFIX)) return null;
  const [value = '', ...flags] = hash.slice(PREFIX.length).split('&');
  return { value, teacher: flags.includes(TEACHER_FLAG) };
}

/** The teacher's link: the learners' link plus the flag. */
export function teacherUrl(studentUrl: string): string {
  return `${studentUrl}&${TEACHER_FLAG}`;
}

/** One row of the class table. */
export interface ClassRow {
  name: string;
  /** valid: the code belongs to this exercise and name; invalid: it does not; unsolved: a progress file without this exercise solved; unreadable: not a progress file. */
  status: 'valid' | 'invalid' | 'unsolved' | 'unreadable';
  /** ISO time: when it was solved (progress file) or when the code was checked. */
  when: string;
  code?: string;
  source: 'code' | 'file';
  /** Other names whose valid codes carry the same solution. */
  sameAs: string[];
  /** A valid code whose solution is the exercise's own solution text, unchanged (as "Show solution" puts it in the editor). */
  shownSolution?: boolean;
}

export interface Refusal {
  problem: ExerciseLinkProblem;
  field?: string;
  /** Characters of the link's value. */
  length: number;
}

export class LinkedExercise {
  shared = $state.raw<SharedExercise | null>(null);
  exercise = $state.raw<Exercise | null>(null);
  digest = $state('');
  teacher = $state(false);
  refused = $state.raw<Refusal | null>(null);
  rows = $state.raw<ClassRow[]>([]);
  #storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;

  constructor(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null) {
    this.#storage = storage;
  }

  /** Open the exercise link in `hash` (other fragments change nothing). True when it opened. */
  openHash(hash: string): boolean {
    const parsed = parseExerciseHash(hash);
    if (!parsed) return false;
    const decoded = decodeExercise(parsed.value);
    if (!decoded.ok) {
      this.shared = null;
      this.exercise = null;
      this.refused = { problem: decoded.problem, ...(decoded.field ? { field: decoded.field } : {}), length: parsed.value.length };
      return false;
    }
    this.refused = null;
    this.shared = decoded.exercise;
    this.digest = decoded.digest;
    this.exercise = sharedToExercise(decoded.exercise, decoded.digest);
    this.teacher = parsed.teacher;
    this.rows = this.#readRows();
    return true;
  }

  close(): void {
    this.shared = null;
    this.exercise = null;
    this.refused = null;
    this.teacher = false;
  }

  /** Check pasted lines (`NAME: CODE`) and add them to the class table (a name's newer row replaces its older one). */
  checkPasted(text: string, at: string): number {
    const checked = checkCodes(this.digest, text).map((c): ClassRow => ({ name: c.name, status: c.valid ? 'valid' : 'invalid', when: at, code: c.code, source: 'code', sameAs: [] }));
    this.#add(checked);
    return checked.length;
  }

  /** Read students' progress files (name from the completion entry, else the file name). */
  importFiles(files: { name: string; text: string | null }[]): void {
    const key = linkedExerciseKey(this.digest);
    const rows = files.map(({ name: fileName, text }): ClassRow => {
      const read = deserializeProgress(text);
      if (!read.ok) return { name: fileName, status: 'unreadable', when: '', source: 'file', sameAs: [] };
      const entry = read.progress.solved[key];
      if (!entry) return { name: fileName, status: 'unsolved', when: '', source: 'file', sameAs: [] };
      if (!entry.name || !entry.code) return { name: fileName, status: 'invalid', when: entry.at, source: 'file', sameAs: [] };
      const valid = checkCodes(this.digest, `${entry.name}: ${entry.code}`)[0]?.valid ?? false;
      return { name: entry.name, status: valid ? 'valid' : 'invalid', when: entry.at, code: entry.code, source: 'file', sameAs: [] };
    });
    this.#add(rows);
  }

  clearRows(): void {
    this.rows = [];
    try {
      this.#storage?.removeItem(CLASS_KEY + this.digest);
    } catch {
      // storage blocked
    }
  }

  #add(rows: ClassRow[]): void {
    const names = rows.map((r) => r.name.toLowerCase());
    const all = [...this.rows.filter((r) => !names.includes(r.name.toLowerCase())), ...rows].slice(-MAX_ROWS);
    // Same solution: the part after the dash of valid codes (completion.ts).
    const part = (r: ClassRow) => (r.status === 'valid' ? r.code?.split('-')[1] : undefined);
    const own = this.shared?.solution ? completionCode(this.digest, '', this.shared.solution).split('-')[1] : undefined;
    this.rows = all.map((r) => ({
      ...r,
      sameAs: part(r) ? all.filter((o) => o !== r && part(o) === part(r)).map((o) => o.name) : [],
      shownSolution: own !== undefined && part(r) === own,
    }));
    try {
      this.#storage?.setItem(CLASS_KEY + this.digest, JSON.stringify(this.rows));
    } catch {
      // storage full or blocked: the table lives until the page closes
    }
  }

  #readRows(): ClassRow[] {
    try {
      const data: unknown = JSON.parse(this.#storage?.getItem(CLASS_KEY + this.digest) ?? '[]');
      if (!Array.isArray(data)) return [];
      const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 200) : '');
      return data.slice(0, MAX_ROWS).flatMap((r: Record<string, unknown>) =>
        r && typeof r === 'object' && ['valid', 'invalid', 'unsolved', 'unreadable'].includes(r.status as string)
          ? [{ name: str(r.name), status: r.status as ClassRow['status'], when: str(r.when), ...(typeof r.code === 'string' ? { code: str(r.code) } : {}), source: r.source === 'file' ? ('file' as const) : ('code' as const), sameAs: Array.isArray(r.sameAs) ? r.sameAs.map(str).slice(0, 50) : [], shownSolution: r.shownSolution === true }]
          : [],
      );
    } catch {
      return [];
    }
  }
}

let shared: LinkedExercise | null = null;

/** The page's one linked exercise: it opens the page's `#x=` link, and each one the address changes to (the Lesson tab shows it). */
export function sharedLinked(): LinkedExercise {
  if (!shared) {
    const linked = new LinkedExercise(pageStorage());
    shared = linked;
    linked.openHash(window.location.hash);
    window.addEventListener('hashchange', () => linked.openHash(window.location.hash));
  }
  return shared;
}
