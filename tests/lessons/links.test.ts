import { describe, expect, it } from 'vitest';
import { analyzeMarkdown, checkLinks, type LinkTargets } from '../../src/lessons/index.ts';

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
