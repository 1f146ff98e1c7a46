/**
 * One-line packet summaries for traces, sequence diagrams and logs, e.g.
 * `CONNECT id=sensor-17 clean k=10 will=plant/s17/status`, `PUBLISH q1 id=3 plant/hall1/temp "21.5"`,
 * `SUBACK id=1 [1, 0x80]`, `CONNACK rc=0 sp=1`, `PINGREQ`.
 * Texts from the wire (topics, client ids, payloads) are shown with bidi overrides and controls
 * escaped (`shownText`): a row must not read `x/exe.png` for `x/\u{202e}gnp.exe`.
 */
import type { Packet, Properties } from './types.ts';
import { shownText } from './shown-text.ts';
import { UTF8_INVALID, decodeUtf8 } from './utf8.ts';

const MAX_TEXT = 24;

/** A reason code as the summaries print it: decimal below 0x80, hex from 0x80. */
function code(c: number): string {
  return c < 0x80 ? String(c) : `0x${c.toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * `"21.5"` for printable UTF-8 text (truncated to 24 characters with …), else `<8 bytes>`.
 * Only the first 96 bytes are looked at, so a huge payload costs no more than a small one.
 */
export function summarizePayload(payload: Uint8Array): string {
  // A broker sends one message's payload object to every subscriber: summarized once.
  if (payload === lastPayload) return lastPayloadSummary;
  const summary = payloadSummary(payload);
  lastPayload = payload;
  lastPayloadSummary = summary;
  return summary;
}

/** The payload summarized last and its summary (payloads are never changed once sent). */
let lastPayload: Uint8Array | undefined;
let lastPayloadSummary = '';

function payloadSummary(payload: Uint8Array): string {
  const n = payload.length;
  const window = MAX_TEXT * 4;
  let text: string | number = UTF8_INVALID;
  if (n <= window) text = decodeUtf8(payload, 0, n);
  else {
    // The window may cut a multi-byte character: back off up to 3 bytes.
    for (let cut = window; cut > window - 4 && typeof text !== 'string'; cut--) text = decodeUtf8(payload, 0, cut);
  }
  if (typeof text !== 'string') return `<${n} bytes>`;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || (c >= 0x7f && c < 0xa0)) return `<${n} bytes>`;
  }
  if (n <= MAX_TEXT) return `"${shownText(text)}"`; // no more characters than bytes: nothing to cut
  const chars = Array.from(text);
  if (chars.length > MAX_TEXT || n > window) return `"${shownText(chars.slice(0, MAX_TEXT).join(''))}…"`;
  return `"${shownText(text)}"`;
}

function reason(rc: number | undefined, props: Properties | undefined): string {
  let out = rc !== undefined && rc !== 0 ? ` rc=${code(rc)}` : '';
  if (props?.reasonString !== undefined) out += ` "${shownText(props.reasonString)}"`;
  return out;
}

/**
 * The string as one flat run of characters. Built by concatenation it is a tree of V8 "cons
 * strings" (about 200 bytes of heap for a PUBLISH line, 90 flat, measured), and a trace keeps a
 * summary per packet; reading a character makes V8 flatten it, and the tree becomes garbage.
 * Other engines just read a character.
 */
function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

/** The packet summarized last and its line: packets are never changed (actor-contract.ts), so a packet is its line. */
let lastPacket: Packet | undefined;
let lastLine = '';

/**
 * One line describing `packet`. Asked twice in a row for the same packet (the world's step,
 * then the trace store checking that the line is the packet's own), the line is built once.
 */
export function summarize(packet: Packet): string {
  if (packet !== lastPacket) {
    lastLine = flat(summaryOf(packet));
    lastPacket = packet;
  }
  return lastLine;
}

function summaryOf(packet: Packet): string {
  switch (packet.type) {
    case 'connect': {
      let s = `CONNECT id=${shownText(packet.clientId)}${packet.clean ? ' clean' : ''} k=${packet.keepAliveSec}`;
      if (packet.will) s += ` will=${shownText(packet.will.topic)}`;
      if (packet.username !== undefined) s += ` user=${shownText(packet.username)}`;
      return s;
    }
    case 'connack':
      return `CONNACK rc=${code(packet.reasonCode)} sp=${packet.sessionPresent ? 1 : 0}`;
    case 'publish': {
      let s = `PUBLISH q${packet.qos}`;
      if (packet.dup) s += ' dup';
      if (packet.retain) s += ' retain';
      if (packet.packetId !== undefined) s += ` id=${packet.packetId}`;
      const alias = packet.properties?.topicAlias;
      const topic = packet.topic === '' && alias !== undefined ? `alias:${alias}` : shownText(packet.topic);
      return `${s} ${topic} ${summarizePayload(packet.payload)}`;
    }
    case 'puback': case 'pubrec': case 'pubrel': case 'pubcomp':
      return `${packet.type.toUpperCase()} id=${packet.packetId}${reason(packet.reasonCode, packet.properties)}`;
    case 'subscribe':
      return `SUBSCRIBE id=${packet.packetId} ${packet.subscriptions.map((s) => `${shownText(s.topicFilter)} q${s.qos}`).join(', ')}`;
    case 'suback':
      return `SUBACK id=${packet.packetId} [${packet.reasonCodes.map(code).join(', ')}]`;
    case 'unsubscribe':
      return `UNSUBSCRIBE id=${packet.packetId} ${packet.topicFilters.map(shownText).join(', ')}`;
    case 'unsuback':
      return `UNSUBACK id=${packet.packetId}${packet.reasonCodes ? ` [${packet.reasonCodes.map(code).join(', ')}]` : ''}`;
    case 'pingreq': return 'PINGREQ';
    case 'pingresp': return 'PINGRESP';
    case 'disconnect': return `DISCONNECT${reason(packet.reasonCode, packet.properties)}`;
    case 'auth': return `AUTH${reason(packet.reasonCode, packet.properties)}`;
  }
}
