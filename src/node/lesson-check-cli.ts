/**
 * `npm run lesson:check -- lessons/12-last-will [lessons/13-sessions ...]`
 *
 * Checks lesson folders the way tests/lessons does, with every problem as `FILE:LINE: message`
 * (paths from the repository root): front matter, the same structure in English and German,
 * links, try-it blocks, hint headings, the exercise list in the lesson, and each exercise run
 * in the simulator (the start fails its goal, the solution reaches it, predict answers match,
 * cheat*.mqtts files fail). Then one line per exercise with what its start and solution did,
 * so an author sees which goal line the start fails.
 *
 * `--lang de` says it in German (as `npm run scenario -- --lang de`): the per-exercise lines, the
 * verdicts (`NICHT ERFÜLLT` for `FAIL`) and every problem, each said from its id and values
 * (src/lessons/problem-texts.ts); English prints the same sentences as ever.
 *
 * Exit code: 0 when the folders are sound, 1 when there are problems, 2 on a usage error.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { checkAgainstGoal, checkLessonFolder, formatProblem } from '../lessons/index.ts';
import { onClosedStdout } from './closed-pipe.ts';
import { readLessonFiles } from './lesson-files.ts';

const USAGE = 'usage: npm run lesson:check -- lessons/NN-slug [lessons/NN-slug ...] [--lang en|de]';

type Lang = 'en' | 'de';

/** The scenarios of an exercise by their German names (the files stay start.mqtts, solution.mqtts). */
const GERMAN_NAMES: Readonly<Record<string, string>> = { start: 'Start', solution: 'Lösung' };

/** One exercise's run with its goal: `start passes all 3 goals` (`Start: alle 3 Ziele erfüllt`). */
function runSummary(name: 'start' | 'solution', ran: boolean, goals: number, fails: readonly string[], lang: Lang): string {
  if (lang === 'de') {
    const said = GERMAN_NAMES[name];
    if (!ran) return `${said}: hat Fehler`;
    return fails.length === 0 ? `${said}: alle ${goals} Ziele erfüllt` : `${said}: nicht erfüllt ${fails.join(', ')}`;
  }
  if (!ran) return `${name} has errors`;
  return fails.length === 0 ? `${name} passes all ${goals} goals` : `${name} fails ${fails.join(', ')}`;
}

/** Folders and `--lang`, or the usage error's text. */
function parseArgs(argv: string[]): { folders: string[]; lang: Lang } | string {
  const folders: string[] = [];
  let lang: Lang = 'en';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return USAGE;
    if (a === '--lang') {
      const v = argv[++i];
      if (v !== 'en' && v !== 'de') return `--lang needs en or de\n${USAGE}`;
      lang = v;
    } else if (a.startsWith('-')) return `unknown option ${a}\n${USAGE}`;
    else folders.push(a);
  }
  return folders.length === 0 ? USAGE : { folders, lang };
}

function main(argv: string[]): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    console.error(args);
    return 2;
  }
  const { folders, lang } = args;
  let bad = 0;
  for (const arg of folders) {
    const folderPath = resolve(arg.replace(/[/\\]+$/, ''));
    if (!existsSync(folderPath) || !statSync(folderPath).isDirectory()) {
      console.error(`${arg}: ${lang === 'de' ? 'kein Ordner' : 'not a folder'}\n${USAGE}`);
      return 2;
    }
    const lessonsDir = dirname(folderPath);
    const folder = basename(folderPath);
    const prefix = `${relative(process.cwd(), lessonsDir).split('\\').join('/') || '.'}/`;
    const { problems, catalogue, exercises } = checkLessonFolder(readLessonFiles(lessonsDir), folder);
    for (const p of problems) console.log(formatProblem(p, prefix, lang));
    const lesson = catalogue.lessons.find((l) => l.id === folder);
    for (const x of lesson?.exercises ?? []) {
      const ownLines = (t: string): number => t.split('\n').length;
      const summary = (name: 'start' | 'solution', text: string): string => {
        const c = checkAgainstGoal(text, x.goal);
        const fails = c.goalResults.filter((r) => !r.pass).map((r) => `goal.mqtts:${r.expectation.range.line - ownLines(text)}`);
        return runSummary(name, c.ran, c.goalResults.length, fails, lang);
      };
      const questions = lang === 'de' ? `${x.predict.length} Vorhersagefrage(n)` : `${x.predict.length} predict question(s)`;
      console.log(`  ${folder}/${x.id}: ${summary('start', x.start)}; ${summary('solution', x.solution)}; ${questions}`);
    }
    const verdict = lang === 'de'
      ? (problems.length === 0 ? `in Ordnung (${exercises} Aufgabe(n))` : `${problems.length} Problem(e)`)
      : (problems.length === 0 ? `ok (${exercises} exercise(s))` : `${problems.length} problem(s)`);
    console.log(`${prefix}${folder}: ${verdict}`);
    if (problems.length > 0) bad++;
  }
  return bad > 0 ? 1 : 0;
}

onClosedStdout(() => process.exit());
process.exitCode = main(process.argv.slice(2));
