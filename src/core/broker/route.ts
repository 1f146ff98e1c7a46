/**
 * Routing: one message to every matching subscription.
 *
 * Theory of operation
 * -------------------
 * `publishApplicationMessage` is the one entry for every message the broker distributes (client
 * PUBLISH, PUBREL-released QoS 2, wills, $SYS): it updates the retained store, finds the
 * matching subscriptions, and hands one copy per matching subscription to each session
 * (`offer` in deliver.ts; Mosquitto 2.0 sends one copy per matching subscription for
 * overlapping subscriptions, which MQTT-3.3.5-1 / MQTT-3.3.4-2 allow). A shared group gets one
 * copy, to the member whose turn it is (Mosquitto's order: members in the order they joined,
 * and whoever got a message goes last; `takeSharedTurn`). Each copy is checked here (No Local, the ACL)
 * and given its QoS and retain flag; what happens to it next (send, queue, drop) is deliver.ts's.
 */
import { Map as IMap } from 'immutable';
import type { QoS } from '../codec/types.ts';
import { checkAcl } from './auth.ts';
import { editSession, explain, getSession, update, type Tx } from './context.ts';
import { offer } from './deliver.ts';
import { ruleRef } from '../mqtt/rules.ts';
import { addRetainedNodes, storeRetained } from './retained.ts';
import { takePacketId, type Delivery, type Message } from './sessions.ts';
import { matchTopic, type SubscriptionMatch, type SubscriptionOptions } from './subscriptions.ts';

/** The QoS a message is delivered at: the lower of its own and the subscription's (MQTT-3.8.4-6 / 5.0 MQTT-3.8.4-8). */
export function minQos(a: QoS, b: QoS): QoS {
  return a < b ? a : b;
}

/**
 * Distributes a message to every matching subscription. Returns the number of matching
 * subscriptions, counted as Mosquitto does for 5.0's PUBACK 0x10 "No matching subscribers"
 * (src/subs.c: a subscription counts even when No Local or the ACL then holds the copy back).
 */
export function publishApplicationMessage(tx: Tx, message: Message): number {
  if (message.retain) {
    if (!tx.ctx.config.retainAvailable) {
      message = { ...message, retain: false };
    } else {
      const { store, outcome } = storeRetained(tx.ctx.retained, message);
      update(tx, { retained: store, retainedNodes: addRetainedNodes(tx.ctx.retainedNodes, message.topic) });
      if (outcome === 'cleared' || outcome === 'nothing-to-clear') {
        const version = (message.fromClientId ? getSession(tx, message.fromClientId)?.version : undefined) ?? 4;
        explain(tx, ruleRef('retainEmptyClears', version), 'retain.cleared', { topic: message.topic });
      } else {
        explain(tx, 'MQTT-3.3.1-5', outcome === 'replaced' ? 'retain.replaced' : 'retain.stored', { topic: message.topic });
      }
    }
  }
  const { subscriptions, shared, overlapping } = matchTopic(tx.ctx.subs, message.topic);
  // What became of the copies, or-ed (`CopyOutcome`): for the notes below.
  let outcomes = 0;
  if (!overlapping) {
    // Each client matched once: one copy per subscription, nothing to plan (the common case).
    for (const m of subscriptions) outcomes |= deliverToSubscriber(tx, m.clientId, m.filter, m.options, message);
  } else {
    const plan = planCopies(tx, subscriptions, message);
    explainCopyPerSubscription(tx, plan);
    for (const copy of plan) {
      outcomes |= deliverToSubscriber(tx, copy.clientId, copy.filter, copy.options, message);
      if (copy.overlapping.length > 0) {
        explain(tx, 'MQTT-3.3.5-1', 'deliver.overlap-one-copy', {
          clientId: copy.clientId,
          filters: [copy.filter, ...copy.overlapping].join(' '),
          qos: minQos(message.qos, copy.options.qos),
        });
        consumePacketIds(tx, copy.clientId, copy.skippedIds);
      }
    }
  }
  for (const g of shared) {
    if (g.members.size === 0) continue;
    const clientId = takeSharedTurn(tx, g.group, g.filter, [...g.members.keys()]);
    explain(tx, '4.8.2', 'shared.picked', { group: g.group, filter: g.filter, clientId, members: g.members.size });
    const options = g.members.get(clientId)!;
    outcomes |= deliverToSubscriber(tx, clientId, `$share/${g.group}/${g.filter}`, options, message);
  }
  const matched = subscriptions.length + shared.length;
  if (matched === 0 && !message.topic.startsWith('$SYS/')) {
    explain(tx, '4.7', 'publish.no-subscribers', { topic: message.topic });
  } else if ((outcomes & OFFERED) === 0 && (outcomes & ACL_DENIED) !== 0) {
    // Subscriptions matched, so "no subscription matches" would contradict the ACL notes above.
    explain(tx, 'mosquitto:acl_file', 'publish.no-reader', { topic: message.topic });
  }
  return matched;
}

/** What became of one planned copy: a bit, so that a publish can or them together. */
type CopyOutcome = typeof OFFERED | typeof ACL_DENIED | typeof NOT_OFFERED;
const OFFERED = 1;
const ACL_DENIED = 2;
/** No Local, or no session. */
const NOT_OFFERED = 0;

/** One copy for one subscriber: the subscription it is sent for, and (3.1.1) the others it stands for. */
interface PlannedCopy {
  clientId: string;
  filter: string;
  options: SubscriptionOptions;
  /** 3.1.1: further matching filters of the same client, served by this one copy. */
  overlapping: string[];
  /** Packet IDs Mosquitto uses up for the copies it does not send (see `planCopies`). */
  skippedIds: number;
}

/**
 * The copies to send, in Mosquitto's order (`matchTopic`). A 5.0 client gets one copy per
 * matching subscription (each with its own subscription identifier, MQTT-3.3.4-3/-4). A 3.1.1
 * client gets one copy, as from Mosquitto 2.0 (which drops the others for 3.1.x clients), but
 * at the maximum QoS of all its matching subscriptions, as MQTT-3.3.5-1 requires; Mosquitto
 * 2.0.11 uses the QoS of the first matching subscription instead (a recorded deviation). Like
 * Mosquitto, a packet ID is used up for every dropped copy with QoS > 0.
 */
function planCopies(tx: Tx, matches: readonly SubscriptionMatch[], message: Message): PlannedCopy[] {
  const plan: PlannedCopy[] = [];
  let single: Map<string, PlannedCopy> | undefined;
  for (const m of matches) {
    const version = getSession(tx, m.clientId)?.version;
    if (version === 4) {
      single ??= new Map();
      const first = single.get(m.clientId);
      if (first) {
        first.overlapping.push(m.filter);
        if (m.options.qos > first.options.qos) first.options = { ...first.options, qos: m.options.qos };
        if (minQos(message.qos, m.options.qos) > 0) first.skippedIds++;
        continue;
      }
      const copy: PlannedCopy = { clientId: m.clientId, filter: m.filter, options: m.options, overlapping: [], skippedIds: 0 };
      single.set(m.clientId, copy);
      plan.push(copy);
      continue;
    }
    plan.push({ clientId: m.clientId, filter: m.filter, options: m.options, overlapping: [], skippedIds: 0 });
  }
  return plan;
}

/**
 * A 5.0 client whose subscriptions overlap gets one copy per matching subscription (each with
 * its own Subscription Identifier, MQTT-3.3.4-5): MQTT-3.3.4-2 allows it, and Mosquitto 2.0 does
 * it. Said once per client and message, so the learner is not left wondering about the twins.
 */
function explainCopyPerSubscription(tx: Tx, plan: readonly PlannedCopy[]): void {
  for (let i = 0; i < plan.length; i++) {
    const clientId = plan[i]!.clientId;
    let earlier = false;
    for (let j = 0; j < i && !earlier; j++) earlier = plan[j]!.clientId === clientId;
    if (earlier) continue;
    let count = 1;
    for (let j = i + 1; j < plan.length; j++) if (plan[j]!.clientId === clientId) count++;
    // Only now allocate: most messages go to each client once (a publish is a hot path).
    if (count < 2 || getSession(tx, clientId)?.version !== 5) continue;
    const filters = plan.filter((c) => c.clientId === clientId).map((c) => c.filter);
    explain(tx, 'MQTT-3.3.4-2', 'deliver.overlap-copy-each', { clientId, filters: filters.join(' '), count });
  }
}

function consumePacketIds(tx: Tx, clientId: string, count: number): void {
  if (count === 0) return;
  const session = editSession(tx, clientId);
  if (!session) return;
  for (let i = 0; i < count; i++) takePacketId(session);
}

function deliverToSubscriber(
  tx: Tx,
  clientId: string,
  filter: string,
  options: SubscriptionOptions,
  message: Message,
): CopyOutcome {
  const session = getSession(tx, clientId);
  if (!session) return NOT_OFFERED;
  if (options.noLocal && message.fromClientId === clientId) {
    explain(tx, 'MQTT-3.8.3-3', 'deliver.no-local', { clientId, filter });
    return NOT_OFFERED;
  }
  if (tx.ctx.config.acl) {
    const decision = checkAcl(tx.ctx.config.acl, { clientId, username: session.username }, message.topic, 'read');
    if (!decision.allowed) {
      explain(tx, 'mosquitto:acl_file', 'acl.read-denied', {
        clientId,
        topic: message.topic,
        line: decision.rule?.line ?? 0,
      });
      return ACL_DENIED;
    }
  }
  const qos = minQos(message.qos, options.qos);
  if (qos < message.qos) {
    explain(tx, ruleRef('qosDowngrade', session.version), 'deliver.downgraded', {
      clientId,
      filter,
      published: message.qos,
      granted: options.qos,
      qos,
    });
  }
  let retain = false;
  if (message.retain) {
    if (session.version === 5 && options.retainAsPublished) {
      retain = true;
      explain(tx, 'MQTT-3.3.1-13', 'deliver.retain-as-published', { clientId, filter });
    } else {
      explain(tx, ruleRef('retainClearedOnForward', session.version), 'deliver.retain-cleared', { clientId, filter });
    }
  }
  const delivery: Delivery =
    options.subscriptionId !== undefined
      ? { message, qos, retain, subscriptionIds: [options.subscriptionId] }
      : { message, qos, retain };
  offer(tx, clientId, delivery);
  return OFFERED;
}

// ── shared subscriptions: whose turn (Mosquitto's rotating list) ─────────────────────────────

const turnsKey = (group: string, filter: string) => `${group} ${filter}`;

function lastTurn(turns: IMap<string, number> | undefined): number {
  let last = 0;
  if (turns) for (const t of turns.values()) if (t > last) last = t;
  return last;
}

/** A new member of a shared group takes the last place in its turn order. */
export function joinSharedGroup(tx: Tx, group: string, filter: string, clientId: string): void {
  const key = turnsKey(group, filter);
  const turns = tx.ctx.sharedTurns.get(key);
  update(tx, { sharedTurns: tx.ctx.sharedTurns.set(key, (turns ?? IMap<string, number>()).set(clientId, lastTurn(turns) + 1)) });
}

/**
 * The member of a shared group whose turn it is (the lowest turn; members without one, as after
 * a broker restart, first, in client ID order); it then goes last.
 */
function takeSharedTurn(tx: Tx, group: string, filter: string, members: readonly string[]): string {
  const key = turnsKey(group, filter);
  const turns = tx.ctx.sharedTurns.get(key);
  let next = members[0]!;
  let nextTurn = turns?.get(next) ?? 0;
  for (const m of members) {
    const t = turns?.get(m) ?? 0;
    if (t < nextTurn) {
      next = m;
      nextTurn = t;
    }
  }
  update(tx, { sharedTurns: tx.ctx.sharedTurns.set(key, (turns ?? IMap<string, number>()).set(next, lastTurn(turns) + 1)) });
  return next;
}
