/**
 * The lessons' practical steps as the test in practical-steps.test.ts runs them: every fenced
 * block that is not a scenario (`mqtts`) or a widget, from every lesson, teacher and exercise
 * page in both languages; what each block is for (run as a shell step, written as a config file,
 * or only an illustration); the commands named in the prose that need a human; and the few
 * visible rewrites a block goes through before it runs in a temporary folder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { killAll, startProcess, type Proc } from '../node/broker-process.ts';
import { LESSONS_DIR, ROOT } from './helpers.ts';

export interface Block {
  /** `15-websockets/lesson#2`: the page (without its language) and the block's place on it. */
  key: string;
  lang: 'en' | 'de';
  info: string;
  text: string;
}

/** Every non-scenario, non-widget fenced block of every page below lessons/. */
export function lessonBlocks(): Block[] {
  const blocks: Block[] = [];
  const files = readdirSync(LESSONS_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(en|de)\.md$/.test(f)).sort();
  for (const file of files) {
    const [, page, lang] = /^(.*)\.(en|de)\.md$/.exec(file.split('\\').join('/'))!;
    const lines = readFileSync(join(LESSONS_DIR, file), 'utf8').split('\n');
    let open: { info: string; body: string[] } | undefined;
    let n = 0;
    for (const line of lines) {
      const fence = /^\s*```(.*)$/.exec(line);
      if (!fence) {
        open?.body.push(line);
        continue;
      }
      if (!open) open = { info: fence[1]!.trim(), body: [] };
      else {
        if (open.info !== 'mqtts' && !open.info.startsWith('widget')) {
          blocks.push({ key: `${page}#${n}`, lang: lang as 'en' | 'de', info: open.info, text: `${open.body.join('\n')}\n` });
          n++;
        }
        open = undefined;
      }
    }
  }
  return blocks;
}

export type BlockUse =
  | { kind: 'shell'; lab: string }
  | { kind: 'config'; lab: string; file: string }
  | { kind: 'illustration'; why: string };

/**
 * What each block is. The test fails on a block that is missing here (nothing is left out
 * silently) and on an entry whose first line no longer matches its block.
 */
export const BLOCKS: Record<string, { first: string; use: BlockUse }> = {
  '04-topics/lesson#0': { first: 'plant/hall1/temp', use: { kind: 'illustration', why: 'a list of topic names, no command' } },
  '08-qos1/lesson#0': { first: 'sensor -> broker     PUBLISH q1 id=1', use: { kind: 'illustration', why: 'an excerpt of a trace, no command' } },
  '15-websockets/lesson#0': { first: 'openssl req -x509', use: { kind: 'shell', lab: '15' } },
  '15-websockets/lesson#1': { first: 'allow_anonymous true', use: { kind: 'config', lab: '15', file: 'lab.conf' } },
  '15-websockets/lesson#2': { first: 'npm run broker -- --config lab.conf --trace', use: { kind: 'shell', lab: '15' } },
  '15-websockets/lesson#3': { first: 'mosquitto_sub -h localhost -p 8883 --cafile ca.crt', use: { kind: 'shell', lab: '15' } },
  '15-websockets/lesson#4': { first: 'node -e "const c = require(\'mqtt\')', use: { kind: 'shell', lab: '15' } },
  '18-security/lesson#0': { first: 'mosquitto_passwd -c lab.passwd hmi', use: { kind: 'shell', lab: '18 passwords' } },
  '18-security/lesson#1': { first: 'listener 1883', use: { kind: 'config', lab: '18 passwords', file: 'passwd.conf' } },
  '18-security/lesson#2': { first: 'mosquitto -c passwd.conf', use: { kind: 'shell', lab: '18 passwords' } },
  '18-security/lesson#3': { first: 'openssl req -x509', use: { kind: 'shell', lab: '18' } },
  '18-security/lesson#4': { first: 'user press1', use: { kind: 'config', lab: '18', file: 'lab.acl' } },
  '18-security/lesson#5': { first: 'allow_anonymous false', use: { kind: 'config', lab: '18', file: 'secure.conf' } },
  '18-security/lesson#6': { first: 'npm run broker -- --config secure.conf --trace', use: { kind: 'shell', lab: '18' } },
  '19-production-hall/lesson#0': { first: 'npm run broker -- --port 1883 --trace', use: { kind: 'shell', lab: '19' } },
  '19-production-hall/lesson#1': { first: 'mosquitto_sub -h 127.0.0.1 -i press-1 -k 5', use: { kind: 'shell', lab: '19' } },
  '21-into-the-real-world/lesson#0': { first: 'npm run export -- my-hall.mqtts broker mosquitto', use: { kind: 'shell', lab: '21' } },
};

/**
 * Blocks that differ between the languages on purpose, with why. Shell comments (`# ...`) are
 * compared without their text, since they are translated.
 */
export const TRANSLATED_BLOCKS: Record<string, string> = {
  '08-qos1/lesson#0': 'the trace excerpt\'s remarks in brackets are translated',
  '21-into-the-real-world/lesson#0': 'the scenario file and the folder have German names (meine-halle.mqtts, halle)',
};

/**
 * Commands the pages name inline (in backticks) that a test cannot or should not run, and why.
 * `steps` are the exact inline texts; the test fails on an inline command in no table.
 */
export const HUMAN_ONLY: { where: string; steps: string[]; why: string }[] = [
  { where: '15, 19, 21 (lesson)', steps: ['sudo systemctl stop mosquitto'], why: 'stops a system service of the machine (only needed when one holds port 1883); the test gives every broker a free port instead' },
  { where: '19 (lesson)', steps: ['npm install'], why: 'the project\'s set-up; the test runs in the installed project' },
  { where: '15, 18 (lesson)', steps: ['npm run build', 'npm run broker -- --config lab.conf --live'], why: 'the live view needs a person at a browser; tests/node/live-*.test.ts check it' },
  { where: '21 (lesson)', steps: ['tshark -r mqtt-lab-run.pcapng'], why: 'the file is a download from the app; the tests of the pcapng export read it with tshark' },
  { where: '19 (lesson)', steps: ['fg'], why: 'a key of a person at a terminal; the test sends the signals of Ctrl+Z and of a closed window (SIGSTOP, SIGHUP) instead' },
  { where: '13 (lesson)', steps: ['mosquitto_sub -c'], why: 'names an option, no step' },
];

/** Commands in the prose (not in a block) that the labs run as well. */
export const PROSE_RUN: { where: string; step: string; lab: string }[] = [
  { where: '06 (teacher)', step: "mosquitto_sub -t '$SYS/#' -v", lab: 'lesson 19 (npm run broker) and lesson 15 (Mosquitto)' },
  { where: '15, 18, 19, 21 (lesson)', step: 'npm run broker', lab: 'lessons 15, 18, 19 and 21' },
  { where: '15 (lesson)', step: 'mosquitto -c lab.conf', lab: 'lesson 15' },
  { where: '18 (lesson)', step: 'mosquitto -c secure.conf', lab: 'lesson 18' },
  { where: '18 (lesson)', step: "tshark -i lo -f 'tcp port 8883'", lab: 'lesson 18 (on the loopback, as root)' },
  { where: '19 (lesson)', step: 'pattern write hall1/%u/#', lab: 'lessons 18 and 19 in prose' },
];

/** Inline commands with arguments on every page, in English (`fg` too). */
export function inlineCommands(): string[] {
  const found = new Set<string>();
  for (const file of readdirSync(LESSONS_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.en.md'))) {
    const prose = readFileSync(join(LESSONS_DIR, file), 'utf8').replace(/^\s*```[^]*?^\s*```/gm, '');
    for (const m of prose.matchAll(/`((?:sudo|mosquitto[^`\s]*|openssl|tshark|npm|apt-get|apt|systemctl) [^`]+|fg)`/g)) found.add(m[1]!);
  }
  return [...found].sort();
}

/** The loader `npm run broker` uses (tsx), as an absolute URL so that it loads from any folder. */
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/**
 * The rewrites, in this order, and nothing else:
 * 1. the shell comments at the end of a line (`# terminal 1: ...`) are dropped;
 * 2. `npm run broker -- ` and `npm run export -- ` become the programs npm would start
 *    (`node --import tsx src/node/broker-cli.ts`), so that the test stops them by their own PIDs;
 * 3. the ports 1883, 8883 and 9001 become free ports (`ports`); mosquitto_pub and mosquitto_sub
 *    without `-p` (which means 1883) get `-p` with the free port for 1883;
 * 4. `extra` flags are appended (`-W` timeouts and `-C` counts for mosquitto_sub).
 */
export function rewrite(line: string, ports: Record<number, number>, extra = ''): string {
  // The test writes only into its temporary folder: a system path in a block is a step for HUMAN_ONLY.
  if (/(^|[\s='"])\/(etc|var|usr\/local|opt|home|root)\//.test(line)) throw new Error(`a lesson step names a system path, which the test does not touch: ${line}`);
  let out = line.replace(/\s+#[^'"]*$/, '');
  out = out.replace(/^npm run (broker|export) -- /, (_, cli: string) => `${process.execPath} --import ${TSX} ${join(ROOT, `src/node/${cli}-cli.ts`)} `);
  out = out.replace(/\b(1883|8883|9001)\b/g, (p) => String(ports[Number(p)] ?? p));
  if (/^mosquitto_(pub|sub) /.test(out) && !/ -p \d+/.test(out) && ports[1883] !== undefined) out = out.replace(/^(mosquitto_(pub|sub))/, `$1 -p ${ports[1883]}`);
  return extra ? `${out} ${extra}` : out;
}

/** A config block with its ports rewritten (rule 3 above). */
export const rewriteConfig = (text: string, ports: Record<number, number>): string => text.replace(/^listener (\d+)/gm, (l, p: string) => `listener ${ports[Number(p)] ?? p}`);

export type Step = Proc;

/** One command line through `sh -c 'exec ...'` in `cwd` (the PID is the command's own); a block with a loop runs as one script. */
export const step = (command: string, cwd: string, ms = 30_000): Step => startProcess('sh', ['-c', command.includes('\n') ? command : `exec ${command}`], ms, cwd);

/** Kills every step still running, each by its PID (call from afterAll). */
export const stopSteps = killAll;

/** The block of `key` in `lang`. */
export function block(blocks: Block[], key: string, lang: 'en' | 'de' = 'en'): string {
  const b = blocks.find((x) => x.key === key && x.lang === lang);
  if (!b) throw new Error(`no block ${key} (${lang})`);
  return b.text;
}

/** The block's command lines (one command a line; a block with a loop runs as one script). */
export const commandLines = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '');
