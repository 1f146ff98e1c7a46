import { describe, expect, it } from 'vitest';
import {
  MAX_TOPIC_BYTES,
  isValidTopicFilter,
  isValidTopicName,
  validateTopicFilter,
  validateTopicName,
  type TopicProblem,
} from '../../src/core/mqtt/index.ts';

const summary = (ps: TopicProblem[]) => ps.map((p) => `${p.code} ${p.ref} ${p.start}-${p.end}`);

describe('topic names', () => {
  it.each([
    ['a', 5],
    ['sport/tennis/player1', 5],
    ['/', 5],
    ['a//b', 5],
    ['/leading', 4],
    ['trailing/', 4],
    ['$SYS/broker/load', 5],
    ['Ünïcödé/😀', 5],
    ['with space', 5],
  ] as const)('%s is valid in version %i', (name, version) => {
    expect(validateTopicName(name, version)).toEqual([]);
    expect(isValidTopicName(name, version)).toBe(true);
  });

  it.each([
    ['', 5, ['empty MQTT-4.7.3-1 0-0']],
    ['', 4, ['empty MQTT-4.7.3-1 0-0']],
    ['a/+', 5, ['wildcard-in-name MQTT-4.7.0-1 2-3']],
    ['a/+', 4, ['wildcard-in-name MQTT-4.7.1-1 2-3']],
    ['#', 5, ['wildcard-in-name MQTT-4.7.0-1 0-1']],
    ['a+b/c#', 5, ['wildcard-in-name MQTT-4.7.0-1 1-2', 'wildcard-in-name MQTT-4.7.0-1 5-6']],
    ['a\u0000b', 5, ['null-char MQTT-4.7.3-2 1-2']],
    ['a\ud800b', 5, ['lone-surrogate MQTT-1.5.4-1 1-2']],
    ['a\udc00', 4, ['lone-surrogate MQTT-1.5.3-1 1-2']],
  ] as const)('%j in version %i: %j', (name, version, expected) => {
    expect(summary(validateTopicName(name, version))).toEqual(expected);
    expect(isValidTopicName(name, version)).toBe(false);
  });

  it('names PUBLISH rule MQTT-3.3.2-2 alongside the general wildcard rule', () => {
    const [p] = validateTopicName('a/#');
    expect(p?.seeAlso).toEqual(['MQTT-3.3.2-2']);
  });

  it('counts UTF-8 bytes, not characters, against the 65535-byte limit (MQTT-4.7.3-3)', () => {
    expect(validateTopicName('a'.repeat(MAX_TOPIC_BYTES))).toEqual([]);
    expect(summary(validateTopicName('a'.repeat(MAX_TOPIC_BYTES + 1)))).toEqual([`too-long MQTT-4.7.3-3 0-${MAX_TOPIC_BYTES + 1}`]);
    const umlauts = 'ü'.repeat(32768); // 32768 characters, 65536 bytes
    const [p] = validateTopicName(umlauts);
    expect(p?.code).toBe('too-long');
    expect(p?.params).toEqual({ bytes: 65536, max: 65535 });
    expect(validateTopicName('😀'.repeat(16383))).toEqual([]); // 65532 bytes in 32766 code units
  });

  it('gives both languages and an i18n key', () => {
    const [p] = validateTopicName('a/+');
    expect(p?.key).toBe('mqtt.topic.wildcard-in-name');
    expect(p?.en).toContain('`+`');
    expect(p?.de).toContain('Topic-Namen');
  });
});

describe('topic filters', () => {
  it.each([
    '#', '+', 'sport/tennis/#', '+/tennis/#', 'sport/+/player1', '+/+', '/+', 'a//b', '/', 'a/+/+/#',
    '$SYS/#', '$share/group/a/+', '$share/g/#', '$share/g//', '$share',
  ])('%s is valid in 5.0', (filter) => {
    expect(validateTopicFilter(filter, 5)).toEqual([]);
    expect(isValidTopicFilter(filter, 5)).toBe(true);
  });

  it.each([
    // the spec's own examples (4.7.1.2, 4.7.1.3)
    ['sport/tennis#', 5, ['hash-not-alone MQTT-4.7.1-1 6-13']],
    ['sport/tennis#', 4, ['hash-not-alone MQTT-4.7.1-2 6-13']],
    ['sport/tennis/#/ranking', 5, ['hash-not-last MQTT-4.7.1-1 13-22']],
    ['sport/tennis/#/ranking', 4, ['hash-not-last MQTT-4.7.1-2 13-22']],
    ['sport+', 5, ['plus-not-alone MQTT-4.7.1-2 0-6']],
    ['sport+', 4, ['plus-not-alone MQTT-4.7.1-3 0-6']],
    ['a/#/#', 5, ['hash-not-last MQTT-4.7.1-1 2-5']],
    ['+#', 5, ['plus-not-alone MQTT-4.7.1-2 0-2', 'hash-not-alone MQTT-4.7.1-1 0-2']],
    ['', 5, ['empty MQTT-4.7.3-1 0-0']],
    ['a/\u0000', 4, ['null-char MQTT-4.7.3-2 2-3']],
    // shared subscriptions (4.8.2, 5.0 only)
    ['$share//a', 5, ['share-name-empty MQTT-4.8.2-1 0-7']],
    ['$share/', 5, ['share-name-empty MQTT-4.8.2-1 0-7', 'share-filter-missing MQTT-4.8.2-2 7-7']],
    ['$share/g', 5, ['share-filter-missing MQTT-4.8.2-2 7-8']],
    ['$share/g/', 5, ['share-filter-missing MQTT-4.8.2-2 7-9']],
    ['$share/g+/a', 5, ['share-name-invalid MQTT-4.8.2-2 7-9']],
    ['$share/#/a', 5, ['share-name-invalid MQTT-4.8.2-2 7-8']],
    ['$share/g/a#', 5, ['hash-not-alone MQTT-4.7.1-1 9-11']],
  ] as const)('%j in version %i: %j', (filter, version, expected) => {
    expect(summary(validateTopicFilter(filter, version))).toEqual(expected);
  });

  it('treats $share/ as an ordinary filter in 3.1.1', () => {
    expect(validateTopicFilter('$share//a', 4)).toEqual([]);
    expect(validateTopicFilter('$share/g/', 4)).toEqual([]);
    // in 3.1.1 `g+` is just a level that mixes `+` with other characters
    expect(summary(validateTopicFilter('$share/g+/a', 4))).toEqual(['plus-not-alone MQTT-4.7.1-3 7-9']);
    expect(summary(validateTopicFilter('$share/g/a#', 4))).toEqual(['hash-not-alone MQTT-4.7.1-2 9-11']);
  });

  it('reports how many levels follow a misplaced #', () => {
    expect(validateTopicFilter('a/#/b/c')[0]?.params).toEqual({ after: 2 });
  });
});
