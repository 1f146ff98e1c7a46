/**
 * Judging the expectations about a client's connections (`will-registered`, `disconnects-cleanly`,
 * `session-present`, `connack-property`, `disconnect-code`, `disconnect-property`,
 * `broker-disconnects`, `closed-without-connack`) on the trace of a run.
 */
import type { Properties } from '../core/codec/types.ts';
import { BROKER } from '../sim/world.ts';
import { formatTime, type TraceEntry } from '../sim/trace.ts';
import type { CompiledExpectation } from './compile.ts';
import { hasProperty, topicMatches, utf8 } from './expect-match.ts';
import { fail, hex, ok, propertySeen, propertyText, type ExpectationResult } from './expect-result.ts';
import { CONNACK_PROPERTIES, DISCONNECT_PROPERTIES } from './expect-properties.ts';

/** The expectations `checkConnection` judges. */
export type ConnectionExpectation = Extract<CompiledExpectation, { kind: 'will-registered' | 'disconnects-cleanly' | 'session-present' | 'connack-property' | 'disconnect-code' | 'disconnect-property' | 'broker-disconnects' | 'closed-without-connack' }>;

/** Expectations about a client's connections: CONNECT/CONNACK, DISCONNECT, closes. */
export function checkConnection(e: ConnectionExpectation, trace: readonly TraceEntry[]): ExpectationResult {
  const c = e.client;
  const t = (x: TraceEntry): string => formatTime(x.atMs);
  const tDe = (x: TraceEntry): string => formatTime(x.atMs, 'de');
  const connacks = trace.filter((x) => x.kind === 'deliver' && x.to === c && x.packet?.type === 'connack');
  switch (e.kind) {
    case 'will-registered': {
      const connects = trace.filter((x) => x.kind === 'deliver' && x.to === BROKER && x.from === c && x.packet?.type === 'connect');
      const accepted = (x: TraceEntry): boolean => trace.some((y) => y.kind === 'send' && y.from === BROKER && y.to === c && y.connId === x.connId && y.packet?.type === 'connack' && y.packet.reasonCode === 0);
      const withWill = connects.filter((x) => x.packet?.type === 'connect' && x.packet.will !== undefined && (e.topic === undefined || topicMatches(e.topic, x.packet.will.topic)));
      const hit = withWill.find(accepted);
      const willOf = (x: TraceEntry): string => (x.packet?.type === 'connect' && x.packet.will ? `${x.packet.will.topic} "${utf8.decode(x.packet.will.payload)}"` : '');
      if (hit) return ok(e, [hit], `the broker accepted ${c}'s CONNECT with the will ${willOf(hit)} at ${t(hit)}`, `der Broker hat das CONNECT von ${c} mit dem Testament ${willOf(hit)} um ${tDe(hit)} angenommen`);
      const refused = withWill[0];
      if (refused) return fail(e, `${c}'s CONNECT with a will (${willOf(refused)}) at ${t(refused)} was not accepted`, `das CONNECT von ${c} mit einem Testament (${willOf(refused)}) um ${tDe(refused)} wurde nicht angenommen`, [refused]);
      const other = connects.find((x) => x.packet?.type === 'connect' && x.packet.will !== undefined);
      if (other) return fail(e, `${c}'s will is on ${willOf(other)} (at ${t(other)}), not on ${e.topic}`, `das Testament von ${c} liegt auf ${willOf(other)} (um ${tDe(other)}), nicht auf ${e.topic}`, [other]);
      const last = connects[connects.length - 1];
      if (last) return fail(e, `${c}'s CONNECT at ${t(last)} carries no will`, `das CONNECT von ${c} um ${tDe(last)} hat kein Testament`, [last]);
      return fail(e, `no CONNECT from ${c} arrived at the broker`, `kein CONNECT von ${c} kam beim Broker an`);
    }
    case 'disconnects-cleanly': {
      const inWindow = (x: TraceEntry): boolean => (e.afterMs === undefined || x.atMs >= e.afterMs) && (e.byMs === undefined || x.atMs <= e.byMs);
      const arrived = trace.filter((x) => x.kind === 'deliver' && x.to === BROKER && x.from === c && x.packet?.type === 'disconnect');
      const code = (x: TraceEntry): number => (x.packet?.type === 'disconnect' ? (x.packet.reasonCode ?? 0) : 0);
      const hit = arrived.find((x) => code(x) === 0 && inWindow(x));
      if (hit) return ok(e, [hit], `${c}'s DISCONNECT (0x00) arrived at the broker at ${t(hit)}`, `das DISCONNECT (0x00) von ${c} kam um ${tDe(hit)} beim Broker an`);
      const other = arrived.find((x) => code(x) !== 0 && inWindow(x));
      if (other) return fail(e, `${c}'s DISCONNECT at ${t(other)} has reason code ${hex(code(other))}, not 0x00 (normal disconnection)`, `das DISCONNECT von ${c} um ${tDe(other)} hat den Reason Code ${hex(code(other))}, nicht 0x00 (normale Trennung)`, [other]);
      const outside = arrived[0];
      if (outside) return fail(e, `${c}'s DISCONNECT arrived at ${t(outside)}, outside the time window`, `das DISCONNECT von ${c} kam um ${tDe(outside)} an, außerhalb des Zeitfensters`, [outside]);
      const lost = trace.find((x) => x.kind === 'send' && x.from === c && x.packet?.type === 'disconnect');
      if (lost) return fail(e, `${c} sent DISCONNECT at ${t(lost)}, but it never arrived at the broker`, `${c} hat um ${tDe(lost)} DISCONNECT gesendet, aber es kam nie beim Broker an`, [lost]);
      const closed = trace.find((x) => x.kind === 'note' && x.from === BROKER && x.explain?.key === 'net.closed-without-disconnect' && x.explain.params?.clientId === (e.clientId ?? c));
      if (closed) return fail(e, `${c}'s connection ended without DISCONNECT at ${t(closed)}`, `die Verbindung von ${c} endete um ${tDe(closed)} ohne DISCONNECT`, [closed]);
      return fail(e, `${c} never sent DISCONNECT`, `${c} hat nie DISCONNECT gesendet`);
    }
    case 'session-present': {
      const flag = (x: TraceEntry): boolean => x.packet?.type === 'connack' && x.packet.sessionPresent;
      const hit = connacks.find((x) => flag(x) === e.present);
      const sp = e.present ? 1 : 0;
      if (hit) return ok(e, [hit], `${c} got CONNACK with session present = ${sp} at ${t(hit)}`, `${c} hat um ${tDe(hit)} CONNACK mit Session Present = ${sp} erhalten`);
      if (connacks.length === 0) return fail(e, `${c} never got a CONNACK`, `${c} hat nie ein CONNACK erhalten`);
      const seen = connacks.map((x) => `${flag(x) ? 1 : 0} at ${t(x)}`).join(', ');
      const seenDe = connacks.map((x) => `${flag(x) ? 1 : 0} um ${tDe(x)}`).join(', ');
      return fail(e, `${c}'s CONNACKs had session present = ${seen}, never ${sp}`, `die CONNACKs von ${c} hatten Session Present = ${seenDe}, nie ${sp}`, connacks);
    }
    case 'connack-property': {
      const props = (x: TraceEntry): Properties | undefined => (x.packet?.type === 'connack' ? x.packet.properties : undefined);
      const hit = connacks.find((x) => hasProperty(props(x), e.property, CONNACK_PROPERTIES));
      const what = propertyText(e.property);
      if (hit) return ok(e, [hit], `${c} got CONNACK with ${e.property.name} ${propertySeen(props(hit), e.property, CONNACK_PROPERTIES)} at ${t(hit)}`, `${c} hat um ${tDe(hit)} CONNACK mit ${e.property.name} ${propertySeen(props(hit), e.property, CONNACK_PROPERTIES, 'de')} erhalten`);
      if (connacks.length === 0) return fail(e, `${c} never got a CONNACK`, `${c} hat nie ein CONNACK erhalten`);
      const seen = connacks.map((x) => `${propertySeen(props(x), e.property, CONNACK_PROPERTIES)} at ${t(x)}`).join(', ');
      const seenDe = connacks.map((x) => `${propertySeen(props(x), e.property, CONNACK_PROPERTIES, 'de')} um ${tDe(x)}`).join(', ');
      return fail(e, `no CONNACK to ${c} had ${what}; ${e.property.name} was: ${seen}`, `kein CONNACK an ${c} hatte ${what}; ${e.property.name} war: ${seenDe}`, connacks);
    }
    case 'disconnect-code':
    case 'disconnect-property': {
      // Either way: the broker's DISCONNECT that reached the client, the client's that reached the broker.
      const all = trace.filter((x) => x.kind === 'deliver' && x.packet?.type === 'disconnect' && ((x.to === c && x.from === BROKER) || (x.from === c && x.to === BROKER)));
      const code = (x: TraceEntry): number => (x.packet?.type === 'disconnect' ? (x.packet.reasonCode ?? 0) : 0);
      const props = (x: TraceEntry): Properties | undefined => (x.packet?.type === 'disconnect' ? x.packet.properties : undefined);
      const who = (x: TraceEntry): string => (x.from === BROKER ? `the broker's DISCONNECT to ${c}` : `${c}'s DISCONNECT`);
      const whoDe = (x: TraceEntry): string => (x.from === BROKER ? `das DISCONNECT des Brokers an ${c}` : `das DISCONNECT von ${c}`);
      if (all.length === 0) return fail(e, `no DISCONNECT passed between ${c} and the broker`, `kein DISCONNECT ging zwischen ${c} und dem Broker hin oder her`);
      if (e.kind === 'disconnect-code') {
        const hit = all.find((x) => code(x) === e.code);
        if (hit) return ok(e, [hit], `${who(hit)} at ${t(hit)} has reason code ${hex(e.code)}`, `${whoDe(hit)} um ${tDe(hit)} hat den Reason Code ${hex(e.code)}`);
        const seen = all.map((x) => `${hex(code(x))} (${x.from === BROKER ? 'broker' : c}, ${t(x)})`).join(', ');
        const seenDe = all.map((x) => `${hex(code(x))} (${x.from === BROKER ? 'Broker' : c}, ${tDe(x)})`).join(', ');
        return fail(e, `no DISCONNECT between ${c} and the broker had reason code ${hex(e.code)}; they had ${seen}`, `kein DISCONNECT zwischen ${c} und dem Broker hatte den Reason Code ${hex(e.code)}; sie hatten ${seenDe}`, all);
      }
      const hit = all.find((x) => hasProperty(props(x), e.property, DISCONNECT_PROPERTIES));
      const what = propertyText(e.property);
      if (hit) return ok(e, [hit], `${who(hit)} at ${t(hit)} has ${e.property.name} ${propertySeen(props(hit), e.property, DISCONNECT_PROPERTIES)}`, `${whoDe(hit)} um ${tDe(hit)} hat ${e.property.name} ${propertySeen(props(hit), e.property, DISCONNECT_PROPERTIES, 'de')}`);
      const seen = all.map((x) => `${propertySeen(props(x), e.property, DISCONNECT_PROPERTIES)} (${x.from === BROKER ? 'broker' : c}, ${t(x)})`).join(', ');
      const seenDe = all.map((x) => `${propertySeen(props(x), e.property, DISCONNECT_PROPERTIES, 'de')} (${x.from === BROKER ? 'Broker' : c}, ${tDe(x)})`).join(', ');
      return fail(e, `no DISCONNECT between ${c} and the broker had ${what}; ${e.property.name} was: ${seen}`, `kein DISCONNECT zwischen ${c} und dem Broker hatte ${what}; ${e.property.name} war: ${seenDe}`, all);
    }
    case 'broker-disconnects': {
      const sent = trace.filter((x) => x.kind === 'send' && x.from === BROKER && x.to === c && x.packet?.type === 'disconnect');
      const code = (x: TraceEntry): number => (x.packet?.type === 'disconnect' ? (x.packet.reasonCode ?? 0) : 0);
      const hit = sent.find((x) => e.code === undefined || code(x) === e.code);
      if (hit) return ok(e, [hit], `the broker sent DISCONNECT ${hex(code(hit))} to ${c} at ${t(hit)}`, `der Broker hat um ${tDe(hit)} DISCONNECT ${hex(code(hit))} an ${c} gesendet`);
      if (sent[0]) return fail(e, `the broker sent DISCONNECT ${sent.map((x) => hex(code(x))).join('/')} to ${c} at ${t(sent[0])}, not ${hex(e.code!)}`, `der Broker hat um ${tDe(sent[0])} DISCONNECT ${sent.map((x) => hex(code(x))).join('/')} an ${c} gesendet, nicht ${hex(e.code!)}`, sent);
      const closed = trace.find((x) => x.kind === 'note' && ((x.from === c && x.explain?.key === 'sim.tcp-closed') || (x.from === BROKER && x.explain?.key === 'keepalive.expired' && x.explain.params?.clientId === (e.clientId ?? c))));
      if (closed && e.code === undefined) return ok(e, [closed], `the broker closed ${c}'s connection at ${t(closed)} (without DISCONNECT)`, `der Broker hat die Verbindung von ${c} um ${tDe(closed)} geschlossen (ohne DISCONNECT)`);
      if (closed) return fail(e, `the broker closed ${c}'s connection at ${t(closed)} without a DISCONNECT, so without reason code`, `der Broker hat die Verbindung von ${c} um ${tDe(closed)} ohne DISCONNECT geschlossen, also ohne Reason Code`, [closed]);
      return fail(e, `the broker never disconnected ${c}`, `der Broker hat ${c} nie getrennt`);
    }
    case 'closed-without-connack': {
      // A CONNECT sent on purpose may be malformed (no decoded packet): its first byte says CONNECT.
      const connects = trace.filter((x) => x.kind === 'send' && x.from === c && (x.packet?.type === 'connect' || (x.packet === undefined && x.bytes !== undefined && x.bytes[0]! >> 4 === 1)));
      const closeKeys = new Set(['sim.tcp-closed', 'sim.tcp-reset']);
      let answered: TraceEntry | undefined;
      for (const x of connects) {
        const connack = connacks.find((y) => y.connId === x.connId);
        if (connack) {
          answered ??= connack;
          continue;
        }
        const closed = trace.find((y) => y.seq > x.seq && y.kind === 'note' && ((y.connId === x.connId && closeKeys.has(y.explain?.key ?? '')) || (y.from === c && y.explain?.key === 'client.disconnect.abort')));
        if (closed) return ok(e, [x, closed], `${c}'s connection closed at ${t(closed)} with no CONNACK after its CONNECT at ${t(x)}`, `die Verbindung von ${c} wurde um ${tDe(closed)} ohne CONNACK auf das CONNECT von ${tDe(x)} geschlossen`);
      }
      if (answered) return fail(e, `${c} got a CONNACK at ${t(answered)}`, `${c} hat um ${tDe(answered)} ein CONNACK erhalten`, [answered]);
      if (connects[0]) return fail(e, `${c}'s connection after the CONNECT at ${t(connects[0])} was not closed`, `die Verbindung von ${c} nach dem CONNECT um ${tDe(connects[0])} wurde nicht geschlossen`, [connects[0]]);
      return fail(e, `${c} never sent CONNECT`, `${c} hat nie CONNECT gesendet`);
    }
  }
}
