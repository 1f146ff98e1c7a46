/**
 * The structure of a lesson text that the checks and the UI need: headings, links and fenced
 * code blocks, found outside code (links inside a fenced block or a `code span` are text).
 *
 * Link kinds: `glossary:ID` (a term in lessons/glossary.json), `spec:MQTT-x.y.z-n` (a
 * conformance statement of MQTT 3.1.1 / 5.0), `lesson:ID` or `lesson:ID/EXERCISE` (another
 * lesson or one of its exercises), and ordinary web links. ```` ```mqtts ```` blocks are
 * "try it" scenarios the learner can load.
 */

/** A Markdown heading. */
export interface Heading {
  level: number;
  text: string;
  line: number;
}

export type LinkKind = 'glossary' | 'spec' | 'lesson' | 'web' | 'other';

/** A Markdown link `[text](target)`. */
export interface Link {
  kind: LinkKind;
  text: string;
  /** The whole target as written, e.g. `glossary:broker`. */
  href: string;
  /** The target without its scheme: `broker`, `MQTT-3.1.2-8`, `08-qos1`. */
  target: string;
  line: number;
}

/** A fenced code block. */
export interface CodeBlock {
  lang: string;
  code: string;
  /** Line of the opening fence. */
  line: number;
}

/** Everything `analyzeMarkdown` finds. */
export interface MarkdownOutline {
  headings: Heading[];
  links: Link[];
  blocks: CodeBlock[];
}

/** A conformance statement ID as the MQTT specs print them: `MQTT-3.1.2-8`, `MQTT-4.7.1-2`. */
export const SPEC_ID = /^MQTT-\d+\.\d+\.\d+-\d+$/;

/** Lesson ids are their folder names: two digits, a dash, a kebab-case slug. */
export const LESSON_ID = /^\d\d-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Exercise folder names: a number, a dash, a kebab-case slug. */
export const EXERCISE_ID = /^\d+-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Glossary ids: kebab-case (`$SYS` is `sys-topics`). */
export const GLOSSARY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const LINK = /\[((?:[^\][]|\[[^\]]*\])*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
const FENCE = /^\s{0,3}(`{3,}|~{3,})\s*([\w-]*)/;

function kindOf(href: string): { kind: LinkKind; target: string } {
  const m = /^([a-z]+):(.*)$/.exec(href);
  if (!m) return { kind: 'other', target: href };
  const scheme = m[1] as string;
  const rest = m[2] as string;
  if (scheme === 'glossary' || scheme === 'spec' || scheme === 'lesson') return { kind: scheme, target: rest };
  if (scheme === 'http' || scheme === 'https' || scheme === 'mailto') return { kind: 'web', target: href };
  return { kind: 'other', target: href };
}

/** Headings, links and fenced blocks of a Markdown text. `firstLine` numbers its first line. */
export function analyzeMarkdown(markdown: string, firstLine = 1): MarkdownOutline {
  const headings: Heading[] = [];
  const links: Link[] = [];
  const blocks: CodeBlock[] = [];
  const lines = markdown.split(/\r?\n/);
  let fence: { marker: string; lang: string; line: number; body: string[] } | undefined;
  lines.forEach((raw, i) => {
    const line = firstLine + i;
    const f = FENCE.exec(raw);
    if (fence) {
      if (f && (f[1] as string)[0] === fence.marker[0] && (f[1] as string).length >= fence.marker.length && (f[2] ?? '') === '') {
        blocks.push({ lang: fence.lang, code: fence.body.join('\n'), line: fence.line });
        fence = undefined;
      } else {
        fence.body.push(raw);
      }
      return;
    }
    if (f) {
      fence = { marker: f[1] as string, lang: f[2] ?? '', line, body: [] };
      return;
    }
    const h = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(raw);
    if (h) headings.push({ level: (h[1] as string).length, text: h[2] as string, line });
    const withoutCode = raw.replace(/`[^`]*`/g, (s) => ' '.repeat(s.length));
    for (const m of withoutCode.matchAll(LINK)) {
      const href = m[2] as string;
      links.push({ ...kindOf(href), text: m[1] as string, href, line });
    }
  });
  if (fence) blocks.push({ lang: fence.lang, code: fence.body.join('\n'), line: fence.line });
  return { headings, links, blocks };
}

/** What a link may point at. */
export interface LinkTargets {
  glossaryIds: ReadonlySet<string>;
  /** Lesson id -> its exercise ids. */
  lessons: ReadonlyMap<string, readonly string[]>;
}

/** A problem with one link, or undefined when it is fine. */
export function checkLink(link: Link, targets: LinkTargets): string | undefined {
  switch (link.kind) {
    case 'glossary':
      return targets.glossaryIds.has(link.target) ? undefined : `glossary term \`${link.target}\` is not in lessons/glossary.json`;
    case 'spec':
      return SPEC_ID.test(link.target) ? undefined : `\`${link.target}\` is not a conformance statement ID like MQTT-3.1.2-8`;
    case 'lesson': {
      const [lessonId, exerciseId, ...more] = link.target.split('/');
      const exercises = targets.lessons.get(lessonId ?? '');
      if (!exercises) return `lesson \`${lessonId}\` does not exist`;
      if (more.length > 0) return `\`lesson:${link.target}\` has too many parts (lesson:ID or lesson:ID/EXERCISE)`;
      if (exerciseId !== undefined && !exercises.includes(exerciseId)) return `lesson \`${lessonId}\` has no exercise \`${exerciseId}\``;
      return undefined;
    }
    case 'web':
      return undefined;
    case 'other':
      return `unknown link \`${link.href}\`: use glossary:, spec:, lesson: or an https:// address`;
  }
}

/** Every problem with the links of a text, with line numbers. */
export function checkLinks(links: readonly Link[], targets: LinkTargets): { line: number; message: string }[] {
  const out: { line: number; message: string }[] = [];
  for (const link of links) {
    const problem = checkLink(link, targets);
    if (problem) out.push({ line: link.line, message: problem });
  }
  return out;
}
