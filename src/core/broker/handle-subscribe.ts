/** SUBSCRIBE and UNSUBSCRIBE: filters checked and parsed (shared subscriptions), SUBACK/UNSUBACK, retained messages sent. */
import type { SubscribePacket, UnsubscribePacket } from '../codec/types.ts';
import { checkAcl } from './auth.ts';
import { explain, getSession, send, setSession, update, type Conn, type Tx } from './context.ts';
import { offer } from './deliver.ts';
import { joinSharedGroup, minQos } from './route.ts';
import { matchRetained } from './retained.ts';
import { type Delivery, type StoredSubscription } from './sessions.ts';
import { addSubscription, removeSubscription, type SubscriptionOptions } from './subscriptions.ts';
import { isValidTopicFilter, parseSharedSubscription } from '../mqtt/index.ts';
import { ruleRef } from '../mqtt/rules.ts';
import { exceedsTopicLevels } from './mosquitto-limits.ts';
import { protocolError, refuseControlCharacter } from './protocol-error.ts';

/**
 * A SUBSCRIBE/UNSUBSCRIBE filter taken apart: `'invalid'` when it breaks section 4.7 or 4.8.2,
 * `{ group, filter }` for `$share/group/filter`, null for an ordinary filter. Shared
 * subscriptions are recognised for 3.1.1 clients too, as Mosquitto 2.0 does; the 5.0 rules of
 * the topic layer are used for both versions (they differ only in the `$share/` check).
 */
function parseFilter(topicFilter: string): { group: string; filter: string } | 'invalid' | null {
  // Mosquitto 2.0 (lib/util_topic.c): also invalid with more than 200 `/`.
  if (!isValidTopicFilter(topicFilter, 5) || exceedsTopicLevels(topicFilter)) return 'invalid';
  const shared = parseSharedSubscription(topicFilter);
  return shared === null ? null : { group: shared.shareName, filter: shared.filter ?? '' };
}

/**
 * With an acl_file, Mosquitto 2.0.11 grants every SUBSCRIBE (security_default.c: "FIXME -
 * implement ACL subscription strings"; checked with mosquitto_sub -d, tests/fidelity/acl.test.ts)
 * and checks read access per message at delivery. The spec would also let it refuse the filter
 * (3.1.1: SUBACK 0x80 Failure; 5.0: 0x87 Not authorized) but does not require it. Said once per
 * filter, so that a learner who sees the QoS granted knows why nothing may arrive.
 */
function explainAclOnSubscribe(tx: Tx, conn: Conn, filter: string, innerFilter: string): void {
  const clientId = conn.clientId!;
  const wildcard = /[+#]/.test(innerFilter);
  const decision = wildcard ? undefined : checkAcl(tx.ctx.config.acl, { clientId, username: conn.username }, innerFilter, 'read');
  if (decision && !decision.allowed) explain(tx, 'mosquitto:acl_file', 'acl.subscribe-unreadable', { clientId, filter });
  else explain(tx, 'mosquitto:acl_file', 'acl.subscribe-per-message', { clientId, filter });
}

export function handleSubscribe(tx: Tx, conn: Conn, packet: SubscribePacket): void {
  const v = conn.version ?? 4;
  const clientId = conn.clientId!;
  const subscriptionId = v === 5 ? packet.properties?.subscriptionIdentifiers?.[0] : undefined;
  for (const sub of packet.subscriptions) {
    if (refuseControlCharacter(tx, conn, 'topic filter', sub.topicFilter)) return;
    const shared = parseFilter(sub.topicFilter);
    if (shared === 'invalid') {
      // Mosquitto (handle_subscribe.c): "Invalid subscription string from %s, disconnecting."
      protocolError(tx, conn, 0x81, 'mosquitto:invalid-subscription', 'subscribe.filter-invalid', { filter: sub.topicFilter });
      return;
    }
    if (v === 5 && shared && sub.noLocal) {
      protocolError(tx, conn, 0x82, 'MQTT-3.8.3-4', 'subscribe.shared-no-local', { filter: sub.topicFilter });
      return;
    }
  }
  const reasonCodes: number[] = [];
  const retainedToSend: Delivery[] = [];
  for (const sub of packet.subscriptions) {
    const shared = parseFilter(sub.topicFilter) as { group: string; filter: string } | null;
    const innerFilter = shared ? shared.filter : sub.topicFilter;
    const granted = sub.qos;
    const options: SubscriptionOptions = {
      qos: granted,
      noLocal: v === 5 && sub.noLocal === true,
      retainAsPublished: v === 5 && sub.retainAsPublished === true,
      retainHandling: v === 5 ? (sub.retainHandling ?? 0) : 0,
    };
    if (subscriptionId !== undefined) options.subscriptionId = subscriptionId;
    const stored: StoredSubscription = { ...options, innerFilter };
    if (shared) stored.shareGroup = shared.group;

    const session = getSession(tx, clientId)!;
    const existed = session.subscriptions.has(sub.topicFilter);
    setSession(tx, { ...session, subscriptions: session.subscriptions.set(sub.topicFilter, stored) });
    update(tx, { subs: addSubscription(tx.ctx.subs, clientId, innerFilter, options, shared?.group) });
    // A member subscribing again keeps its place in the group's turn order (Mosquitto updates it in place).
    if (shared && !existed) joinSharedGroup(tx, shared.group, shared.filter, clientId);
    reasonCodes.push(granted);
    // MQTT-3.8.4-3 (both versions): the new subscription replaces the old one, options and all
    // (5.0: No Local, Retain As Published, Retain Handling, the Subscription Identifier); its
    // retained messages follow below (3.1.1 always, 5.0 by Retain Handling, MQTT-3.8.4-4).
    if (existed && v === 5) {
      explain(tx, 'MQTT-3.8.4-3', 'subscribe.replaced-v5', {
        clientId,
        filter: sub.topicFilter,
        requested: sub.qos,
        granted,
        noLocal: Number(options.noLocal),
        retainAsPublished: Number(options.retainAsPublished),
        retainHandling: options.retainHandling,
      });
    } else {
      explain(tx, existed ? 'MQTT-3.8.4-3' : ruleRef('subscribeAck', v), existed ? 'subscribe.replaced' : 'subscribe.granted', {
        clientId,
        filter: sub.topicFilter,
        requested: sub.qos,
        granted,
      });
    }
    if (tx.ctx.config.acl) explainAclOnSubscribe(tx, conn, sub.topicFilter, innerFilter);

    if (shared) {
      explain(tx, '4.8.2', 'subscribe.shared-no-retained', { clientId, filter: sub.topicFilter });
      continue;
    }
    if (!tx.ctx.config.retainAvailable) continue;
    if (options.retainHandling === 2) {
      explain(tx, 'MQTT-3.3.1-11', 'subscribe.retain-handling-2', { clientId, filter: sub.topicFilter });
      continue;
    }
    if (options.retainHandling === 1 && existed) {
      explain(tx, 'MQTT-3.3.1-10', 'subscribe.retain-handling-1', { clientId, filter: sub.topicFilter });
      continue;
    }
    for (const m of matchRetained(tx.ctx.retained, innerFilter, tx.ctx.retainedNodes)) {
      if (m.expiresAtMs !== undefined && m.expiresAtMs <= tx.nowMs) {
        explain(tx, 'MQTT-3.3.2-5', 'subscribe.retained-expired', { clientId, filter: sub.topicFilter, topic: m.topic });
        continue;
      }
      if (tx.ctx.config.acl) {
        const decision = checkAcl(tx.ctx.config.acl, { clientId, username: conn.username }, m.topic, 'read');
        if (!decision.allowed) {
          explain(tx, 'mosquitto:acl_file', 'acl.read-denied', { clientId, topic: m.topic, line: decision.rule?.line ?? 0 });
          continue;
        }
      }
      const d: Delivery = { message: m, qos: minQos(m.qos, granted), retain: true };
      if (subscriptionId !== undefined) d.subscriptionIds = [subscriptionId];
      retainedToSend.push(d);
      explain(tx, ruleRef('retainedOnSubscribe', v), 'subscribe.retained-sent', {
        clientId,
        filter: sub.topicFilter,
        topic: m.topic,
        qos: d.qos,
      });
    }
  }
  send(tx, conn, { type: 'suback', packetId: packet.packetId, reasonCodes });
  for (const d of retainedToSend) offer(tx, clientId, d);
}

export function handleUnsubscribe(tx: Tx, conn: Conn, packet: UnsubscribePacket): void {
  const v = conn.version ?? 4;
  const clientId = conn.clientId!;
  for (const f of packet.topicFilters) {
    if (refuseControlCharacter(tx, conn, 'topic filter', f)) return;
    if (parseFilter(f) === 'invalid') {
      protocolError(tx, conn, 0x81, 'mosquitto:invalid-subscription', 'subscribe.filter-invalid', { filter: f });
      return;
    }
  }
  const reasonCodes: number[] = [];
  for (const f of packet.topicFilters) {
    const session = getSession(tx, clientId)!;
    const stored = session.subscriptions.get(f);
    if (!stored) {
      reasonCodes.push(0x11);
      explain(tx, 'MQTT-3.10.4-5', 'unsubscribe.none', { clientId, filter: f });
      continue;
    }
    setSession(tx, { ...session, subscriptions: session.subscriptions.delete(f) });
    update(tx, { subs: removeSubscription(tx.ctx.subs, clientId, stored.innerFilter, stored.shareGroup) });
    reasonCodes.push(0);
    explain(tx, ruleRef('unsubscribeRemoves', v), 'unsubscribe.removed', { clientId, filter: f });
  }
  send(tx, conn, v === 5 ? { type: 'unsuback', packetId: packet.packetId, reasonCodes } : { type: 'unsuback', packetId: packet.packetId });
}

