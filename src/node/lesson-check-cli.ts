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
 * Exit code: 0 when the folders are sound, 1 when there are problems, 2 on a usage error.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { checkAgainstGoal, checkLessonFolder, formatProblem } from '../lessons/index.ts';
import { onClosedStdout } from './closed-pipe.ts';
import { readLessonFiles } from './lesson-files.ts';

const USAGE = 'usage: npm run lesson:check -- lessons/NN-slug [lessons/NN-slug ...]';

function main(argv: string[]): number {
  const folders = argv.filter((a) => !a.startsWith('-'));
  if (argv.some((a) => a === '--help' || a === '-h') || folders.length === 0) {
    console.error(USAGE);
    return 2;
  }
  let bad = 0;
  for (const arg of folders) {
    const folderPath = resolve(arg.replace(/[/\\]+$/, ''));
    if (!existsSync(folderPath) || !statSync(folderPath).isDirectory()) {
      console.error(`${arg}: not a folder\n${USAGE}`);
      return 2;
    }
    const lessonsDir = dirname(folderPath);
    const folder = basename(folderPath);
    const prefix = `${relative(process.cwd(), lessonsDir).split('\\').join('/') || '.'}/`;
    const { problems, catalogue, exercises } = checkLessonFolder(readLessonFiles(lessonsDir), folder);
    for (const p of problems) console.log(formatProblem(p, prefix));
    const lesson = catalogue.lessons.find((l) => l.id === folder);
    for (const x of lesson?.exercises ?? []) {
      const ownLines = (t: string): number => t.split('\n').length;
      const summary = (name: string, text: string): string => {
        const c = checkAgainstGoal(text, x.goal);
        if (!c.ran) return `${name} has errors`;
        const fails = c.goalResults.filter((r) => !r.pass).map((r) => `goal.mqtts:${r.expectation.range.line - ownLines(text)}`);
        return fails.length === 0 ? `${name} passes all ${c.goalResults.length} goals` : `${name} fails ${fails.join(', ')}`;
      };
      console.log(`  ${folder}/${x.id}: ${summary('start', x.start)}; ${summary('solution', x.solution)}; ${x.predict.length} predict question(s)`);
    }
    console.log(problems.length === 0 ? `${prefix}${folder}: ok (${exercises} exercise(s))` : `${prefix}${folder}: ${problems.length} problem(s)`);
    if (problems.length > 0) bad++;
  }
  return bad > 0 ? 1 : 0;
}

onClosedStdout(() => process.exit());
process.exitCode = main(process.argv.slice(2));
