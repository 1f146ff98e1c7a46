/**
 * The packet limit is announced, not hidden (issue #13 item 5): `npm run broker` without
 * `max_packet_size` limits packets to 16 MiB and says so in the 5.0 CONNACK (Maximum Packet
 * Size); a configured limit up to the protocol's 268,435,455 is announced and applied instead.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { varintSize, writeVarint } from '../../src/core/codec/varint.ts';
import { DEFAULT_MAX_PACKET_BYTES, TcpBroker, type TcpBrokerOptions } from '../../src/node/broker/index.ts';
import { RawClient } from '../fidelity/raw-client.ts';

const brokers: TcpBroker[] = [];
const clients: RawClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.cut();
  await Promise.all(brokers.splice(0).map((b) => b.stop()));
});

async function connect(options: TcpBrokerOptions): Promise<RawClient> {
  const broker = new TcpBroker({ port: 0, closeGraceMs: 100, ...options, config: { sysIntervalSec: 0, ...options.config } });
  brokers.push(broker);
  const { port } = await broker.start();
  const c = await RawClient.connect(port, { protocolVersion: 5, clientId: 'big', clean: true, keepAliveSec: 0 });
  clients.push(c);
  return c;
}

const announced = (c: RawClient) => {
  const ack = c.received[0]!;
  return ack.type === 'connack' ? ack.properties?.maximumPacketSize : 'no connack';
};

describe('the packet limit of npm run broker', () => {
  test('without max_packet_size: 16 MiB, announced in the 5.0 CONNACK', async () => {
    expect(DEFAULT_MAX_PACKET_BYTES).toBe(16 * 1024 * 1024);
    expect(announced(await connect({}))).toBe(16 * 1024 * 1024);
  });

  test.each([268_435_455, 1000])('max_packet_size %i is announced', async (max) => {
    expect(announced(await connect({ config: { maxPacketSize: max } }))).toBe(max);
  });

  test('a PUBLISH one byte over the announced limit gets DISCONNECT 0x95 as soon as its header says so', async () => {
    const c = await connect({});
    // PUBLISH QoS 0, Remaining Length = limit - 4 header bytes + 1: one byte too many in all.
    const remaining = DEFAULT_MAX_PACKET_BYTES - 4 + 1;
    const header = new Uint8Array(1 + varintSize(remaining));
    header[0] = 0x30;
    writeVarint(header, 1, remaining);
    expect(header.length).toBe(5);
    c.sendBytes(header);
    await c.waitClosed();
    expect(c.received.map((p) => (p.type === 'disconnect' ? `disconnect 0x${(p.reasonCode ?? 0).toString(16)}` : p.type))).toEqual(['connack', 'disconnect 0x95']);
  });
});
