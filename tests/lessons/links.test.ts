import { describe, expect, it } from 'vitest';
import {
  analyzeMarkdown, checkLinks, loadCatalogue, SPEC_DOCUMENTS, specUrl, specVersionOf, structureProblems, type LinkTargets,
} from '../../src/lessons/index.ts';
import { readLessonFiles } from './helpers.ts';

const targets: LinkTargets = {
  glossaryIds: new Set(['broker', 'qos']),
  lessons: new Map([['08-qos1', ['1-lost-puback']]]),
};

describe('analyzeMarkdown', () => {
  const md = [
    '# Title',
    'A [Broker](glossary:broker) and [MQTT-3.1.2-8](spec:MQTT-3.1.2-8), see [QoS 1](lesson:08-qos1).',
    '`[not a link](glossary:nope)` and [web](https://mqtt.org).',
    '## Try it',
    '```mqtts',
    'client a',
    '# a comment, not a heading [x](glossary:nope)',
    '```',
    '### Done',
  ].join('\n');
  const o = analyzeMarkdown(md);

  it('finds headings outside code fences, with levels and lines', () => {
    expect(o.headings.map((h) => [h.level, h.text, h.line])).toEqual([[1, 'Title', 1], [2, 'Try it', 4], [3, 'Done', 9]]);
  });
  it('finds links outside code, with their kind and target', () => {
    expect(o.links.map((l) => [l.kind, l.target])).toEqual([['glossary', 'broker'], ['spec', 'MQTT-3.1.2-8'], ['lesson', '08-qos1'], ['web', 'https://mqtt.org']]);
  });
  it('finds fenced blocks with their language', () => {
    expect(o.blocks).toEqual([{ lang: 'mqtts', code: 'client a\n# a comment, not a heading [x](glossary:nope)', line: 5 }]);
  });
});

describe('checkLinks', () => {
  const check = (md: string): string[] => checkLinks(analyzeMarkdown(md).links, targets).map((p) => p.message);
  it('accepts links that resolve', () => {
    expect(check('[a](glossary:qos) [b](spec:MQTT-4.7.1-2) [c](lesson:08-qos1) [d](lesson:08-qos1/1-lost-puback) [e](https://x.org)')).toEqual([]);
  });
  it('reports unknown terms, lessons, exercises, malformed spec ids and unknown schemes', () => {
    const msgs = check('[a](glossary:brokr) [b](spec:3.1.2-8) [c](spec:MQTT-3.1.2) [d](lesson:09-qos2) [e](lesson:08-qos1/2-x) [f](foo.md)');
    expect(msgs).toHaveLength(6);
    expect(msgs[0]).toMatch(/brokr/);
    expect(msgs[3]).toMatch(/09-qos2/);
    expect(msgs[4]).toMatch(/no exercise/);
    expect(msgs[5]).toMatch(/unknown link/);
  });
});

describe('spec links: which specification, and where in it', () => {
  it('reads the version a link names: spec5: is MQTT 5.0, spec311: is 3.1.1, spec: follows the lesson', () => {
    const links = analyzeMarkdown('[a](spec:MQTT-3.1.2-8) [b](spec5:MQTT-3.1.3-9) [c](spec311:MQTT-3.1.2-24)').links;
    expect(links.map((l) => [l.kind, l.target, l.specVersion])).toEqual([
      ['spec', 'MQTT-3.1.2-8', undefined],
      ['spec', 'MQTT-3.1.3-9', '5.0'],
      ['spec', 'MQTT-3.1.2-24', '3.1.1'],
    ]);
    expect(checkLinks(links, targets)).toEqual([]);
    expect(specVersionOf('spec:MQTT-3.1.2-8')).toBe('3.1.1');
    expect(specVersionOf('spec:MQTT-3.1.2-8', '5.0')).toBe('5.0');
    expect(specVersionOf('spec311:MQTT-3.1.2-8', '5.0')).toBe('3.1.1');
    expect(specVersionOf('spec5:MQTT-3.1.2-8', '3.1.1')).toBe('5.0');
  });

  it('still checks the ID of a versioned link, and names the schemes for an unknown one', () => {
    const msgs = checkLinks(analyzeMarkdown('[a](spec5:3.1.3-9) [b](spec4:MQTT-3.1.3-9)').links, targets).map((p) => p.message);
    expect(msgs[0]).toMatch(/not a conformance statement ID/);
    expect(msgs[1]).toMatch(/spec5:, spec311:/);
  });

  it('opens the OASIS document of that version at the printed ID, as a text fragment with `-` encoded', () => {
    expect(specUrl('MQTT-3.1.2-24', '3.1.1')).toBe(`${SPEC_DOCUMENTS['3.1.1']}#:~:text=%5BMQTT%2D3.1.2%2D24%5D`);
    expect(specUrl('MQTT-3.1.3-9', '5.0')).toBe(`${SPEC_DOCUMENTS['5.0']}#:~:text=%5BMQTT%2D3.1.3%2D9%5D`);
    expect(SPEC_DOCUMENTS['5.0']).toBe('https://docs.oasis-open.org/mqtt/mqtt/v5.0/os/mqtt-v5.0-os.html');
    expect(SPEC_DOCUMENTS['3.1.1']).toBe('https://docs.oasis-open.org/mqtt/mqtt/v3.1.1/os/mqtt-v3.1.1-os.html');
  });
});

describe('spec links in lessons/', () => {
  const catalogue = loadCatalogue(readLessonFiles());
  /** Every spec link of a lesson (text and exercises, English) as `ID version`. */
  const opened = (lessonId: string): string[] => {
    const lesson = catalogue.lessons.find((l) => l.id === lessonId);
    if (!lesson) throw new Error(`no lesson ${lessonId}`);
    const links = [...lesson.text.en.outline.links, ...lesson.exercises.flatMap((x) => x.text.en.outline.links)];
    return links.filter((l) => l.kind === 'spec').map((l) => `${l.target} ${specVersionOf(l.href, lesson.text.en.meta.spec)}`);
  };

  it('lesson 20 (MQTT 5) opens the 5.0 document by default (front matter `spec: 5.0`)', () => {
    expect(catalogue.lessons.find((l) => l.id === '20-mqtt5')?.text.de.meta.spec).toBe('5.0');
    expect(opened('20-mqtt5')).toContain('MQTT-3.3.2-5 5.0');
  });

  it('3.1.1 statements open 3.1.1; statements numbered only in 5.0 open 5.0', () => {
    expect(opened('01-why-mqtt')).toEqual(['MQTT-4.3.1-1 3.1.1']);
    // keep-alive: 3.1.1 numbers the rules -23/-24, 5.0 -20/-22; Server Keep Alive exists in 5.0 only
    expect(opened('11-keep-alive')).toEqual(expect.arrayContaining([
      'MQTT-3.1.2-23 3.1.1', 'MQTT-3.1.2-24 3.1.1', 'MQTT-3.1.2-20 5.0', 'MQTT-3.1.2-22 5.0', 'MQTT-3.2.2-21 5.0',
    ]));
    // takeover (3.1.1 -2, 5.0 -3) and the will delay (5.0 only)
    expect(opened('12-last-will')).toEqual(expect.arrayContaining(['MQTT-3.1.4-2 3.1.1', 'MQTT-3.1.4-3 5.0', 'MQTT-3.1.3-9 5.0']));
    // session expiry: MQTT-3.1.2-23 of 5.0 (in 3.1.1 the same number is the keep-alive rule)
    expect(opened('13-sessions')).toContain('MQTT-3.1.2-23 5.0');
    // the same number, two rules: retained on a new subscription in 3.1.1, clearing a retained message in 5.0
    expect(opened('14-retained-messages')).toEqual(expect.arrayContaining(['MQTT-3.3.1-6 3.1.1', 'MQTT-3.3.1-9 5.0', 'MQTT-3.3.1-10 3.1.1', 'MQTT-3.3.1-6 5.0']));
  });

  it('refuses an unknown `spec` in the front matter, and one language differing from the other', () => {
    const files = readLessonFiles();
    const path = '/lessons/01-why-mqtt/lesson.en.md';
    const withSpec = (version: string) => loadCatalogue({ ...files, [path]: files[path]!.replace(/^minutes: (.*)$/m, `minutes: $1\nspec: ${version}`) });
    expect(withSpec('4.0').problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/`spec` must be one of 3\.1\.1, 5\.0/));
    expect(structureProblems(withSpec('5.0')).map((p) => p.message)).toContainEqual(expect.stringMatching(/front matter `spec` differs/));
  });
});
