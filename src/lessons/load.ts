/**
 * Building the lesson catalogue from a map of file path -> text.
 *
 * The same code serves the browser (Vite: `import.meta.glob('/lessons/**\/*', { query: '?raw',
 * import: 'default' })`, see `loadCatalogueAsync`) and Node tests (files read from disk). Paths
 * may be absolute or relative; everything up to and including the last `lessons/` segment is cut
 * off, so `/lessons/01-why-mqtt/lesson.en.md` and `C:/repo/lessons/01-why-mqtt/lesson.en.md`
 * are the same file.
 *
 * Loading never throws. Whatever is wrong (a missing language, a bad front matter value, a
 * broken predict.json) becomes a `LoadProblem`; a lesson or exercise that cannot be used at all
 * is left out of the catalogue, the rest is still there.
 */
import { analyzeMarkdown, EXERCISE_ID, GLOSSARY_ID, LESSON_ID, SPEC_VERSIONS, type SpecVersion } from './links.ts';
import { parseFrontMatter } from './front-matter.ts';
import { jsonSyntaxError } from './json-error.ts';
import { keyedProblem as problem, type LessonProblemId, type ProblemParams } from './problem-texts.ts';
import {
  LESSON_LANGS,
  LESSON_LEVELS,
  type Exercise,
  type ExerciseText,
  type GlossaryEntry,
  type Lesson,
  type LessonCatalogue,
  type LessonLang,
  type LessonLevel,
  type LessonMeta,
  type LessonText,
  type LoadProblem,
  type PredictChoice,
  type PredictQuestion,
} from './lesson-model.ts';

/** The part of `path` below `lessons/`, with forward slashes. */
export function lessonPath(path: string): string {
  const p = path.replace(/\\/g, '/');
  const i = p.lastIndexOf('lessons/');
  if (i >= 0 && (i === 0 || p[i - 1] === '/')) return p.slice(i + 'lessons/'.length);
  return p.replace(/^\.?\//, '');
}

/** The headings that start the hint ladder of an exercise text. */
export const HINT_HEADINGS = ['Hints', 'Tipps', 'Hinweise'];

const LESSON_FILE = /^(\d\d-[^/]+)\/lesson\.(en|de)\.md$/;
/** Files the app does not load but the lesson check and the teacher's printout read: teacher notes. */
const AUTHOR_FILE = /^\d\d-[^/]+\/teacher\.(?:en|de)\.md$/;
const EXERCISE_FILE = /^(\d\d-[^/]+)\/exercises\/([^/]+)\/(exercise\.(?:en|de)\.md|start\.mqtts|solution\.mqtts|goal\.mqtts|cheat[\w-]*\.mqtts|predict\.json)$/;
const ASSET = /\.(png|jpe?g|svg|gif|webp)$/i;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseLessonText(folder: string, lang: LessonLang, text: string, problems: LoadProblem[]): LessonText {
  const path = `${folder}/lesson.${lang}.md`;
  const fm = parseFrontMatter(text);
  for (const p of fm.problems) problems.push({ path, ...p });
  const d = fm.data;
  // A value's problem is on its key's line; a missing key's on the closing `---`, where it goes.
  const at = (key: string): number | undefined => (fm.present ? (fm.keyLines[key] ?? fm.endLine) : undefined);
  const need = (key: string): string => {
    const v = d[key];
    if (v === undefined || v === '') {
      if (fm.present) problems.push(problem(path, 'front-matter.missing', { key }, at(key)));
      return '';
    }
    return v;
  };
  const number = (key: string): number => {
    const raw = need(key);
    const n = Number(raw);
    if (raw !== '' && (!Number.isInteger(n) || n < 1)) problems.push(problem(path, 'front-matter.whole-number', { key, value: raw }, at(key)));
    return Number.isInteger(n) && n >= 1 ? n : 0;
  };
  const id = need('id');
  if (id !== '' && id !== folder) problems.push(problem(path, 'front-matter.id-folder', { id, folder }, at('id')));
  const level = need('level');
  if (level !== '' && !LESSON_LEVELS.includes(level as LessonLevel)) problems.push(problem(path, 'front-matter.level', { levels: LESSON_LEVELS.join(', '), value: level }, at('level')));
  const order = number('order');
  const folderOrder = Number(folder.slice(0, 2));
  if (order !== 0 && order !== folderOrder) problems.push(problem(path, 'front-matter.order-folder', { order, prefix: folder.slice(0, 2) }, at('order')));
  const spec = d.spec ?? '3.1.1';
  if (!SPEC_VERSIONS.includes(spec as SpecVersion)) problems.push(problem(path, 'front-matter.spec', { versions: SPEC_VERSIONS.join(', '), value: spec }, at('spec')));
  const meta: LessonMeta = {
    id: folder,
    title: need('title'),
    order: order || folderOrder,
    chapter: need('chapter'),
    level: LESSON_LEVELS.includes(level as LessonLevel) ? (level as LessonLevel) : 'beginner',
    minutes: number('minutes'),
    spec: SPEC_VERSIONS.includes(spec as SpecVersion) ? (spec as SpecVersion) : '3.1.1',
  };
  for (const key of Object.keys(d)) {
    if (!['id', 'title', 'order', 'chapter', 'level', 'minutes', 'spec'].includes(key)) problems.push(problem(path, 'front-matter.unknown-key', { key }, at(key)));
  }
  return { meta, body: fm.body, bodyLine: fm.bodyLine, keyLines: fm.keyLines, outline: analyzeMarkdown(fm.body, fm.bodyLine) };
}

/** Split an exercise text into task and hints (the ordered list after `## Hints`). */
export function parseExerciseText(text: string, path: string, problems: LoadProblem[]): ExerciseText {
  const fm = parseFrontMatter(text);
  for (const p of fm.problems) problems.push({ path, ...p });
  const title = fm.data.title ?? '';
  if (title === '') problems.push(problem(path, 'front-matter.missing', { key: 'title' }, fm.present ? (fm.keyLines.title ?? fm.endLine) : undefined));
  for (const key of Object.keys(fm.data)) if (key !== 'title') problems.push(problem(path, 'front-matter.unknown-key', { key }, fm.keyLines[key]));
  const lines = fm.body.split(/\r?\n/);
  const at = lines.findIndex((l) => HINT_HEADINGS.some((h) => new RegExp(`^##\\s+${h}\\s*$`).test(l)));
  if (at < 0) problems.push(problem(path, 'hints.none', { heading: HINT_HEADINGS[0] as string, headingDe: HINT_HEADINGS[1] as string }));
  const task = (at < 0 ? lines : lines.slice(0, at)).join('\n').trim();
  const hints: string[] = [];
  if (at >= 0) {
    for (let i = at + 1; i < lines.length; i++) {
      const l = lines[i] ?? '';
      if (/^#{1,6}\s/.test(l)) break;
      const item = /^\d+[.)]\s+(.*)$/.exec(l);
      if (item) hints.push(item[1] as string);
      else if (l.trim() !== '' && hints.length > 0) hints[hints.length - 1] += `\n${l.trim()}`;
      else if (l.trim() !== '') problems.push(problem(path, 'hints.outside-list', {}, fm.bodyLine + i));
    }
    if (hints.length < 2) problems.push(problem(path, 'hints.too-few', { count: hints.length }, fm.bodyLine + at));
  }
  return { title, task, hints, outline: analyzeMarkdown(fm.body, fm.bodyLine) };
}

function bilingual(v: unknown): { en: string; de: string } | undefined {
  if (!isRecord(v) || typeof v.en !== 'string' || typeof v.de !== 'string' || v.en.trim() === '' || v.de.trim() === '') return undefined;
  return { en: v.en, de: v.de };
}

/** The 1-based line where each element of the JSON array in `text` starts (a problem with an element names it). */
function arrayItemLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let expectItem = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (depth === 1 && expectItem && c !== ']') {
      lines.push(line);
      expectItem = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expectItem = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectItem = true;
  }
  return lines;
}

/** The JSON array in `text`, or an empty one with the problem reported (`what`: what it holds). */
function jsonArray(text: string, path: string, what: { en: string; de: string }, problems: LoadProblem[]): unknown[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // English: the engine's message, as lesson:check has always printed it; German and the line: where our own reader stops (json-error.ts).
    const at = jsonSyntaxError(text);
    problems.push(problem(path, 'json.invalid', { error: { en: (e as Error).message, de: at?.de ?? 'die Stelle ist unbekannt' } }, at?.line));
    return [];
  }
  if (!Array.isArray(data)) {
    problems.push(problem(path, 'json.not-array', { what }));
    return [];
  }
  return data;
}

/** The questions of a predict.json; broken ones are reported and left out. */
export function parsePredict(text: string, path: string, problems: LoadProblem[]): PredictQuestion[] {
  const data = jsonArray(text, path, { en: 'questions', de: 'Fragen' }, problems);
  const at = arrayItemLines(text);
  const out: PredictQuestion[] = [];
  data.forEach((q: unknown, i) => {
    const where = { question: i + 1 };
    const wrong = (id: LessonProblemId, params: ProblemParams): LoadProblem => problem(path, id, params, at[i]);
    if (!isRecord(q)) return problems.push(wrong('predict.not-object', where));
    const question = bilingual(q.question);
    if (!question) return problems.push(wrong('predict.question', where));
    if (!Array.isArray(q.choices) || q.choices.length < 2) return problems.push(wrong('predict.choices', where));
    const choices: PredictChoice[] = [];
    for (const [j, c] of q.choices.entries()) {
      const texts = bilingual(c);
      if (!texts) return problems.push(wrong('predict.choice-texts', { ...where, choice: j + 1 }));
      const check = isRecord(c) ? c.check : undefined;
      if (check !== undefined && typeof check !== 'string') return problems.push(wrong('predict.choice-check', { ...where, choice: j + 1 }));
      choices.push(check === undefined ? texts : { ...texts, check });
    }
    const answer = q.answer;
    if (typeof answer !== 'number' || !Number.isInteger(answer) || answer < 0 || answer >= choices.length) {
      return problems.push(wrong('predict.answer', { ...where, max: choices.length - 1 }));
    }
    if (typeof q.check !== 'string' || !/^\s*expect\s/m.test(q.check)) return problems.push(wrong('predict.check', where));
    out.push({ question, choices, answer, check: q.check });
  });
  return out;
}

/** The entries of glossary.json; broken ones are reported and left out. */
export function parseGlossary(text: string, problems: LoadProblem[], path = 'glossary.json'): GlossaryEntry[] {
  const data = jsonArray(text, path, { en: 'entries', de: 'Einträgen' }, problems);
  const at = arrayItemLines(text);
  const out: GlossaryEntry[] = [];
  const seen = new Set<string>();
  for (const [i, e] of data.entries()) {
    if (!isRecord(e) || typeof e.id !== 'string' || !GLOSSARY_ID.test(e.id)) {
      problems.push(problem(path, 'glossary.id', { entry: i + 1 }, at[i]));
      continue;
    }
    const texts: Partial<GlossaryEntry> = { id: e.id };
    let ok = true;
    for (const lang of LESSON_LANGS) {
      const t = e[lang];
      if (!isRecord(t) || typeof t.term !== 'string' || typeof t.definition !== 'string' || t.term.trim() === '' || t.definition.trim() === '') {
        problems.push(problem(path, 'glossary.texts', { id: e.id, lang }, at[i]));
        ok = false;
      } else if (t.synonyms !== undefined && (!Array.isArray(t.synonyms) || !t.synonyms.every((s) => typeof s === 'string' && s.trim() !== ''))) {
        problems.push(problem(path, 'glossary.synonyms', { id: e.id, lang }, at[i]));
        ok = false;
      } else texts[lang] = t.synonyms === undefined ? { term: t.term, definition: t.definition } : { term: t.term, definition: t.definition, synonyms: t.synonyms as string[] };
    }
    if (seen.has(e.id)) {
      problems.push(problem(path, 'glossary.duplicate', { id: e.id }, at[i]));
      ok = false;
    }
    seen.add(e.id);
    if (ok) out.push(texts as GlossaryEntry);
  }
  return out;
}

/** Build the catalogue from every file below `lessons/` (path -> text). */
export function loadCatalogue(files: Readonly<Record<string, string>>): LessonCatalogue {
  const problems: LoadProblem[] = [];
  const byPath = new Map<string, string>();
  for (const [path, text] of Object.entries(files)) byPath.set(lessonPath(path), text);

  const lessonFiles = new Map<string, Partial<Record<LessonLang, string>>>();
  const exerciseFiles = new Map<string, Map<string, Map<string, string>>>();
  let glossary: GlossaryEntry[] = [];
  let sawGlossary = false;

  for (const [path, text] of byPath) {
    if (path === 'glossary.json') {
      glossary = parseGlossary(text, problems);
      sawGlossary = true;
      continue;
    }
    if (path === 'README.md' || ASSET.test(path) || AUTHOR_FILE.test(path) || !path.includes('/')) continue;
    const l = LESSON_FILE.exec(path);
    if (l) {
      const entry = lessonFiles.get(l[1] as string) ?? {};
      entry[l[2] as LessonLang] = text;
      lessonFiles.set(l[1] as string, entry);
      continue;
    }
    const x = EXERCISE_FILE.exec(path);
    if (x) {
      const lessonExercises = exerciseFiles.get(x[1] as string) ?? new Map<string, Map<string, string>>();
      const one = lessonExercises.get(x[2] as string) ?? new Map<string, string>();
      one.set(x[3] as string, text);
      lessonExercises.set(x[2] as string, one);
      exerciseFiles.set(x[1] as string, lessonExercises);
      continue;
    }
    problems.push(problem(path, 'file.unexpected'));
  }
  if (!sawGlossary) problems.push(problem('glossary.json', 'file.missing'));

  const lessons: Lesson[] = [];
  const folders = new Set([...lessonFiles.keys(), ...exerciseFiles.keys()]);
  for (const folder of [...folders].sort()) {
    if (!LESSON_ID.test(folder)) problems.push(problem(folder, 'folder.lesson-name'));
    const texts = lessonFiles.get(folder) ?? {};
    const missing = LESSON_LANGS.filter((lang) => texts[lang] === undefined);
    if (missing.length > 0) {
      for (const lang of missing) problems.push(problem(`${folder}/lesson.${lang}.md`, 'file.missing'));
      continue;
    }
    const text = {
      en: parseLessonText(folder, 'en', texts.en as string, problems),
      de: parseLessonText(folder, 'de', texts.de as string, problems),
    };
    const exercises: Exercise[] = [];
    for (const [id, parts] of [...(exerciseFiles.get(folder) ?? new Map<string, Map<string, string>>())].sort(([a], [b]) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b))) {
      const dir = `${folder}/exercises/${id}`;
      if (!EXERCISE_ID.test(id)) problems.push(problem(dir, 'folder.exercise-name'));
      const need = ['exercise.en.md', 'exercise.de.md', 'start.mqtts', 'solution.mqtts', 'goal.mqtts'].filter((f) => !parts.has(f));
      if (need.length > 0) {
        for (const f of need) problems.push(problem(`${dir}/${f}`, 'file.missing'));
        continue;
      }
      const predictText = parts.get('predict.json');
      exercises.push({
        id,
        key: `${folder}/${id}`,
        lessonId: folder,
        index: parseInt(id, 10),
        text: {
          en: parseExerciseText(parts.get('exercise.en.md') as string, `${dir}/exercise.en.md`, problems),
          de: parseExerciseText(parts.get('exercise.de.md') as string, `${dir}/exercise.de.md`, problems),
        },
        start: parts.get('start.mqtts') as string,
        solution: parts.get('solution.mqtts') as string,
        goal: parts.get('goal.mqtts') as string,
        predict: predictText === undefined ? [] : parsePredict(predictText, `${dir}/predict.json`, problems),
        cheats: [...parts].filter(([f]) => f.startsWith('cheat')).sort(([a], [b]) => a.localeCompare(b)).map(([name, text]) => ({ name, text })),
      });
    }
    lessons.push({ id: folder, order: text.en.meta.order, text, exercises });
  }
  lessons.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { lessons, glossary, problems };
}

/**
 * The catalogue from lazy loaders, as Vite's `import.meta.glob('/lessons/**\/*', { query: '?raw',
 * import: 'default' })` returns them. A loader that fails becomes a problem.
 */
export async function loadCatalogueAsync(loaders: Readonly<Record<string, () => Promise<unknown>>>): Promise<LessonCatalogue> {
  const files: Record<string, string> = {};
  const failed: LoadProblem[] = [];
  await Promise.all(
    Object.entries(loaders).map(async ([path, load]) => {
      try {
        const text = await load();
        if (typeof text === 'string') files[path] = text;
        else failed.push(problem(lessonPath(path), 'file.not-text'));
      } catch (e) {
        failed.push(problem(lessonPath(path), 'file.load-failed', { error: (e as Error).message }));
      }
    }),
  );
  const catalogue = loadCatalogue(files);
  return { ...catalogue, problems: [...failed, ...catalogue.problems] };
}
