/**
 * The client's protocol logic as pure functions: context + input -> new context + effects.
 * This file is the index; each responsibility has a file of its own, as Mosquitto has its
 * `handle_<packet>.c`: builder.ts (the context and the one step builder), connect.ts,
 * send-queue.ts (packet ids, the send quota and the queue), publish-out.ts, publish-in.ts,
 * subscribe.ts, incoming.ts (packets that end the connection, and the dispatch), keep-alive.ts,
 * disconnect.ts.
 *
 * Theory of operation
 * -------------------
 * Like rumqttc's `state.rs`, nothing here does I/O: each handler takes the (immutable) context
 * and returns a `Step` with the next context and a list of effects (send a packet, deliver a
 * message, explain a rule, start or cancel a timer). The machine (`client.machine.ts`) decides
 * the state (disconnected, opening, connecting, connected.idle, ...) and turns the effects into
 * the contract's actions. Contexts are never mutated: every change makes new objects, with
 * Immutable.js collections for the lists and maps, because the world keeps old snapshots.
 *
 * Choices, with where they were checked:
 * - Outgoing QoS 1/2 messages keep their packet identifier until PUBACK / PUBCOMP (or a 5.0
 *   PUBACK/PUBREC >= 0x80). They are re-sent only when a session is resumed (CONNACK with
 *   Session Present = 1), PUBLISH with DUP = 1 or PUBREL, in their original order. There is no
 *   retransmission on a timer while connected: 5.0 forbids it (MQTT-4.4.0-1), 3.1.1 only
 *   requires the reconnect case; the "resend after a timeout" of textbooks is MQTT 3.1.
 * - Receive Maximum (5.0) is the send quota; like libmosquitto (`message__reconnect_reset`,
 *   `message__release_to_inflight`) every unfinished QoS 1/2 message counts, a PUBREL re-send too.
 * - Incoming QoS 2 uses Method A of the spec's figure 4.3: store the message and PUBREC, deliver
 *   to the application on PUBREL, then PUBCOMP. This is what MQTT.js (`handlers/pubrel.ts`) and
 *   libmosquitto 1.x (`lib/handle_pubrel.c`) do; a duplicate PUBLISH before PUBREL only replaces
 *   the stored copy and gets a PUBREC again, so it is never delivered twice (MQTT-4.3.3-2).
 * - Keep-alive: PINGREQ after keepAliveSec without sending; if no PINGRESP arrives within
 *   another keepAliveSec the connection is closed (libmosquitto `mosquitto__check_keepalive` and
 *   `mosquitto_loop_misc` wait exactly one keep-alive period for the PINGRESP).
 */
export { DEFAULT_KEEP_ALIVE_SEC, initialContext, lendRun, resolveOptions, sessionOutlivesConnection, versionOf } from './builder.ts';
export {
  buildConnect,
  connackAccepted,
  connackOutcome,
  connackRefused,
  connackUnexpectedSession,
  connectAlready,
  connectOptionsProblem,
  sendConnect,
  startConnect,
  type ConnackOutcome,
} from './connect.ts';
export { publish, type Phase } from './publish-out.ts';
export { nextPacketId } from './send-queue.ts';
export { subscribeOrUnsubscribe } from './subscribe.ts';
export { closeForPacket, closingPacket, handlePacket, packetBeforeConnack, type Closing } from './incoming.ts';
export { armKeepAlive, cancelPingresp, disarmKeepAlive, keepAliveTimeout, pingrespReceived, sendPingreq } from './keep-alive.ts';
export { abortConnect, cleanDisconnect, crash, malformed, networkClosed } from './disconnect.ts';
