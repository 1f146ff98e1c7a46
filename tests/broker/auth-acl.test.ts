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
});
