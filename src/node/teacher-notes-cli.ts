/**
 * `npm run teacher:notes -- [--lang en|de] [--out DIR] lessons/NN-slug ...`
 *
 * Prints (or, with `--out`, writes as DIR/NN-slug.LANG.md) the printable teacher notes of each
 * lesson: goals, the lesson's teacher.LANG.md, every exercise with its solution and reasons.
 * Without a folder: every lesson. Exit code 2 on a usage error.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { loadCatalogue, teacherNotes, type LessonLang } from '../lessons/index.ts';
import { onClosedStdout } from './closed-pipe.ts';
import { readLessonFiles } from './lesson-files.ts';

const USAGE = 'usage: npm run teacher:notes -- [--lang en|de] [--out DIR] [lessons/NN-slug ...]';

function main(argv: string[]): number {
  let lang: LessonLang = 'en';
  let out: string | undefined;
  const folders: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--lang') {
      const v = argv[++i];
      if (v !== 'en' && v !== 'de') return usage('--lang needs en or de');
      lang = v;
    } else if (a === '--out') {
      out = argv[++i];
      if (out === undefined) return usage('--out needs a folder');
    } else if (a.startsWith('-')) return usage(a === '--help' || a === '-h' ? '' : `unknown option ${a}`);
    else folders.push(basename(resolve(a)));
  }
  const lessonsDir = resolve('lessons');
  if (!existsSync(lessonsDir)) return usage('run it from the repository root (no lessons/ folder here)');
  const files = readLessonFiles(lessonsDir);
  const catalogue = loadCatalogue(files);
  const wanted = folders.length > 0 ? folders : catalogue.lessons.map((l) => l.id);
  for (const id of wanted) {
    const lesson = catalogue.lessons.find((l) => l.id === id);
    if (!lesson) return usage(`no lesson ${id}`);
    const text = teacherNotes(lesson, lang, files[`/lessons/${id}/teacher.${lang}.md`]);
    if (out === undefined) console.log(text);
    else {
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, `${id}.${lang}.md`), text);
    }
  }
  return 0;
}

function usage(message: string): number {
  console.error(message ? `${message}\n${USAGE}` : USAGE);
  return 2;
}

onClosedStdout(() => process.exit());
process.exitCode = main(process.argv.slice(2));
