import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matches } from '../../src/core/mqtt/index.ts';
import { plainTopicName, topicFilter, topicName } from './arbitraries.ts';
import { qlobberMatches } from './qlobber.ts';

describe('matches: the spec examples of section 4.7', () => {
  it.each([
    // 4.7.1.2 multi-level wildcard
    ['sport/tennis/player1/#', 'sport/tennis/player1', true],
    ['sport/tennis/player1/#', 'sport/tennis/player1/ranking', true],
    ['sport/tennis/player1/#', 'sport/tennis/player1/score/wimbledon', true],
    ['sport/#', 'sport', true],
    ['#', 'anything/at/all', true],
    // 4.7.1.3 single-level wildcard
    ['sport/tennis/+', 'sport/tennis/player1', true],
    ['sport/tennis/+', 'sport/tennis/player2', true],
    ['sport/tennis/+', 'sport/tennis/player1/ranking', false],
    ['sport/+', 'sport', false],
    ['sport/+', 'sport/', true],
    ['sport/tennis/+', 'sport/tennis', false],
    ['+/+', '/finance', true],
    ['/+', '/finance', true],
    ['+', '/finance', false],
    // 4.7.2 topics beginning with $ (MQTT-4.7.2-1)
    ['#', '$SYS/broker/load', false],
    ['+/monitor/Clients', '$SYS/monitor/Clients', false],
    ['$SYS/#', '$SYS/broker/load', true],
    ['$SYS/monitor/+', '$SYS/monitor/Clients', true],
    ['+', '$SYS', false],
    ['a/#', 'a/$SYS', true],
  ] as const)('%s vs %s: %s', (filter, topic, expected) => {
    expect(matches(filter, topic)).toBe(expected);
  });
});

describe('matches: levels and characters', () => {
  it.each([
    ['a/#', 'a', true],
    ['a/#', 'a/', true],
    ['+/+', '/a', true],
    ['+/+', '/', true],
    ['#', '/', true],
    ['a//b', 'a//b', true],
    ['a/+/b', 'a//b', true],
    ['a/b', 'a//b', false],
    ['a//#', 'a/', true], // `#` after the empty level covers zero further levels
    ['a//#', 'a', false],
    ['Plant/hall1', 'plant/hall1', false],
    ['plant/Hall1', 'plant/hall1', false],
    ['plant/hall1', 'plant/hall1', true],
    ['a/b', 'a/bc', false],
    ['a/bc', 'a/b', false],
    ['a/b/c', 'a/b', false],
    ['a/b', 'a/b/c', false],
    ['ü/+', 'ü/😀', true],
    ['caf\u00e9', 'cafe\u0301', false], // no Unicode normalization (MQTT-4.7.3-4)
  ] as const)('%j vs %j: %s', (filter, topic, expected) => {
    expect(matches(filter, topic)).toBe(expected);
  });
});

describe('matches: cross-checked against qlobber', () => {
  it('agrees with qlobber on topics that do not start with $', () => {
    fc.assert(
      fc.property(topicFilter, plainTopicName, (filter, topic) => {
        expect(matches(filter, topic)).toBe(qlobberMatches(filter, topic));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with qlobber after the $ rule on every topic', () => {
    fc.assert(
      fc.property(topicFilter, topicName, (filter, topic) => {
        const dollarRule = topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'));
        expect(matches(filter, topic)).toBe(!dollarRule && qlobberMatches(filter, topic));
      }),
      { numRuns: 3000 },
    );
  });

  it('never matches a $ topic with a filter that starts with a wildcard (MQTT-4.7.2-1)', () => {
    const dollarTopic = topicName.filter((t) => t.startsWith('$'));
    const wildFirst = topicFilter.filter((f) => f.startsWith('+') || f.startsWith('#'));
    fc.assert(fc.property(wildFirst, dollarTopic, (filter, topic) => !matches(filter, topic)), { numRuns: 1000 });
  });

  it('a filter without wildcards matches exactly the identical topic', () => {
    fc.assert(
      fc.property(topicName, topicName, (a, b) => {
        expect(matches(a, b)).toBe(a === b);
      }),
      { numRuns: 1000 },
    );
  });
});
