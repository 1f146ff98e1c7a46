import { describe, expect, it } from 'vitest';
import { lintTopic, lintTopicSet, type LintFinding } from '../../src/core/mqtt/index.ts';

const rules = (fs: LintFinding[]) => fs.map((f) => `${f.severity} ${f.rule} ${f.start}-${f.end}`);

describe('lintTopic: the textbook rules', () => {
  it('accepts a well-designed topic', () => {
    expect(lintTopic('plant/hall1/line-2/temp_c')).toEqual([]);
    expect(lintTopic('plant/+/line.2/#', { kind: 'filter' })).toEqual([]);
    expect(lintTopic('$SYS/#', { kind: 'filter' })).toEqual([]);
  });

  it.each([
    ['/plant/temp', ['warning leading-slash 0-1'], 'plant/temp'],
    ['plant/temp/', ['warning trailing-slash 10-11'], 'plant/temp'],
    ['plant//temp', ['warning empty-level 6-7'], 'plant/temp'],
    ['plant///temp', ['warning empty-level 6-8'], 'plant/temp'],
    ['plant/hall 1', ['warning whitespace 10-11'], 'plant/hall_1'],
    ['halle/tür', ['warning non-ascii 7-8'], 'halle/tuer'],
    ['Straße/Größe', ['warning non-ascii 4-5', 'warning non-ascii 9-10', 'warning non-ascii 10-11'], 'Strasse/Groesse'],
  ] as const)('%j: %j, fixed to %j', (topic, expected, fixed) => {
    const fs = lintTopic(topic);
    expect(rules(fs)).toEqual(expected);
    for (const f of fs) expect(f.fix?.replacement).toBe(fixed);
  });

  it.each([
    ['plant/temp%C', ['warning special-char 10-11']],
    ['plant/temp°C', ['warning non-ascii 10-11']],
    ['a\tb', ['warning whitespace 1-2']],
    ['a\u0001b', ['warning special-char 1-2']],
    ['plant/😀', ['warning non-ascii 6-8']],
    ['$SYS/fake', ['warning dollar-reserved 0-4']],
    ['chat/room/*', ['warning foreign-wildcard 10-11']],
    ['chat/temp*', ['warning foreign-wildcard 9-10']],
    ['a/+/b', ['error invalid 2-3']],
  ] as const)('%j: %j', (topic, expected) => {
    expect(rules(lintTopic(topic))).toEqual(expected);
  });

  it('names control characters by code point', () => {
    expect(lintTopic('a\u0001b')[0]?.params).toEqual({ char: 'U+0001' });
  });

  it('suggests + or # for foreign wildcards in filters', () => {
    const [star] = lintTopic('chat/room/*', { kind: 'filter' });
    expect(star?.fix?.replacement).toBe('chat/room/+');
    const [gt] = lintTopic('chat/>', { kind: 'filter' });
    expect(gt?.fix?.replacement).toBe('chat/#');
    const [gtMiddle] = lintTopic('chat/>/x', { kind: 'filter' });
    expect(gtMiddle?.fix?.replacement).toBe('chat/+/x');
    expect(lintTopic('chat/room/*')[0]?.fix).toBeUndefined(); // a name has no wildcards to offer
  });

  it('reports spec violations as errors with their conformance ID', () => {
    const [f] = lintTopic('sport/tennis#', { kind: 'filter' });
    expect(f).toMatchObject({ severity: 'error', rule: 'invalid', ref: 'MQTT-4.7.1-1', key: 'mqtt.topic.hash-not-alone' });
    expect(lintTopic('sport/tennis#', { kind: 'filter', version: 4 })[0]?.ref).toBe('MQTT-4.7.1-2');
    expect(lintTopic('a/#')[0]).toMatchObject({ severity: 'error', ref: 'MQTT-4.7.0-1' });
  });

  it('reports long topics with their byte count against the threshold', () => {
    const long = `plant/${'x'.repeat(60)}`; // 66 bytes
    const [f] = lintTopic(long);
    expect(f).toMatchObject({ rule: 'too-long', severity: 'info', params: { bytes: 66, max: 64 } });
    expect(lintTopic(long, { maxBytes: 100 })).toEqual([]);
    expect(lintTopic(`p/${'ü'.repeat(31)}`).map((x) => x.rule)).not.toContain('too-long'); // 2 + 62 bytes
    expect(lintTopic(`p/${'ü'.repeat(32)}`).map((x) => x.rule)).toContain('too-long'); // 2 + 64 bytes
  });

  it('does not flag $ for filters, and lints the inner filter of a shared subscription', () => {
    expect(lintTopic('$share/g/plant/+', { kind: 'filter' })).toEqual([]);
    const fs = lintTopic('$share/g//plant/', { kind: 'filter' });
    expect(rules(fs)).toEqual(['warning leading-slash 9-10', 'warning trailing-slash 15-16']);
    expect(fs[0]?.fix?.replacement).toBe('$share/g/plant/');
  });

  it('offers no fix that would leave an empty topic', () => {
    const fs = lintTopic('/');
    expect(rules(fs)).toEqual(['warning leading-slash 0-1']);
    expect(fs[0]?.fix).toBeUndefined();
  });

  it('explains in English and German', () => {
    const [f] = lintTopic('/plant');
    expect(f?.en).toContain('leading `/`');
    expect(f?.de).toContain('führendes `/`');
    expect(f?.fix?.de).toBe('Das führende `/` entfernen.');
  });
});

describe('lintTopicSet: case-sensitivity pitfalls', () => {
  it('finds topics that differ only in case, at the level where they diverge', () => {
    const conflicts = lintTopicSet(['Plant/Hall1/temp', 'plant/hall1/humidity', 'plant/hall2/x', 'plant/Hall2/y', 'other/a']);
    expect(conflicts.map((c) => ({ levels: c.levels, variants: c.variants, topics: c.topics }))).toEqual([
      { levels: 1, variants: ['Plant', 'plant'], topics: ['Plant/Hall1/temp', 'plant/hall1/humidity', 'plant/hall2/x', 'plant/Hall2/y'].sort() },
      { levels: 2, variants: ['plant/Hall2', 'plant/hall2'], topics: ['plant/Hall2/y', 'plant/hall2/x'] },
    ]);
    expect(conflicts[0]?.en).toContain('`Plant`, `plant`');
    expect(conflicts[0]?.severity).toBe('warning');
  });

  it('finds nothing in a consistently spelled set', () => {
    expect(lintTopicSet(['plant/hall1/temp', 'plant/hall1/humidity', 'plant/hall1/temp'])).toEqual([]);
  });
});
