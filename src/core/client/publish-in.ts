/** Incoming PUBLISH and PUBREL: QoS 0/1 delivered at once, QoS 2 stored until PUBREL (Method A). */
import type { PublishPacket } from '../codec/types.ts';
import { Builder } from './builder.ts';

function deliver(b: Builder, packet: PublishPacket): void {
  b.deliver(packet);
  b.edit().receivedCount++;
}

export function onPublish(b: Builder, incoming: PublishPacket): void {
  let packet = incoming;
  if (b.version === 5) {
    const alias = packet.properties?.topicAlias;
    if (alias !== undefined) {
      if (packet.topic !== '') {
        b.set({ inboundAliases: b.ctx.inboundAliases.set(alias, packet.topic) });
        b.explain('topicAliasAccepted', 'client.alias.set', { alias, topic: packet.topic });
      } else {
        const topic = b.ctx.inboundAliases.get(alias) ?? '';
        packet = { ...packet, topic };
        b.explain('topicAliasPerConnection', 'client.alias.resolved', { alias, topic });
      }
    }
  }
  if (packet.qos === 0) {
    deliver(b, packet);
    b.explain('qos0Send', 'client.receive.qos0', { topic: packet.topic });
    return;
  }
  const id = packet.packetId ?? 0;
  if (packet.qos === 1) {
    // Deliver, then acknowledge (libmosquitto does the same: a crash in between means a re-send).
    deliver(b, packet);
    b.send({ type: 'puback', packetId: id });
    b.explain(packet.dup ? 'qos1NewAfterPuback' : 'qos1Receive', packet.dup ? 'client.receive.qos1-dup' : 'client.receive.qos1', {
      packetId: id,
      topic: packet.topic,
    });
    return;
  }
  if (b.ctx.incomingQos2.has(id)) {
    b.set({ incomingQos2: b.ctx.incomingQos2.set(id, packet) });
    b.send({ type: 'pubrec', packetId: id });
    b.explain('qos2Duplicate', 'client.receive.qos2-duplicate', { packetId: id, topic: packet.topic });
    return;
  }
  b.set({ incomingQos2: b.ctx.incomingQos2.set(id, packet) });
  b.send({ type: 'pubrec', packetId: id });
  b.explain('qos2Receive', 'client.receive.qos2-stored', { packetId: id, topic: packet.topic });
}

export function onPubrel(b: Builder, id: number): void {
  const stored = b.ctx.incomingQos2.get(id);
  if (stored) {
    b.set({ incomingQos2: b.ctx.incomingQos2.delete(id) });
    deliver(b, stored);
    b.send({ type: 'pubcomp', packetId: id });
    b.explain('qos2Pubcomp', 'client.receive.qos2-released', { packetId: id, topic: stored.topic });
    return;
  }
  // Already released (a repeated PUBREL after a reconnect): answer anyway, deliver nothing.
  b.send(b.version === 5 ? { type: 'pubcomp', packetId: id, reasonCode: 0x92 } : { type: 'pubcomp', packetId: id });
  b.explain('pubrelUnknownId', 'client.receive.pubrel-unknown', { packetId: id });
}
