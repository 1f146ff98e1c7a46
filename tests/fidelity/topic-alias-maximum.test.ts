/**
 * Topic aliases from a 5.0 client against the broker's Topic Alias Maximum (`max_topic_alias`),
 * Mosquitto 2.0.11 against `npm run broker`: the CONNACK announces the maximum (none at all when
 * it is 0), an alias from 1 to it is taken, and an alias above it, or any alias when none was
 * announced, is a protocol error: DISCONNECT 0x94 Topic Alias invalid (MQTT-3.3.2-9; the server
 * side of it, MQTT-3.3.2-12, only promises to accept 1..maximum). Spec and Mosquitto agree.
 */
import { describe, expect, test } from 'vitest';
import { differential, expectSame, usePair, type Env, type Transcript } from './differential.ts';

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
