/**
 * The structure of a lesson text that the checks and the UI need: headings, links and fenced
 * code blocks, found outside code (links inside a fenced block or a `code span` are text).
 *
 * Link kinds: `glossary:ID` (a term in lessons/glossary.json), `spec:MQTT-x.y.z-n` (a
 * conformance statement in the lesson's spec version, front matter `spec`, else MQTT 3.1.1;
 * `spec5:` and `spec311:` name the version for one link), `lesson:ID` or `lesson:ID/EXERCISE`
 * (another lesson or one of its exercises), and ordinary web links. ```` ```mqtts ```` blocks
 * are "try it" scenarios the learner can load.
 */
import { problemText, type LessonProblemId, type ProblemParams } from './problem-texts.ts';

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
  /** A spec link's version when the link names it (`spec5:`, `spec311:`); `spec:` follows the lesson. */
  specVersion?: SpecVersion;
  line: number;
}

/** The MQTT versions whose specification a `spec` link can open. */
export type SpecVersion = '3.1.1' | '5.0';
export const SPEC_VERSIONS: readonly SpecVersion[] = ['3.1.1', '5.0'];

/** The OASIS Standard documents (HTML), by version. */
export const SPEC_DOCUMENTS: Readonly<Record<SpecVersion, string>> = {
  '3.1.1': 'https://docs.oasis-open.org/mqtt/mqtt/v3.1.1/os/mqtt-v3.1.1-os.html',
  '5.0': 'https://docs.oasis-open.org/mqtt/mqtt/v5.0/os/mqtt-v5.0-os.html',
};

/** Link schemes of conformance statements and the version each names (`spec:` names none). */
const SPEC_SCHEMES: Readonly<Record<string, SpecVersion | null>> = { spec: null, spec5: '5.0', spec311: '3.1.1' };

/**
 * Where a conformance statement is in its specification. The OASIS HTML (exported from Word)
 * has no anchor per statement, and its section anchors are opaque Word bookmarks
 * (`#_Toc3901045` for 5.0 section 3.1.2.10), not derived from the section number. What does
 * find a statement is its printed ID: each appears in the text as `[MQTT-x.y.z-n]`, first where
 * the rule is stated (the summary table in the appendix comes later). So the link is a text
 * fragment (`#:~:text=`) for that string; `-` is percent-encoded because it is syntax in a text
 * directive. A browser without text fragments opens the document at the top.
 */
export function specUrl(id: string, version: SpecVersion): string {
  const text = encodeURIComponent(`[${id}]`).replace(/-/g, '%2D');
  return `${SPEC_DOCUMENTS[version]}#:~:text=${text}`;
}

/** The version a spec link opens: the one it names, else the lesson's default. */
export function specVersionOf(href: string, lessonDefault: SpecVersion = '3.1.1'): SpecVersion {
  const scheme = /^([a-z0-9]+):/.exec(href)?.[1] ?? '';
  return SPEC_SCHEMES[scheme] ?? lessonDefault;
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

function kindOf(href: string): { kind: LinkKind; target: string; specVersion?: SpecVersion } {
  const m = /^([a-z0-9]+):(.*)$/.exec(href);
  if (!m) return { kind: 'other', target: href };
  const scheme = m[1] as string;
  const rest = m[2] as string;
  const version = SPEC_SCHEMES[scheme];
  if (version !== undefined) return version ? { kind: 'spec', target: rest, specVersion: version } : { kind: 'spec', target: rest };
  if (scheme === 'glossary' || scheme === 'lesson') return { kind: scheme, target: rest };
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

/** A problem with one link as its id and values, or undefined when it is fine. */
export function linkProblem(link: Link, targets: LinkTargets): { id: LessonProblemId; params: ProblemParams } | undefined {
  switch (link.kind) {
    case 'glossary':
      return targets.glossaryIds.has(link.target) ? undefined : { id: 'link.glossary', params: { target: link.target } };
    case 'spec':
      return SPEC_ID.test(link.target) ? undefined : { id: 'link.spec', params: { target: link.target } };
    case 'lesson': {
      const [lessonId, exerciseId, ...more] = link.target.split('/');
      const exercises = targets.lessons.get(lessonId ?? '');
      if (!exercises) return { id: 'link.lesson', params: { lesson: lessonId ?? '' } };
      if (more.length > 0) return { id: 'link.parts', params: { target: link.target } };
      if (exerciseId !== undefined && !exercises.includes(exerciseId)) return { id: 'link.exercise', params: { lesson: lessonId ?? '', exercise: exerciseId } };
      return undefined;
    }
    case 'web':
      return undefined;
    case 'other':
      return { id: 'link.unknown', params: { href: link.href } };
  }
}

/** A problem with one link in English, or undefined when it is fine. */
export function checkLink(link: Link, targets: LinkTargets): string | undefined {
  const p = linkProblem(link, targets);
  return p && problemText(p.id, p.params);
}

/** Every problem with the links of a text, with line numbers. */
export function checkLinks(links: readonly Link[], targets: LinkTargets): { line: number; message: string; id: LessonProblemId; params: ProblemParams }[] {
  const out: { line: number; message: string; id: LessonProblemId; params: ProblemParams }[] = [];
  for (const link of links) {
    const p = linkProblem(link, targets);
    if (p) out.push({ line: link.line, message: problemText(p.id, p.params), ...p });
  }
  return out;
}
