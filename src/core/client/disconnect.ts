/** Ending a connection: a clean DISCONNECT, an aborted connect, a closed network, a malformed packet, a crash. */
import { List, Map as IMap, OrderedMap } from 'immutable';
import { codecNoteParams } from '../codec/errors.ts';
import type { CodecError, Packet, Properties } from '../codec/types.ts';
import type { CloseReason } from './messages.ts';
import type { ClientContext, Step } from './types.ts';
import { Builder, hex, initialContext, sessionOutlivesConnection } from './builder.ts';
import { dropUnsendable } from './publish-out.ts';
import { sendProblem } from './send-queue.ts';

/** Bookkeeping when a connection ends, whatever the cause. */
export function endConnection(b: Builder, reason: CloseReason): Step {
  b.set({
    connectedAtMs: null,
    pingSentAtMs: null,
    keepAliveArmed: false,
    lastCloseReason: reason,
    inboundAliases: IMap(),
    hasSessionState: sessionOutlivesConnection(b.ctx.options),
    // A SUBSCRIBE/UNSUBSCRIBE without its ack is not re-sent (only PUBLISH and PUBREL are).
    awaitingAck: IMap(),
    subscriptions: b.ctx.subscriptions.filter((s) => s.code !== null),
    outgoing: b.ctx.outgoing.map((m) => ({ ...m, resend: false })),
  });
  if (sessionOutlivesConnection(b.ctx.options)) {
    if (b.ctx.outgoing.size > 0 || b.ctx.incomingQos2.size > 0) {
      b.explain('sessionKept', 'client.session.kept', {
        outgoing: b.ctx.outgoing.size,
        incoming: b.ctx.incomingQos2.size,
      });
    }
  } else {
    if (b.ctx.outgoing.size > 0 || b.ctx.incomingQos2.size > 0) {
      b.explain({ ref: '4.1' }, 'client.session.ended', {
        outgoing: b.ctx.outgoing.size,
        incoming: b.ctx.incomingQos2.size,
      });
    }
    b.set({ outgoing: List(), incomingQos2: OrderedMap(), subscriptions: OrderedMap() });
  }
  dropUnsendable(b);
  return b.step();
}


/** APP.DISCONNECT while connected: DISCONNECT, then close (MQTT-3.14.4-1/-2). */
export function cleanDisconnect(
  ctx: ClientContext,
  reasonCode: number | undefined,
  properties: Properties | undefined,
  nowMs: number,
): Step {
  const b = new Builder(ctx, nowMs);
  const v = b.version;
  const code = reasonCode ?? 0;
  if (v === 5) {
    let props = properties;
    const expiry = props?.sessionExpiryIntervalSec;
    if (props && expiry !== undefined && expiry > 0 && (ctx.options?.sessionExpiryIntervalSec ?? 0) === 0) {
      // 3.14.2.2.2: after a CONNECT with Session Expiry 0, a non-zero one at DISCONNECT is a Protocol Error.
      b.explain('disconnectExpiryFromZero', 'client.refuse.disconnect-expiry', { expirySec: expiry });
      const { sessionExpiryIntervalSec: _left, ...rest } = props;
      props = Object.keys(rest).length > 0 ? rest : undefined;
    }
    let packet: Packet = { type: 'disconnect', ...(code !== 0 ? { reasonCode: code } : {}), ...(props ? { properties: props } : {}) };
    if (code !== 0 || props) {
      const problem = sendProblem(b, packet);
      if (problem) {
        b.explained(problem);
        b.explain('disconnectClose', 'client.disconnect.plain');
        packet = { type: 'disconnect' };
      }
    }
    b.send(packet);
    const sentExpiry = packet.properties?.sessionExpiryIntervalSec;
    if (sentExpiry !== undefined && ctx.options) {
      b.set({ options: { ...b.ctx.options!, sessionExpiryIntervalSec: sentExpiry } });
    }
  } else {
    b.send({ type: 'disconnect' });
  }
  b.explain('disconnectClose', v === 5 ? 'client.disconnect.sent' : 'client.disconnect.sent-311', { code: hex(code) });
  if (ctx.options?.will) {
    b.explain(
      'disconnectWill',
      v === 5 && code === 0x04 ? 'client.disconnect.will-kept' : 'client.disconnect.will-discarded',
      { topic: ctx.options.will.topic },
    );
  }
  b.close();
  return endConnection(b, { key: 'client.close.by-application' });
}

/** APP.DISCONNECT before CONNACK: just close the network connection. */
export function abortConnect(ctx: ClientContext, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  b.explain('disconnectClose', 'client.disconnect.abort');
  b.close();
  return endConnection(b, { key: 'client.close.by-application' });
}

/** NET.CLOSED: the driver reports the connection gone. */
export function networkClosed(ctx: ClientContext, why: 'peer-closed' | 'refused' | 'reset', nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  b.explain({ ref: '4.2' }, why === 'refused' ? 'client.net.refused' : 'client.net.closed', { why });
  return endConnection(b, { key: why === 'refused' ? 'client.close.connection-refused' : why === 'reset' ? 'client.close.reset' : 'client.close.peer-closed' });
}

/** NET.MALFORMED: 5.0 DISCONNECT with the error's reason code, then close; 3.1.1 close. */
export function malformed(ctx: ClientContext, error: Pick<CodecError, 'reasonCode' | 'ref' | 'message' | 'key' | 'detail'>, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  // The decoder's key and detail beside its (English) message: the note reads in German from them (codec-error-texts.ts).
  b.explain({ ref: error.ref }, 'client.protocol.malformed', { message: error.message, ...codecNoteParams(error), code: hex(error.reasonCode) });
  if (b.version === 5) b.send({ type: 'disconnect', reasonCode: error.reasonCode });
  b.explain('protocolError', b.version === 5 ? 'client.protocol.close-v5' : 'client.protocol.close-v4', {
    code: hex(error.reasonCode),
  });
  b.close();
  return endConnection(b, { key: 'client.close.malformed', params: { message: error.message, ...codecNoteParams(error) } });
}

/** SYS.CRASH: the process dies; its memory is gone (the world closes the socket). */
export function crash(ctx: ClientContext, nowMs: number): Step {
  const b = new Builder(initialContext(ctx.name), nowMs);
  b.set({ lastCloseReason: { key: 'client.close.crashed' } });
  b.explain({ ref: '4.1' }, 'client.crash', {
    outgoing: ctx.outgoing.size,
    incoming: ctx.incomingQos2.size,
    pending: ctx.pending.size,
  });
  return b.step();
}
