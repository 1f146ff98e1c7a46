/**
 * Printable teacher notes for one lesson, as Markdown: the lesson's learning goals, the
 * hand-written `teacher.LANG.md` (textbook mapping, plans for 45 and 90 minutes, pitfalls),
 * and for every exercise the task, the change from start to solution, the reasons (the hint
 * ladder) and the answers to the predict questions. Built from the lesson folder each time, so
 * the solutions in the notes are always the ones the tests check.
 */
import type { Exercise, Lesson, LessonLang } from './lesson-model.ts';

const WORDS = {
  en: { goals: 'Learning goals', noNotes: '(No teacher.en.md in this lesson folder yet.)', exercises: 'Exercises with solutions', task: 'Task', change: 'Change from start to solution (`+` added, `-` removed)', why: 'Why (the hint ladder)', predict: 'Predict questions', answer: 'Answer', minutes: 'min', notes: 'Teacher notes', levels: { beginner: 'beginner', intermediate: 'intermediate', advanced: 'advanced' } },
  de: { goals: 'Lernziele', noNotes: '(In diesem Lektionsordner gibt es noch keine teacher.de.md.)', exercises: 'Aufgaben mit Lösungen', task: 'Aufgabe', change: 'Änderung von Start zu Lösung (`+` hinzu, `-` weg)', why: 'Warum (die Tipps)', predict: 'Vorhersagefragen', answer: 'Antwort', minutes: 'Min.', notes: 'Hinweise für Lehrkräfte', levels: { beginner: 'Einstieg', intermediate: 'Fortgeschritten', advanced: 'Vertiefung' } },
} as const;

/** The learning goals of a lesson text: the list after the bold `Learning goals.` / `Lernziele.` line. */
export function learningGoals(body: string): string[] {
  const lines = body.split('\n');
  const at = lines.findIndex((l) => /^\*\*(Learning goals|Lernziele)\.\*\*/.test(l.trim()));
  if (at < 0) return [];
  const out: string[] = [];
  for (const l of lines.slice(at + 1)) {
    if (l.trim() === '' && out.length === 0) continue;
    const m = /^[-*]\s+(.*)$/.exec(l.trim());
    if (!m) break;
    out.push((m[1] as string).replace(/[;.]$/, ''));
  }
  return out;
}

/** The lines that differ between start and solution, as a small diff (comments and blank lines left out). */
export function solutionDiff(start: string, solution: string): string[] {
  const code = (t: string): string[] => t.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  const a = code(start);
  const b = code(solution);
  return [...a.filter((l) => !b.includes(l)).map((l) => `- ${l}`), ...b.filter((l) => !a.includes(l)).map((l) => `+ ${l}`)];
}

function exerciseNotes(x: Exercise, lang: LessonLang): string {
  const w = WORDS[lang];
  const t = x.text[lang];
  const parts = [`### ${x.index}. ${t.title}`, '', `**${w.task}.** ${t.task}`, '', `**${w.change}:**`, '', '```', ...solutionDiff(x.start, x.solution), '```', '', `**${w.why}:**`, '', ...t.hints.map((h, i) => `${i + 1}. ${h}`)];
  if (x.predict.length > 0) {
    parts.push('', `**${w.predict}:**`, '');
    for (const q of x.predict) parts.push(`- ${q.question[lang]} ${w.answer}: ${q.choices[q.answer]?.[lang] ?? '?'}`);
  }
  return parts.join('\n');
}

/** The teacher notes of `lesson` in `lang`; `teacher` is the text of its teacher.LANG.md, if any. */
export function teacherNotes(lesson: Lesson, lang: LessonLang, teacher: string | undefined): string {
  const w = WORDS[lang];
  const meta = lesson.text[lang].meta;
  const goals = learningGoals(lesson.text[lang].body);
  return [
    `# ${meta.order}. ${meta.title}: ${w.notes}`,
    '',
    `${meta.chapter} · ${meta.minutes} ${w.minutes} · ${w.levels[meta.level]} · MQTT ${meta.spec}`,
    '',
    `## ${w.goals}`,
    '',
    ...goals.map((g) => `- ${g}`),
    '',
    (teacher ?? w.noNotes).trim(),
    '',
    `## ${w.exercises}`,
    '',
    lesson.exercises.map((x) => exerciseNotes(x, lang)).join('\n\n'),
    '',
  ].join('\n');
}
