import { describe, expect, test } from 'vitest';
import { checkAcl, parseAcl } from '../../src/core/broker/auth.ts';
import { BrokerHarness } from './harness.ts';

const ACL = `# anonymous
topic read public/#
user alice
topic readwrite home/#
topic deny home/secret
pattern write clients/%c/#
`;

describe('ACL (Mosquitto acl_file)', () => {
  test('the parser puts anonymous rules before the first user line and deny rules first', () => {
    const acl = parseAcl(ACL);
    expect(acl.users.get('')!.map((r) => r.topic)).toEqual(['public/#']);
    expect(acl.users.get('alice')!.map((r) => r.access)).toEqual(['deny', 'readwrite']);
    expect(acl.patterns).toHaveLength(1);
    expect(acl.errors).toEqual([]);
  });

  test('the checker follows Mosquitto: deny wins, patterns substitute %c, nothing matched is denied', () => {
    const acl = parseAcl(ACL);
    expect(checkAcl(acl, { clientId: 'x', username: 'alice' }, 'home/kitchen', 'write').allowed).toBe(true);
    expect(checkAcl(acl, { clientId: 'x', username: 'alice' }, 'home/secret', 'read').allowed).toBe(false);
    expect(checkAcl(acl, { clientId: 'x' }, 'public/a', 'write').allowed).toBe(false);
    expect(checkAcl(acl, { clientId: 'x' }, 'public/a', 'read').allowed).toBe(true);
    expect(checkAcl(acl, { clientId: 'dev1' }, 'clients/dev1/t', 'write').allowed).toBe(true);
    expect(checkAcl(acl, { clientId: 'dev1' }, 'clients/dev2/t', 'write').allowed).toBe(false);
    expect(checkAcl(undefined, { clientId: 'x' }, 'any', 'write').allowed).toBe(true);
  });

  test('a refused 3.1.1 publish is dropped but acknowledged; 5.0 gets PUBACK 0x87', () => {
    const h = new BrokerHarness({ acl: ACL });
    h.connect('s', 'sub', { username: 'alice' });
    h.subscribe('s', '#');
    h.connect('p', 'anon');
    h.connect('p5', 'anon5', { protocolVersion: 5 });
    h.take();
    h.publish('p', 'home/x', 'x', 1, { packetId: 4 });
    h.publish('p5', 'home/x', 'x', 1, { packetId: 4 });
    expect(h.packetsTo('p')).toEqual([{ type: 'puback', packetId: 4 }]);
    expect(h.packetsTo('p5')).toEqual([{ type: 'puback', packetId: 4, reasonCode: 0x87 }]);
    expect(h.publishesTo('s')).toEqual([]);
    expect(h.refs()).toContain('mosquitto:acl_file');
  });

  test('a subscription is granted but messages without read access are not delivered', () => {
    const h = new BrokerHarness({ acl: ACL });
    h.connect('s', 'anon');
    h.take();
    h.subscribe('s', 'home/#', 1);
    expect(h.packetsTo('s')).toEqual([{ type: 'suback', packetId: 1, reasonCodes: [1] }]);
    h.connect('a', 'writer', { username: 'alice' });
    h.take();
    h.publish('a', 'home/x', 'x');
    expect(h.publishesTo('s')).toEqual([]);
    expect(h.keys()).toContain('acl.read-denied');
  });

  test('a message the ACL lets no subscriber read is explained as such, not as "no subscription matches"', () => {
    const acl = 'user alice\ntopic readwrite home/#\nuser dash\ntopic read other/#\n';
    for (const version of [4, 5] as const) {
      const h = new BrokerHarness({ acl });
      h.connect('d', 'dash', { username: 'dash', protocolVersion: version });
      h.subscribe('d', 'home/#', 1);
      h.connect('a', 'writer', { username: 'alice', protocolVersion: version });
      h.take();
      h.publish('a', 'home/x', 'x', 1, { packetId: 3 });
      expect(h.publishesTo('d')).toEqual([]);
      // The subscription matched, so 5.0 still answers PUBACK 0 (as Mosquitto), not 0x10.
      expect(h.packetsTo('a')).toEqual([version === 5 ? { type: 'puback', packetId: 3, reasonCode: 0 } : { type: 'puback', packetId: 3 }]);
      expect(h.keys()).not.toContain('publish.no-subscribers');
      expect(h.refs()).not.toContain('4.7');
      const explains = h
        .take()
        .filter((x) => x.type === 'trace.explain')
        .map((x) => x.params as { ref: string; key: string; params: Record<string, unknown> });
      expect(explains.slice(0, 2)).toEqual([
        { ref: 'mosquitto:acl_file', key: 'acl.read-denied', params: { clientId: 'dash', topic: 'home/x', line: 0 } },
        { ref: 'mosquitto:acl_file', key: 'publish.no-reader', params: { topic: 'home/x' } },
      ]);
      expect(explains[2]).toMatchObject({ key: 'publish.puback' });
    }
  });

  test('a topic without any matching subscription still goes nowhere (4.7), without the ACL note', () => {
    const h = new BrokerHarness({ acl: ACL });
    h.connect('a', 'writer', { username: 'alice', protocolVersion: 5 });
    h.take();
    h.publish('a', 'home/x', 'x', 1, { packetId: 3 });
    expect(h.packetsTo('a')).toEqual([{ type: 'puback', packetId: 3, reasonCode: 0x10 }]);
    expect(h.keys()).not.toContain('publish.no-reader');
    expect(h.keys()).toContain('publish.no-subscribers');
    expect(h.refs()).toContain('4.7');
  });
});

describe('use_identity_as_username (the listener passes the certificate\'s CN with NET.OPEN)', () => {
  const acl = 'user sensor1\ntopic write sensors/sensor1/#\nuser monitor\ntopic read sensors/#\n';
  /** Opens `connId` as a certificate-checking listener would, and sends CONNECT. */
  function connectWithIdentity(h: BrokerHarness, connId: string, commonName: string | undefined, extra: Record<string, unknown> = {}) {
    h.send({ type: 'NET.OPEN', connId, identity: commonName === undefined ? {} : { commonName } });
    h.packet(connId, { type: 'connect', protocolVersion: 4, clean: true, keepAliveSec: 60, clientId: connId, ...extra });
    return h.packetsTo(connId).find((p) => p.type === 'connack');
  }

  test('the CN is the user name for the ACL; the CONNECT\'s user name and password are not used', () => {
    const h = new BrokerHarness({ acl, allowAnonymous: false, users: { monitor: 'secret' } });
    expect(connectWithIdentity(h, 'm', 'monitor')).toMatchObject({ reasonCode: 0 });
    h.subscribe('m', 'sensors/#');
    // A wrong password, and another user's name: the certificate decides.
    expect(connectWithIdentity(h, 's', 'sensor1', { username: 'monitor', password: new TextEncoder().encode('wrong') })).toMatchObject({ reasonCode: 0 });
    h.take();
    h.publish('s', 'sensors/sensor2/temp', 'forged');
    h.publish('s', 'sensors/sensor1/temp', '21.5');
    expect(h.publishesTo('m').map((p) => p.topic)).toEqual(['sensors/sensor1/temp']);
    expect(h.keys()).toContain('acl.publish-denied');
  });

  test('no certificate: CONNACK 4 (3.1.1) or 0x86 (5.0), bad user name or password, explained', () => {
    const h = new BrokerHarness({ acl });
    expect(connectWithIdentity(h, 'a', undefined, { username: 'sensor1' })).toMatchObject({ reasonCode: 0x04 });
    expect(connectWithIdentity(h, 'b', undefined, { protocolVersion: 5 })).toMatchObject({ reasonCode: 0x86 });
    expect(h.keys()).toContain('connect.no-certificate');
    expect(h.refs()).toContain('mosquitto:use_identity_as_username');
  });
});
