import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainMatch, matches } from '../../src/core/mqtt/index.ts';
import { topicFilter, topicName } from './arbitraries.ts';

describe('explainMatch', () => {
  it.each([
    // [filter, topic, version, matches, key, ref, level]
    ['plant/hall1/temp', 'plant/hall1/temp', 5, true, 'mqtt.match.exact', undefined, undefined],
    ['plant/+/temp', 'plant/hall1/temp', 5, true, 'mqtt.match.wildcards', undefined, undefined],
    ['a/#', 'a', 5, true, 'mqtt.match.hash-parent', 'MQTT-4.7.1-1', 2],
    ['a/#', 'a', 4, true, 'mqtt.match.hash-parent', 'MQTT-4.7.1-2', 2],
    ['#', '$SYS/broker/load', 5, false, 'mqtt.match.dollar', 'MQTT-4.7.2-1', 1],
    ['+/monitor/Clients', '$SYS/monitor/Clients', 5, false, 'mqtt.match.dollar', 'MQTT-4.7.2-1', 1],
    ['plant/+', 'plant/hall1/temp', 5, false, 'mqtt.match.too-many-levels-plus', 'MQTT-4.7.1-2', 3],
    ['plant/+', 'plant/hall1/temp', 4, false, 'mqtt.match.too-many-levels-plus', 'MQTT-4.7.1-3', 3],
    ['plant/hall1', 'plant/hall1/temp', 5, false, 'mqtt.match.too-many-levels', undefined, 3],
    ['sport/tennis/+', 'sport/tennis', 5, false, 'mqtt.match.too-few-levels', 'MQTT-4.7.1-2', 3],
    ['plant/hall2/temp', 'plant/hall1/temp', 5, false, 'mqtt.match.level-differs', undefined, 2],
    ['Plant/hall1', 'plant/hall1', 5, false, 'mqtt.match.case-differs', 'MQTT-4.7.3-4', 1],
    ['sport/tennis#', 'sport/tennis', 5, false, 'mqtt.match.invalid-filter', 'MQTT-4.7.1-1', undefined],
    ['sport/#', 'sport/+', 4, false, 'mqtt.match.invalid-topic', 'MQTT-4.7.1-1', undefined],
  ] as const)('%s vs %s (v%i)', (filter, topic, version, isMatch, key, ref, level) => {
    const e = explainMatch(filter, topic, version);
    expect(e.matches).toBe(isMatch);
    expect(e.key).toBe(key);
    expect(e.ref).toBe(ref);
    expect(e.level).toBe(level);
  });

  it('says which level is one too many', () => {
    const e = explainMatch('plant/+', 'plant/hall1/temp');
    expect(e.params).toMatchObject({ filter: 'plant/+', topic: 'plant/hall1/temp', extra: 1 });
    expect(e.en).toBe(
      'No match: `+` matches exactly one level: `plant/+` vs `plant/hall1/temp` has 1 level(s) too many; end the filter with `/#` to match deeper levels.',
    );
    expect(e.de).toContain('genau eine Ebene');
  });

  it('suggests subscribing to the $ prefix explicitly', () => {
    const e = explainMatch('#', '$SYS/broker/load');
    expect(e.params).toMatchObject({ wildcard: '#', suggestion: '$SYS/#' });
    expect(e.en).toContain('`$SYS/#`');
  });

  it('lists what each wildcard covered', () => {
    expect(explainMatch('+/x/#', '/x/a/b').params['covered']).toBe('+ → ""; # → a/b');
  });

  it('fills the reason of an invalid filter from the validation problem, in each language', () => {
    const e = explainMatch('a/#/b', 'a/x/b');
    expect(e.cause?.code).toBe('hash-not-last');
    expect(e.en).toContain(e.cause?.en ?? '?');
    expect(e.de).toContain(e.cause?.de ?? '?');
  });

  it('explains a 5.0 shared subscription by its inner filter and notes the group', () => {
    const e = explainMatch('$share/workers/plant/+', 'plant/hall1');
    expect(e.matches).toBe(true);
    expect(e.shared?.params).toEqual({ share: 'workers', filter: 'plant/+' });
    expect(explainMatch('$share/workers/plant/+', 'plant/hall1', 4).matches).toBe(false);
  });

  it('always agrees with matches() on valid filters and topics', () => {
    fc.assert(
      fc.property(topicFilter, topicName, (filter, topic) => {
        expect(explainMatch(filter, topic).matches).toBe(matches(filter, topic));
      }),
      { numRuns: 2000 },
    );
  });
});
