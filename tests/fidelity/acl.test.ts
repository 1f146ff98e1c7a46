/**
 * acl_file and password_file against Mosquitto 2.0.11: what a refused SUBSCRIBE gets, what a
 * refused PUBLISH gets (3.1.1 and 5.0), per-message read checks, patterns with %c and %u,
 * retained messages and wills under the ACL (`pattern write hall1/%c/#`: lesson 19's pattern with
 * the client ID). Topics are fixed by the ACL, so every test uses its own.
 */
import { describe, expect, test } from 'vitest';
import { differential, expectSame, usePair, type Env } from './differential.ts';

const ACL = `# anonymous clients
topic read public/#
topic readwrite anon/#

user alice
topic readwrite alice/#
topic read public/#
topic write public/alice/#
topic deny alice/secret

user bob
topic read #

user carol
topic write #

pattern readwrite devices/%c/#
pattern read users/%u/#
pattern write hall1/%c/#
`;

const pair = usePair({ allowAnonymous: true, users: { alice: 'secret', bob: 'pw', carol: 'pw', 'team/x': 'pw', '+': 'pw' }, acl: ACL });
const same = async (name: string, script: (env: Env) => Promise<void>) => expectSame(await differential(pair(), name, script));

// One after the other: the `#` subscribers would see the other tests' messages.
describe('ACL (Mosquitto 2.0.11 vs ours)', () => {
  test.each([4, 5] as const)('a SUBSCRIBE the ACL does not allow to read (version %i)', async (version) =>
    same(`acl-subscribe-${version}`, async (env) => {
      await env.connect('anon', { version });
      await env.subscribe('anon', [['secret/x', 1], [`public/sub-${version}/#`, 1], ['alice/secret', 0]]);
      await env.connect('alice', { version, username: 'alice', password: 'secret' });
      await env.subscribe('alice', [['alice/secret', 1], [`alice/sub-${version}`, 1]]);
      await env.connect('carol', { version, username: 'carol', password: 'pw' });
      await env.publish('carol', 'secret/x', 'no', { qos: 1 });
      await env.publish('carol', 'alice/secret', 'no', { qos: 1, packetId: 2 });
      await env.publish('carol', `alice/sub-${version}`, 'yes', { qos: 1, packetId: 3 });
      await env.sync('anon', 'alice');
    }));

  test.each([4, 5] as const)('a PUBLISH the ACL does not allow to write is acknowledged but not delivered (version %i)', async (version) =>
    same(`acl-publish-${version}`, async (env) => {
      await env.connect('bob', { version: 5, username: 'bob', password: 'pw' });
      await env.subscribe('bob', [[`public/pub-${version}/#`, 2], [`alice/pub-${version}/#`, 2], ['alice/secret', 2]]);
      await env.connect('anon', { version });
      await env.publish('anon', `public/pub-${version}/a`, 'q0', { qos: 0 });
      await env.publish('anon', `public/pub-${version}/a`, 'q1', { qos: 1 });
      await env.publish('anon', `public/pub-${version}/a`, 'q2', { qos: 2, packetId: 2 });
      await env.connect('alice', { version, username: 'alice', password: 'secret' });
      await env.publish('alice', `public/alice/pub-${version}`, 'allowed', { qos: 1 });
      await env.publish('alice', 'alice/secret', 'denied', { qos: 1, packetId: 2 });
      await env.publish('alice', `alice/pub-${version}/x`, 'own', { qos: 1, packetId: 3 });
      await env.sync('bob');
    }));

  test('read access is checked per message: a # subscriber sees only what it may read', async () =>
    same('acl-read', async (env) => {
      await env.connect('anon', { version: 5 });
      await env.subscribe('anon', [['#', 0]]);
      await env.connect('carol', { version: 5, username: 'carol', password: 'pw' });
      for (const t of ['public/read/1', 'anon/read/2', 'alice/read/3', 'devices/x/read']) await env.publish('carol', t, t, { qos: 1 });
      await env.sync('anon');
    }));

  test('patterns: %c gives each client its own devices/<id>/#, %u its users/<name>/#', async () =>
    same('acl-pattern', async (env) => {
      await env.connect('dev', { version: 5, clientId: 'dev-17' });
      await env.subscribe('dev', [['devices/dev-17/#', 1], ['devices/dev-18/#', 1]]);
      await env.publish('dev', 'devices/dev-17/cmd', 'mine', { qos: 1 });
      await env.publish('dev', 'devices/dev-18/cmd', 'not mine', { qos: 1, packetId: 2 });
      await env.connect('alice', { version: 5, username: 'alice', password: 'secret', clientId: 'alice-pattern' });
      await env.subscribe('alice', [['users/alice/#', 1], ['users/bob/#', 1]]);
      await env.connect('carol', { version: 5, username: 'carol', password: 'pw' });
      await env.publish('carol', 'users/alice/inbox', 'for alice', { qos: 1 });
      await env.publish('carol', 'users/bob/inbox', 'for bob', { qos: 1, packetId: 2 });
      await env.sync('dev', 'alice');
    }));

  for (const version of [4, 5] as const) {
    test(`pattern write hall1/%c/#: client X writes hall1/X/..., not hall1/Y/... (version ${version})`, async () => {
      const r = await differential(pair(), `acl-pattern-c-${version}`, async (env) => {
        await env.connect('bob', { version: 5, username: 'bob', password: 'pw' });
        await env.subscribe('bob', [['hall1/#', 1]]);
        await env.connect('x', { version, clientId: `press-x${version}` });
        await env.publish('x', `hall1/press-x${version}/temp`, 'own', { qos: 1 });
        await env.publish('x', `hall1/press-y${version}/cmd`, 'other press', { qos: 1, packetId: 2 });
        await env.publish('x', `hall1/press-x${version}`, 'the level itself', { qos: 1, packetId: 3 });
        await env.publish('x', `hall1/press-x${version}b/cmd`, 'a longer name', { qos: 1, packetId: 4 });
        // A client ID with a wildcard would widen the pattern (hall1/+/#): both brokers refuse it all.
        await env.connect('plus', { version, clientId: '+' });
        await env.publish('plus', `hall1/press-y${version}/cmd`, 'wildcard id', { qos: 1 });
        await env.sync('bob');
      });
      expectSame(r);
      // What the reader of hall1/# sees, from both brokers: only what press-x wrote below its own ID.
      const seen = (r.mosquitto.bob ?? []).flatMap((e) => (e !== 'closed' && e.type === 'publish' ? [`${String(e.topic)} ${String(e.payload)}`] : []));
      expect(seen).toEqual([`hall1/press-x${version}/temp own`, `hall1/press-x${version} the level itself`]);
    });
  }

  test('patterns with a / or a wildcard in the client ID or user name: / goes in as it is (two levels), a + or # makes the pattern match nothing', async () => {
    const r = await differential(pair(), 'acl-pattern-odd-names', async (env) => {
      await env.connect('bob', { version: 4, username: 'bob', password: 'pw' });
      await env.subscribe('bob', [['devices/#', 0], ['users/#', 0]]);
      await env.connect('carol', { version: 4, username: 'carol', password: 'pw' });
      // pattern readwrite devices/%c/#: `odd/17` gets devices/odd/17/#; `#` would widen it to devices/#/#.
      for (const [id, other] of [['odd/17', 'odd'], ['#', 'x']] as const) {
        await env.connect(id, { version: 4, clientId: id });
        await env.subscribe(id, [['devices/#', 0]]);
        for (const t of id === '#' ? [`devices/${other}/w`] : [`devices/${id}/w`, `devices/${other}/w`]) await env.publish(id, t, `${id} wrote ${t}`);
        for (const t of id === '#' ? [`devices/${other}/r`] : [`devices/${id}/r`, `devices/${other}/r`]) await env.publish('carol', t, `carol wrote ${t}`);
        await env.sync(id);
      }
      // pattern read users/%u/#: user `team/x` reads users/team/x/#; user `+` would read users/+/#.
      for (const user of ['team/x', '+']) {
        await env.connect(user, { version: 4, username: user, password: 'pw', clientId: `user-${user}` });
        await env.subscribe(user, [['users/#', 0]]);
        for (const t of ['users/team/x/inbox', 'users/team/inbox']) await env.publish('carol', t, `carol wrote ${t}`);
        await env.sync(user);
      }
      await env.syncAll();
    });
    expectSame(r);
    const seen = (client: string) => (r.ours[client] ?? []).flatMap((e) => (e !== 'closed' && e.type === 'publish' ? [String(e.payload)] : []));
    expect(seen('odd/17')).toEqual(['odd/17 wrote devices/odd/17/w', 'carol wrote devices/odd/17/r']);
    expect(seen('team/x')).toEqual(['carol wrote users/team/x/inbox', 'carol wrote users/team/x/inbox']);
    expect([...seen('#'), ...seen('+')]).toEqual([]);
  });

  test('retained messages are sent on SUBSCRIBE only where the subscriber may read', async () =>
    same('acl-retained', async (env) => {
      await env.connect('alice', { version: 4, username: 'alice', password: 'secret' });
      await env.publish('alice', 'alice/retained/r', 'hers', { qos: 1, retain: true });
      await env.publish('alice', 'public/alice/retained', 'for all', { qos: 1, retain: true, packetId: 2 });
      await env.connect('anon', { version: 4 });
      await env.subscribe('anon', [['alice/retained/#', 1], ['public/alice/retained', 1]]);
      await env.connect('bob', { version: 4, username: 'bob', password: 'pw' });
      await env.subscribe('bob', [['alice/retained/#', 1]]);
      await env.publish('alice', 'alice/retained/r', '', { qos: 1, retain: true, packetId: 3 });
      await env.publish('alice', 'public/alice/retained', '', { qos: 1, retain: true, packetId: 4 });
      await env.sync('anon', 'bob');
    }));

  test('a will the ACL does not allow to write is not published', async () =>
    same('acl-will', async (env) => {
      await env.connect('bob', { version: 4, username: 'bob', password: 'pw' });
      await env.subscribe('bob', [['public/will/#', 1], ['anon/will/#', 1]]);
      await env.connect('denied', { version: 4, will: { topic: 'public/will/x', payload: 'denied will', qos: 1 } });
      await env.connect('allowed', { version: 4, will: { topic: 'anon/will/x', payload: 'allowed will', qos: 1 } });
      env.c('denied').cut();
      env.c('allowed').cut();
      await env.c('bob').waitFor((p) => p.type === 'publish');
      await env.sleep(200);
      await env.sync('bob');
    }));
});
