/**
 * The exercise builder's draft: what the teacher writes (title, task and hints per language,
 * start, goals, solution, cheats), the last check of it (src/lessons/shared-exercise.ts, the
 * check `npm test` runs for shipped exercises) and the link made from exactly what was checked.
 * An edit after the check makes the check stale: sharing needs a fresh, passing check. The draft
 * is kept in localStorage as the teacher types, so closing the builder loses nothing.
 */
import { exerciseDigest, exerciseUrl, type SharedExercise } from '../../lessons/exercise-link.ts';
import { LESSON_LANGS, type LessonLang } from '../../lessons/lesson-model.ts';
import { checkShared, type SharedReport } from '../../lessons/shared-exercise.ts';
import { teacherUrl } from './linked.svelte.ts';
import { BUILDER_KEY } from './tools.svelte.ts';

const EXPECT_LINE = /^\s*expect\b/;

/** A scenario split into its expect lines (the goals) and the rest. */
export function splitGoals(text: string): { scenario: string; goal: string } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const goal = lines.filter((l) => EXPECT_LINE.test(l)).map((l) => l.trim());
  const scenario = lines.filter((l) => !EXPECT_LINE.test(l)).join('\n').replace(/\n+$/, '\n');
  return { scenario, goal: goal.length ? `${goal.join('\n')}\n` : '' };
}

type PerLang<T> = Record<LessonLang, T>;

/** A predict-then-run question as the builder edits it. */
export interface DraftQuestion {
  question: PerLang<string>;
  choices: PerLang<string>[];
  answer: number;
  check: string;
}

interface DraftData {
  langs: PerLang<boolean>;
  title: PerLang<string>;
  task: PerLang<string>;
  hints: PerLang<string[]>;
  start: string;
  goal: string;
  solution: string;
  cheats: string[];
  predict: DraftQuestion[];
}

export class ExerciseDraft {
  langs = $state<PerLang<boolean>>({ en: false, de: true });
  title = $state<PerLang<string>>({ en: '', de: '' });
  task = $state<PerLang<string>>({ en: '', de: '' });
  hints = $state<PerLang<string[]>>({ en: [''], de: [''] });
  start = $state('');
  goal = $state('');
  solution = $state('');
  cheats = $state<string[]>([]);
  predict = $state<DraftQuestion[]>([]);
  report = $state.raw<SharedReport | null>(null);
  /** The exercise (as JSON) that `report` and `link` belong to. */
  checked = $state('');
  link = $state('');
  #storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(storage: Pick<Storage, 'getItem' | 'setItem'> | null, lang: LessonLang = 'de') {
    this.#storage = storage;
    this.langs = { en: lang === 'en', de: lang === 'de' };
    try {
      const raw = storage?.getItem(BUILDER_KEY);
      if (raw) this.#apply(JSON.parse(raw) as Partial<DraftData>);
    } catch {
      // no draft, or not ours: start empty
    }
  }

  /** The exercise as a link carries it: the chosen languages only, empty hints and cheats left out. */
  toShared(): SharedExercise {
    const chosen = LESSON_LANGS.filter((l) => this.langs[l]);
    const per = (v: PerLang<string>) => Object.fromEntries(chosen.map((l) => [l, v[l]]));
    const hints = Object.fromEntries(chosen.map((l) => [l, this.hints[l].filter((h) => h.trim() !== '')]).filter(([, h]) => h!.length > 0));
    return {
      title: per(this.title),
      task: per(this.task),
      start: this.start,
      goal: this.goal,
      ...(this.solution.trim() !== '' ? { solution: this.solution } : {}),
      hints,
      cheats: this.cheats.filter((c) => c.trim() !== ''),
      ...(this.predict.length > 0 ? { predict: this.predict.map((q) => ({ question: per(q.question), choices: q.choices.map(per), answer: q.answer, check: q.check })) } : {}),
    };
  }

  /** A new question with two empty choices, the first one right; its check starts as the goals. */
  addQuestion(): void {
    this.predict.push({ question: { en: '', de: '' }, choices: [{ en: '', de: '' }, { en: '', de: '' }], answer: 0, check: this.goal });
  }

  /** True when the texts changed since the last check. */
  get stale(): boolean {
    return JSON.stringify(this.toShared()) !== this.checked;
  }

  /** Run the checks on what is written now. */
  check(): SharedReport {
    const shared = this.toShared();
    this.report = checkShared(shared);
    this.checked = JSON.stringify(shared);
    this.link = '';
    return this.report;
  }

  /** The learners' link, when the last check passed and nothing changed since. */
  share(base: string): string | null {
    if (!this.report?.ok || this.stale) return null;
    this.link = exerciseUrl(base, JSON.parse(this.checked) as SharedExercise);
    return this.link;
  }

  get teacherLink(): string {
    return this.link ? teacherUrl(this.link) : '';
  }

  /** True when nothing is written in the draft's titles, tasks and scenarios. */
  isEmpty(): boolean {
    return [this.start, this.goal, this.solution, ...LESSON_LANGS.flatMap((l) => [this.title[l], this.task[l]])].every((t) => t.trim() === '');
  }

  /** True when the draft is `x` (as a link would carry it): loading `x` would change nothing. */
  holds(x: SharedExercise): boolean {
    return exerciseDigest(this.toShared()) === exerciseDigest(x);
  }

  /** Fill the draft from an exercise (the teacher's view: "Edit in the builder"). */
  load(x: SharedExercise): void {
    const str = (v: string | undefined) => v ?? '';
    this.#apply({
      langs: { en: x.title.en !== undefined || x.task.en !== undefined, de: x.title.de !== undefined || x.task.de !== undefined },
      title: { en: str(x.title.en), de: str(x.title.de) },
      task: { en: str(x.task.en), de: str(x.task.de) },
      hints: { en: x.hints.en?.length ? [...x.hints.en] : [''], de: x.hints.de?.length ? [...x.hints.de] : [''] },
      start: x.start,
      goal: x.goal,
      solution: str(x.solution),
      cheats: [...x.cheats],
      predict: (x.predict ?? []).map((q) => ({ question: { en: str(q.question.en), de: str(q.question.de) }, choices: q.choices.map((c) => ({ en: str(c.en), de: str(c.de) })), answer: q.answer, check: q.check })),
    });
    this.report = null;
    this.link = '';
    this.save();
  }

  /** The editor's scenario as the start: its expect lines become the goals (when there are any). */
  takeStart(text: string): void {
    const { scenario, goal } = splitGoals(text);
    this.start = scenario;
    if (goal) this.goal = goal;
  }

  /** The editor's scenario (without expect lines) as the solution or as a new cheat. */
  takeScenario(text: string, into: 'solution' | 'cheat'): void {
    const { scenario } = splitGoals(text);
    if (into === 'solution') this.solution = scenario;
    else this.cheats = [...this.cheats, scenario];
  }

  scheduleSave(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.save(), 300);
  }

  save(): void {
    clearTimeout(this.#saveTimer);
    const data: DraftData = { langs: this.langs, title: this.title, task: this.task, hints: this.hints, start: this.start, goal: this.goal, solution: this.solution, cheats: this.cheats, predict: this.predict };
    try {
      this.#storage?.setItem(BUILDER_KEY, JSON.stringify(data));
    } catch {
      // storage full or blocked: the draft lives until the page closes
    }
  }

  #apply(d: Partial<DraftData>): void {
    const s = (v: unknown) => (typeof v === 'string' ? v : '');
    const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, 20) : []);
    if (d.langs && typeof d.langs === 'object') this.langs = { en: d.langs.en === true, de: d.langs.de === true };
    if (d.title) this.title = { en: s(d.title.en), de: s(d.title.de) };
    if (d.task) this.task = { en: s(d.task.en), de: s(d.task.de) };
    if (d.hints) this.hints = { en: list(d.hints.en).length ? list(d.hints.en) : [''], de: list(d.hints.de).length ? list(d.hints.de) : [''] };
    this.start = s(d.start);
    this.goal = s(d.goal);
    this.solution = s(d.solution);
    this.cheats = list(d.cheats);
    const perLang = (v: unknown): PerLang<string> => (v && typeof v === 'object' ? { en: s((v as PerLang<unknown>).en), de: s((v as PerLang<unknown>).de) } : { en: '', de: '' });
    this.predict = (Array.isArray(d.predict) ? d.predict.slice(0, 20) : []).map((q: Partial<DraftQuestion>) => {
      const choices = Array.isArray(q?.choices) && q.choices.length > 0 ? q.choices.slice(0, 10).map(perLang) : [perLang(null), perLang(null)];
      const answer = typeof q?.answer === 'number' && Number.isInteger(q.answer) && q.answer >= 0 && q.answer < choices.length ? q.answer : 0;
      return { question: perLang(q?.question), choices, answer, check: s(q?.check) };
    });
  }
}
