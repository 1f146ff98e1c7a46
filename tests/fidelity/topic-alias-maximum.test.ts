/**
 * Topic aliases from a 5.0 client against the broker's Topic Alias Maximum (`max_topic_alias`),
 * Mosquitto 2.0.11 against `npm run broker`: the CONNACK announces the maximum (none at all when
 * it is 0), an alias from 1 to it is taken, and an alias above it, or any alias when none was
 * announced, is a protocol error: DISCONNECT 0x94 Topic Alias invalid (MQTT-3.3.2-9; the server
 * side of it, MQTT-3.3.2-12, only promises to accept 1..maximum). Spec and Mosquitto agree.
 */
import { describe, expect, test } from 'vitest';
import { differential, expectDeviation, expectSame, usePair, type Env, type Transcript } from './differential.ts';

const aliasAbove = (env: Env, name: string, alias: number) =>
  env.c(name).send({ type: 'publish', topic: env.t('ta/x'), payload: new TextEncoder().encode('over'), qos: 0, retain: false, dup: false, properties: { topicAlias: alias } });

const closedWith0x94 = (t: Transcript, client: string) => {
  expect(t[client]!.at(-1)).toBe('closed');
  expect(t[client]!.at(-2)).toMatchObject({ type: 'disconnect', reasonCode: 0x94 });
};

describe('max_topic_alias 0: the CONNACK announces no Topic Alias Maximum, and any alias is refused', () => {
  const pair = usePair({ maxTopicAlias: 0 });
  test('an alias-carrying PUBLISH gets DISCONNECT 0x94 and is not delivered', async () => {
    const r = await differential(pair(), 'ta-none', async (env) => {
      await env.connect('sub', { version: 5 });
      await env.subscribe('sub', [[env.t('ta/#'), 0]]);
      await env.connect('pub', { version: 5 });
      aliasAbove(env, 'pub', 1);
      await env.c('pub').waitClosed();
      await env.sync('sub');
    });
    expectSame(r);
    expect((r.ours.pub![0] as { properties?: Record<string, unknown> }).properties?.topicAliasMaximum).toBeUndefined();
    closedWith0x94(r.ours, 'pub');
    expect(r.ours.sub!.filter((e) => e !== 'closed' && e.type === 'publish')).toEqual([]);
  });
});

describe('max_topic_alias 2', () => {
  const pair = usePair({ maxTopicAlias: 2 });
  test('aliases 1 and 2 are taken, 3 gets DISCONNECT 0x94', async () => {
    const r = await differential(pair(), 'ta-two', async (env) => {
      await env.connect('sub', { version: 5 });
      await env.subscribe('sub', [[env.t('ta/#'), 1]]);
      await env.connect('pub', { version: 5 });
      await env.publish('pub', env.t('ta/one'), 'set 1', { qos: 1, properties: { topicAlias: 1 } });
      await env.publish('pub', env.t('ta/two'), 'set 2', { qos: 1, packetId: 2, properties: { topicAlias: 2 } });
      await env.publish('pub', '', 'use 2', { qos: 1, packetId: 3, properties: { topicAlias: 2 } });
      aliasAbove(env, 'pub', 3);
      await env.c('pub').waitClosed();
      await env.sync('sub');
    });
    expectSame(r);
    expect((r.ours.pub![0] as { properties: Record<string, unknown> }).properties.topicAliasMaximum).toBe(2);
    closedWith0x94(r.ours, 'pub');
    const got = r.ours.sub!.flatMap((e) => (e !== 'closed' && e.type === 'publish' ? [`${String(e.topic).split('/').pop()} ${String(e.payload)}`] : []));
    expect(got).toEqual(['one set 1', 'two set 2', 'two use 2']);
  });
});

describe('Topic Alias 0 (5.0 section 3.3.2.3.4: "A Topic Alias of 0 is not permitted", MQTT-3.3.2-8)', () => {
  const pair = usePair();
  test('a PUBLISH with Topic Alias 0 is a Protocol Error: DISCONNECT 0x82 (Mosquitto 2.0.11: 0x81 Malformed Packet)', async () => {
    const r = await differential(pair(), 'ta-zero', async (env) => {
      await env.connect('sub', { version: 5 });
      await env.subscribe('sub', [[env.t('ta/#'), 0]]);
      await env.connect('pub', { version: 5 });
      const topic = new TextEncoder().encode(env.t('ta/zero'));
      // Raw bytes: our encoder refuses to write an alias of 0.
      env.c('pub').sendBytes(new Uint8Array([
        0x30, 2 + topic.length + 4, // PUBLISH, QoS 0, remaining length
        0x00, topic.length, ...topic, // topic name
        0x03, // properties length 3
        0x23, 0x00, 0x00, // WRONG: Topic Alias 0
      ]));
      await env.c('pub').waitClosed();
      await env.sync('sub');
    });
    const connack = r.ours.pub![0]!;
    expectDeviation(r, {
      ref: 'MQTT-3.3.2-8',
      summary: 'a Topic Alias of 0 parses but is not permitted: a Protocol Error (0x82; 0x94 Topic Alias invalid is defined for an alias above the maximum); Mosquitto 2.0.11 calls it 0x81 Malformed Packet',
      clients: {
        pub: {
          mosquitto: [connack, { type: 'disconnect', reasonCode: 0x81 }, 'closed'],
          ours: [connack, { type: 'disconnect', reasonCode: 0x82 }, 'closed'],
        },
      },
    });
  });
});
