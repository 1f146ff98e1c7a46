/**
 * Sending: packet identifiers, the send quota (Receive Maximum), the queue of requests that wait
 * for it and its draining (`drain`), and what the client refuses to send.
 */
import { List, Set as ISet } from 'immutable';
import type { Packet, Properties, ProtocolVersion, PublishPacket, QoS, Subscription } from '../codec/types.ts';
import { tryEncode } from '../codec/encode.ts';
import { codecNoteParams } from '../codec/errors.ts';
import type { Explain } from '../mqtt/actor-contract.ts';
import { validateTopicName, type TopicProblem } from '../mqtt/index.ts';
import { ref } from './refs.ts';
import type { ClientContext, OutgoingMessage, PendingRequest, PublishRequest } from './types.ts';
import { Builder, MAX_PACKET_ID } from './builder.ts';


/**
 * What the sending code asks of an outgoing list again and again, remembered per list: the used
 * send quota and the packet ids in use. A list made from another by one push, delete or edit
 * gets both from the other's (`derived`), so a publish or an acknowledgement does not walk the
 * whole list again (with 16k messages in flight that made a run quadratic, #13). Only an
 * optimization: a list without an entry (one rebuilt by `map`, or restored from a copy) is
 * counted once when first asked.
 */
interface OutgoingIndex {
  inFlight: number;
  ids: ISet<number>;
}
const outgoingIndexes = new WeakMap<List<OutgoingMessage>, OutgoingIndex>();

function indexOf(outgoing: List<OutgoingMessage>): OutgoingIndex {
  let index = outgoingIndexes.get(outgoing);
  if (index === undefined) {
    let inFlight = 0;
    const ids = ISet<number>().withMutations((set) => {
      outgoing.forEach((m) => {
        if (!m.resend) inFlight++;
        set.add(m.packetId);
      });
    });
    index = { inFlight, ids };
    outgoingIndexes.set(outgoing, index);
  }
  return index;
}

/** Unfinished QoS 1/2 messages sent on this connection (the used send quota). */
export function inFlightCount(ctx: ClientContext): number {
  return ctx.outgoing.size === 0 ? 0 : indexOf(ctx.outgoing).inFlight;
}

/**
 * Records the index of `next`, made from `prev` by adding `delta` to the messages sent on this
 * connection and adding or removing one packet id.
 */
export function derived(
  prev: List<OutgoingMessage>,
  next: List<OutgoingMessage>,
  delta: number,
  id?: { add: number } | { remove: number },
): List<OutgoingMessage> {
  const index = outgoingIndexes.get(prev);
  if (index !== undefined) {
    const ids = id === undefined ? index.ids : 'add' in id ? index.ids.add(id.add) : index.ids.remove(id.remove);
    outgoingIndexes.set(next, { inFlight: index.inFlight + delta, ids });
  }
  return next;
}

/** The next free packet identifier after the last one, wrapping 65535 -> 1, never 0. */
export function nextPacketId(ctx: ClientContext): number | null {
  if (ctx.outgoing.size === 0 && ctx.awaitingAck.size === 0) return ctx.lastPacketId >= MAX_PACKET_ID ? 1 : ctx.lastPacketId + 1;
  const ids = ctx.outgoing.size === 0 ? ISet<number>() : indexOf(ctx.outgoing).ids;
  const awaiting = ctx.awaitingAck;
  if (ids.size + awaiting.size >= MAX_PACKET_ID) return null; // disjoint: an id is used once
  let id = ctx.lastPacketId;
  for (let i = 0; i < MAX_PACKET_ID; i++) {
    id = id >= MAX_PACKET_ID ? 1 : id + 1;
    if (!ids.has(id) && !awaiting.has(id)) return id;
  }
  return null;
}

function stageFor(qos: QoS): OutgoingMessage['stage'] {
  return qos === 1 ? 'awaiting PUBACK' : 'awaiting PUBREC';
}

function publishPacket(version: ProtocolVersion, r: PublishRequest, packetId?: number): PublishPacket {
  // The packet ID inside the literal, not added afterwards (which costs a separate property store).
  const packet: PublishPacket =
    packetId === undefined
      ? { type: 'publish', topic: r.topic, payload: r.payload, qos: r.qos, retain: r.retain, dup: false }
      : { type: 'publish', topic: r.topic, payload: r.payload, qos: r.qos, retain: r.retain, dup: false, packetId };
  if (version === 5 && r.properties) packet.properties = r.properties;
  return packet;
}

/**
 * Pending lists known to hold only QoS 1/2 PUBLISHes waiting for the send quota (reason
 * 'receive-maximum'). For such a list `drain` only takes from the front: the full pass it would
 * otherwise make changes nothing behind the first message that must wait, and a full pass on
 * every PUBACK made a long queue quadratic (#13). Membership is only an optimization: a list
 * not in the set (one rebuilt elsewhere, or restored from a copy) gets the full pass.
 */
export const quotaQueues = new WeakSet<List<PendingRequest>>();

export function isQuotaQueue(pending: List<PendingRequest>): boolean {
  return pending.size === 0 || quotaQueues.has(pending);
}

function waitsForQuota(req: PendingRequest): boolean {
  return req.kind === 'publish' && req.request.qos > 0 && req.reason === 'receive-maximum';
}

/**
 * Sends what may go now, in order: first the re-sends of a resumed session (MQTT-4.6.0-1), then
 * the queue. QoS 1/2 PUBLISHes wait while the send quota is used up (MQTT-3.3.4-7); nothing
 * else waits for it (MQTT-3.3.4-8). Linear in what it sends, plus one pass over the queue when
 * the queue may hold something other than publishes waiting for the quota (see `quotaQueues`).
 */
export function drain(b: Builder): void {
  const max = b.ctx.server.receiveMaximum;
  let blocked = false;
  // The used send quota, counted once and then kept up to date (a count per message made a
  // long resend or a long queue quadratic).
  let inFlight = inFlightCount(b.ctx);
  let outgoing = b.ctx.outgoing;
  if (outgoing.size > inFlight) {
    for (let i = 0; i < outgoing.size; i++) {
      const m = outgoing.get(i);
      if (!m || !m.resend) continue;
      if (inFlight >= max) {
        blocked = true;
        break;
      }
      inFlight++;
      if (m.stage === 'awaiting PUBCOMP') {
        outgoing = outgoing.set(i, { ...m, resend: false });
        b.set({ outgoing });
        b.send({ type: 'pubrel', packetId: m.packetId });
        b.explain('resend', 'client.resend.pubrel', { packetId: m.packetId });
      } else {
        const packet = { ...m.packet, dup: true };
        outgoing = outgoing.set(i, { ...m, packet, resend: false });
        b.set({ outgoing });
        b.send(packet);
        b.explain('dup', 'client.resend.publish', { packetId: m.packetId, topic: m.packet.topic });
      }
    }
  }
  if (blocked) b.explain('receiveMaximum', 'client.quota.resend-waits', { max });

  const queue = b.ctx.pending;
  if (queue.size === 0) return; // the usual case: nothing waits
  let start = 0;
  let pending = List<PendingRequest>();
  if (quotaQueues.has(queue)) {
    // Take from the front while the quota allows; everything behind the first that must wait
    // waits too, unchanged.
    for (; start < queue.size; start++) {
      const req = queue.get(start)!;
      if (blocked || inFlight >= max) {
        if (!blocked) b.explain('receiveMaximum', 'client.quota.publish-waits', { max, topic: (req as { request: PublishRequest }).request.topic });
        const rest = start === 0 ? queue : queue.slice(start);
        quotaQueues.add(rest);
        b.set({ pending: rest });
        return;
      }
      const sent = sendQosPublish(b, (req as { request: PublishRequest }).request);
      if (sent === 'no-id') {
        pending = pending.push(req); // every packet id is in use: the full pass below goes on
        start++;
        break;
      }
      if (sent === 'sent') inFlight++;
    }
  }
  let onlyQuota = true;
  for (let i = start; i < queue.size; i++) {
    const req = queue.get(i)!;
    if (req.kind === 'publish' && req.request.qos > 0) {
      if (blocked || inFlight >= max) {
        if (!blocked) b.explain('receiveMaximum', 'client.quota.publish-waits', { max, topic: req.request.topic });
        blocked = true;
        pending = pending.push(req.reason === 'receive-maximum' ? req : { ...req, reason: 'receive-maximum' });
        continue;
      }
      const sent = sendQosPublish(b, req.request);
      if (sent === 'sent') inFlight++;
      else if (sent === 'no-id') {
        pending = pending.push(req);
        if (!waitsForQuota(req)) onlyQuota = false;
      }
      continue;
    }
    if (req.kind === 'publish') sendQos0(b, req.request);
    else if (req.kind === 'subscribe') {
      if (!sendSubscribe(b, req.subscriptions, req.properties)) {
        pending = pending.push(req);
        onlyQuota = false;
      }
    } else if (!sendUnsubscribe(b, req.topicFilters, req.properties)) {
      pending = pending.push(req);
      onlyQuota = false;
    }
  }
  if (onlyQuota) quotaQueues.add(pending);
  b.set({ pending });
}


/**
 * Why `packet` must not go to this broker, or null: the codec cannot encode it (a value out of
 * its range, No Local on a shared subscription, ...), or it is larger than the Maximum Packet
 * Size the broker announced in CONNACK (MQTT-3.2.2-15). A PUBLISH without properties always
 * encodes, and one clearly below the limit is not encoded here (this runs for every PUBLISH).
 */
export function sendProblem(b: Builder, packet: Packet): Explain | null {
  const max = b.ctx.connectedAtMs === null ? null : b.ctx.server.maximumPacketSize;
  if (packet.type === 'publish' && packet.properties === undefined && (max === null || publishSizeBound(packet) <= max)) return null;
  const encoded = tryEncode(packet, b.version);
  const name = packet.type.toUpperCase();
  if (!encoded.ok) return { ref: encoded.error.ref, key: 'client.refuse.cannot-encode', params: { packet: name, message: encoded.error.message, ...codecNoteParams(encoded.error) } };
  if (max !== null && encoded.bytes.length > max) {
    return { ref: ref('maximumPacketSize', b.version), key: 'client.refuse.too-large', params: { packet: name, size: encoded.bytes.length, max } };
  }
  return null;
}

/** An upper bound of the encoded size of a PUBLISH without properties (a UTF-16 unit is at most 3 UTF-8 bytes). */
function publishSizeBound(p: PublishPacket): number {
  return 5 + 2 + 3 * p.topic.length + 2 + 1 + p.payload.length;
}

/**
 * Whether a PUBLISH breaks a limit of the broker's CONNACK (5.0), checked when it is sent, so
 * that a message queued before CONNACK obeys it too: Maximum QoS (MQTT-3.2.2-11), Retain
 * Available (MQTT-3.2.2-14), Topic Alias Maximum (MQTT-3.3.2-9). Explained when it does.
 */
function publishLimitProblem(b: Builder, r: PublishRequest): boolean {
  if (b.version !== 5 || b.ctx.connectedAtMs === null) return false;
  const server = b.ctx.server;
  if (r.qos > server.maximumQoS) {
    b.explain('maximumQoS', 'client.publish.qos-not-supported', { qos: r.qos, max: server.maximumQoS });
    return true;
  }
  if (r.retain && !server.retainAvailable) {
    b.explain('retainAvailable', 'client.publish.retain-not-available', { topic: r.topic });
    return true;
  }
  const alias = r.properties?.topicAlias;
  if (alias !== undefined && alias > server.topicAliasMaximum) {
    b.explain('topicAliasMaximum', 'client.refuse.topic-alias', { alias, topic: r.topic, max: server.topicAliasMaximum });
    return true;
  }
  return false;
}

/** Explains why `packet` is not sent, if it must not be; true then. */
function refused(b: Builder, packet: Packet): boolean {
  const problem = sendProblem(b, packet);
  if (problem === null) return false;
  b.explained(problem);
  return true;
}

export function sendQos0(b: Builder, r: PublishRequest): void {
  if (publishLimitProblem(b, r)) return;
  const packet = publishPacket(b.version, r);
  if (refused(b, packet)) return;
  b.send(packet);
  b.explain('qos0Send', 'client.publish.qos0', { topic: r.topic });
}

/** The next free packet id for a packet about to be sent; null, explained, when every id is in use (the request waits). */
function takePacketId(b: Builder): number | null {
  const id = nextPacketId(b.ctx);
  if (id === null) b.explain('packetId', 'client.packet-id.exhausted');
  return id;
}

/**
 * Assigns a packet id and sends a QoS 1/2 PUBLISH: 'sent'; 'refused' when it must not be sent
 * (explained, and dropped); 'no-id' when every id is in use (it waits).
 */
export function sendQosPublish(b: Builder, r: PublishRequest): 'sent' | 'refused' | 'no-id' {
  if (publishLimitProblem(b, r)) return 'refused';
  const id = takePacketId(b);
  if (id === null) {
    return 'no-id';
  }
  const packet = publishPacket(b.version, r, id);
  if (refused(b, packet)) return 'refused';
  const ctx = b.edit();
  ctx.lastPacketId = id;
  ctx.outgoing = derived(ctx.outgoing, ctx.outgoing.push({ packetId: id, packet, stage: stageFor(r.qos), resend: false }), 1, { add: id });
  b.send(packet);
  b.explain(r.qos === 1 ? 'qos1Send' : 'qos2Send', r.qos === 1 ? 'client.publish.qos1' : 'client.publish.qos2', {
    packetId: id,
    topic: r.topic,
  });
  return 'sent';
}

/** Explains topic problems found by the topic rules (src/core/mqtt), with their own keys. */
export function explainTopicProblems(b: Builder, problems: TopicProblem[], key: string, what: string): boolean {
  if (problems.length === 0) return false;
  for (const p of problems) b.explain({ ref: p.ref }, p.key, { ...p.params });
  b.explain({ ref: problems[0]?.ref ?? '4.7' }, key, { topic: what });
  return true;
}

/** Whether this PUBLISH must not be sent (explained); checked before sending. */
export function publishProblem(b: Builder, r: PublishRequest): boolean {
  if (explainTopicProblems(b, validateTopicName(r.topic, b.version), 'client.publish.topic-invalid', r.topic)) {
    return true;
  }
  if (b.version === 5 && b.ctx.connectedAtMs !== null) {
    if (r.qos > b.ctx.server.maximumQoS) {
      b.explain('maximumQoS', 'client.publish.qos-not-supported', { qos: r.qos, max: b.ctx.server.maximumQoS });
      return true;
    }
    if (r.retain && !b.ctx.server.retainAvailable) {
      b.explain('retainAvailable', 'client.publish.retain-not-available', { topic: r.topic });
      return true;
    }
  }
  return false;
}

/** Sends SUBSCRIBE; false when every packet id is in use (it waits); true when sent or refused. */
export function sendSubscribe(b: Builder, subscriptions: Subscription[], properties?: Properties): boolean {
  const id = takePacketId(b);
  if (id === null) {
    return false;
  }
  const packet: Packet = { type: 'subscribe', packetId: id, subscriptions, ...(b.version === 5 && properties ? { properties } : {}) };
  if (refused(b, packet)) return true;
  let subs = b.ctx.subscriptions;
  for (const s of subscriptions) {
    subs = subs.set(s.topicFilter, { topicFilter: s.topicFilter, requestedQoS: s.qos, code: null });
  }
  b.set({
    lastPacketId: id,
    awaitingAck: b.ctx.awaitingAck.set(id, { kind: 'subscribe', subscriptions }),
    subscriptions: subs,
  });
  b.send(packet);
  b.explain('packetId', 'client.subscribe.sent', {
    packetId: id,
    filters: subscriptions.map((s) => `${s.topicFilter} (QoS ${s.qos})`).join(', '),
  });
  return true;
}

/** Sends UNSUBSCRIBE; false when every packet id is in use (it waits); true when sent or refused. */
export function sendUnsubscribe(b: Builder, topicFilters: string[], properties?: Properties): boolean {
  const id = takePacketId(b);
  if (id === null) {
    return false;
  }
  const packet: Packet = { type: 'unsubscribe', packetId: id, topicFilters, ...(b.version === 5 && properties ? { properties } : {}) };
  if (refused(b, packet)) return true;
  b.set({ lastPacketId: id, awaitingAck: b.ctx.awaitingAck.set(id, { kind: 'unsubscribe', topicFilters }) });
  b.send(packet);
  b.explain('packetId', 'client.unsubscribe.sent', { packetId: id, filters: topicFilters.join(', ') });
  return true;
}
