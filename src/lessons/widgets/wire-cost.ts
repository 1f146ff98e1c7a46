/**
 * What one sensor reading costs on the wire: MQTT at QoS 0, 1 and 2 (counted from the codec's
 * real encodings) next to an HTTP/1.1 POST with its response (counted from the real request
 * and response texts, which this module builds explicitly so that every byte is visible).
 *
 * Theory of operation and the assumptions, stated once:
 * - MQTT: a reading is one PUBLISH from the sensor to the broker plus its acknowledgements
 *   (QoS 1: PUBACK; QoS 2: PUBREC, PUBREL, PUBCOMP). The CONNECT/CONNACK pair is paid once
 *   per connection and reported separately; PINGREQ/PINGRESP (2 + 2 bytes) only when the
 *   sensor is silent for a whole keep-alive, so they are not part of a reading.
 * - HTTP: one POST on a kept-alive connection (no new TCP handshake per reading, which is the
 *   best case for HTTP) and its response, both with typical headers; all lengths are UTF-8
 *   byte lengths of the texts. HTTP/2 header compression (HPACK) is not modelled.
 * - Compression: the module does no compressing itself (the lessons layer stays free of
 *   packages); pass a `compress` function (e.g. fflate's `gzipSync`) and the HTTP body is
 *   sent compressed with `Content-Encoding: gzip`. MQTT has no standard compression: its
 *   payload goes as it is.
 * - TCP/IP: optional (`tcpIp`). Each MQTT packet counts as its own segment (small packets are
 *   sent as they come); an HTTP message takes ceil(bytes / MSS) segments. Pure TCP ACKs, the
 *   TCP handshake and TLS are not counted for either side, which keeps the comparison fair.
 *   40 bytes = IPv4 (20) + TCP (20) without options; 52 with the usual timestamp option.
 */
import { encode } from '../../core/codec/index.ts';
import type { Packet, ProtocolVersion, QoS } from '../../core/codec/index.ts';

/** One reading and the sensor that sends it. */
export interface Reading {
  topic: string;
  /** A string is sent as its UTF-8 bytes. */
  payload: Uint8Array | string;
  clientId: string;
  /** 4 = MQTT 3.1.1 (default), 5 = MQTT 5.0. */
  version?: ProtocolVersion;
  keepAliveSec?: number;
}

export interface TcpIpOptions {
  /** IP + TCP header bytes per segment; 40 for IPv4 without TCP options. */
  headerBytes: number;
  /** Maximum segment size; 1460 on Ethernet with IPv4. */
  mssBytes: number;
}

/** One packet or HTTP message and its size. */
export interface WireItem {
  name: string;
  direction: 'sensor->server' | 'server->sensor';
  bytes: number;
  /** TCP segments it needs (1 for an MQTT packet). */
  segments: number;
}

export interface WireCost {
  items: WireItem[];
  /** Bytes of the application protocol (MQTT packets or HTTP texts). */
  bytes: number;
  /** Bytes including IP/TCP headers when `tcpIp` was given, else equal to `bytes`. */
  bytesWithTcpIp: number;
}

export interface HttpCost extends WireCost {
  requestText: string;
  responseText: string;
  /** The request's header part (request line, headers, empty line) in bytes. */
  requestHeaderBytes: number;
  /** The body as sent (compressed when a compressor was given). */
  bodyBytes: number;
}

export interface HttpOptions {
  host?: string;
  /** Request path; default `/api/` + the topic. */
  path?: string;
  contentType?: string;
  /** Compress the body; the request then says `Content-Encoding: gzip`. */
  compress?: (body: Uint8Array) => Uint8Array;
  tcpIp?: TcpIpOptions;
}

export const TCP_IPV4: TcpIpOptions = { headerBytes: 40, mssBytes: 1460 };

const utf8 = new TextEncoder();

function payloadBytes(p: Uint8Array | string): Uint8Array {
  return typeof p === 'string' ? utf8.encode(p) : p;
}

function total(items: WireItem[], tcpIp: TcpIpOptions | undefined): WireCost {
  const bytes = items.reduce((n, i) => n + i.bytes, 0);
  const headers = tcpIp ? items.reduce((n, i) => n + i.segments * tcpIp.headerBytes, 0) : 0;
  return { items, bytes, bytesWithTcpIp: bytes + headers };
}

function mqttItem(packet: Packet, version: ProtocolVersion, direction: WireItem['direction']): WireItem {
  return { name: packet.type.toUpperCase(), direction, bytes: encode(packet, version).length, segments: 1 };
}

/** CONNECT and CONNACK: paid once per connection, not per reading. */
export function mqttConnectCost(reading: Reading, tcpIp?: TcpIpOptions): WireCost {
  const version = reading.version ?? 4;
  return total(
    [
      mqttItem({ type: 'connect', protocolVersion: version, clean: true, keepAliveSec: reading.keepAliveSec ?? 60, clientId: reading.clientId }, version, 'sensor->server'),
      mqttItem({ type: 'connack', sessionPresent: false, reasonCode: 0 }, version, 'server->sensor'),
    ],
    tcpIp,
  );
}

/** One reading at `qos`: the PUBLISH and its acknowledgements between sensor and broker. */
export function mqttReadingCost(reading: Reading, qos: QoS, tcpIp?: TcpIpOptions): WireCost {
  const version = reading.version ?? 4;
  const payload = payloadBytes(reading.payload);
  const publish: Packet = qos === 0
    ? { type: 'publish', topic: reading.topic, payload, qos, retain: false, dup: false }
    : { type: 'publish', topic: reading.topic, payload, qos, retain: false, dup: false, packetId: 1 };
  const items = [mqttItem(publish, version, 'sensor->server')];
  if (qos === 1) items.push(mqttItem({ type: 'puback', packetId: 1 }, version, 'server->sensor'));
  if (qos === 2) {
    items.push(mqttItem({ type: 'pubrec', packetId: 1 }, version, 'server->sensor'));
    items.push(mqttItem({ type: 'pubrel', packetId: 1 }, version, 'sensor->server'));
    items.push(mqttItem({ type: 'pubcomp', packetId: 1 }, version, 'server->sensor'));
  }
  return total(items, tcpIp);
}

/** The HTTP/1.1 request for one reading, exactly as sent (body appended as bytes by the caller). */
export function httpRequestHead(reading: Reading, bodyLength: number, options: HttpOptions = {}): string {
  const lines = [
    `POST ${options.path ?? `/api/${reading.topic}`} HTTP/1.1`,
    `Host: ${options.host ?? 'iot.factory.example'}`,
    'User-Agent: sensor-fw/2.1',
    'Accept: */*',
    `Content-Type: ${options.contentType ?? 'text/plain'}`,
    ...(options.compress ? ['Content-Encoding: gzip'] : []),
    `Content-Length: ${bodyLength}`,
    'Connection: keep-alive',
  ];
  return lines.join('\r\n') + '\r\n\r\n';
}

/** The server's answer: 204 No Content with the headers a typical server adds. */
export const HTTP_RESPONSE = [
  'HTTP/1.1 204 No Content',
  'Date: Mon, 06 Oct 2025 08:00:00 GMT',
  'Server: nginx',
  'Connection: keep-alive',
].join('\r\n') + '\r\n\r\n';

/** One reading as an HTTP/1.1 POST on an open connection, and its response. */
export function httpReadingCost(reading: Reading, options: HttpOptions = {}): HttpCost {
  const raw = payloadBytes(reading.payload);
  const body = options.compress ? options.compress(raw) : raw;
  const head = httpRequestHead(reading, body.length, options);
  const requestHeaderBytes = utf8.encode(head).length;
  const requestBytes = requestHeaderBytes + body.length;
  const responseBytes = utf8.encode(HTTP_RESPONSE).length;
  const mss = options.tcpIp?.mssBytes ?? TCP_IPV4.mssBytes;
  const items: WireItem[] = [
    { name: 'POST', direction: 'sensor->server', bytes: requestBytes, segments: Math.max(1, Math.ceil(requestBytes / mss)) },
    { name: 'HTTP 204', direction: 'server->sensor', bytes: responseBytes, segments: Math.max(1, Math.ceil(responseBytes / mss)) },
  ];
  const bodyText = options.compress ? `<${body.length} bytes gzip>` : new TextDecoder().decode(raw);
  return {
    ...total(items, options.tcpIp),
    requestText: head + bodyText,
    responseText: HTTP_RESPONSE,
    requestHeaderBytes,
    bodyBytes: body.length,
  };
}

/** MQTT with its payload split into TCP segments: for large payloads (one PUBLISH, many segments). */
export function mqttLargePayloadCost(reading: Reading, qos: QoS, tcpIp: TcpIpOptions = TCP_IPV4): WireCost {
  const cost = mqttReadingCost(reading, qos);
  const items = cost.items.map((i) => ({ ...i, segments: Math.max(1, Math.ceil(i.bytes / tcpIp.mssBytes)) }));
  return total(items, tcpIp);
}

/** Everything the widget shows for one reading. */
export interface WireComparison {
  connect: WireCost;
  qos0: WireCost;
  qos1: WireCost;
  qos2: WireCost;
  http: HttpCost;
  /** HTTP bytes per reading / MQTT QoS 1 bytes per reading. */
  httpToQos1: number;
  /** Readings after which the one-time CONNECT/CONNACK is paid back against HTTP at QoS 1. */
  readingsToPayBackConnect: number;
}

/** Compare one reading over MQTT and over HTTP. */
export function compareReading(reading: Reading, options: HttpOptions = {}): WireComparison {
  const tcpIp = options.tcpIp;
  const connect = mqttConnectCost(reading, tcpIp);
  const qos0 = mqttReadingCost(reading, 0, tcpIp);
  const qos1 = mqttReadingCost(reading, 1, tcpIp);
  const qos2 = mqttReadingCost(reading, 2, tcpIp);
  const http = httpReadingCost(reading, options);
  const saved = http.bytesWithTcpIp - qos1.bytesWithTcpIp;
  return {
    connect,
    qos0,
    qos1,
    qos2,
    http,
    httpToQos1: http.bytesWithTcpIp / qos1.bytesWithTcpIp,
    readingsToPayBackConnect: saved > 0 ? Math.ceil(connect.bytesWithTcpIp / saved) : Infinity,
  };
}

/** The largest payload the interactive figure offers: 256 KiB. */
export const MAX_PAYLOAD_BYTES = 262_144;

/**
 * A press's log as CSV (one line a minute: time, temperature, pressure, state), cut to exactly
 * `bytes` bytes: the payload the interactive figure grows. Plain ASCII, so bytes = characters;
 * repetitive like real logs, so gzip has something to find.
 */
export function sampleLog(bytes: number): string {
  const want = Math.max(0, Math.min(MAX_PAYLOAD_BYTES, Math.floor(bytes)));
  const parts = ['time,temp,pressure,state'];
  let length = parts[0]!.length;
  for (let i = 0; length < want; i++) {
    const day = String(6 + Math.floor(i / 1440)).padStart(2, '0');
    const h = String(Math.floor((i % 1440) / 60)).padStart(2, '0');
    const m = String(i % 60).padStart(2, '0');
    const line = `\n2025-10-${day}T${h}:${m}:00Z,${(21 + (i % 7) * 0.1).toFixed(1)},${(4.2 + (i % 3) * 0.1).toFixed(1)},running`;
    parts.push(line);
    length += line.length;
  }
  return parts.join('').slice(0, want);
}

/** One setting of the interactive figure. */
export interface WireSetting {
  topic: string;
  payload: Uint8Array | string;
  qos: QoS;
  version?: ProtocolVersion;
  /** Compress the HTTP body (MQTT has no standard compression). */
  compress?: (body: Uint8Array) => Uint8Array;
  /** Count IPv4/TCP headers too (MQTT and HTTP split into segments of at most the MSS). */
  tcpIp?: TcpIpOptions;
}

/** MQTT and HTTP for one setting; `mqttBytes`/`httpBytes` are the totals that are compared. */
export interface WireVerdict {
  mqtt: WireCost;
  http: HttpCost;
  mqttBytes: number;
  httpBytes: number;
}

/** Cost one message over MQTT at the setting's QoS and over HTTP/1.1, from the real encodings. */
export function compareSetting(setting: WireSetting): WireVerdict {
  const reading: Reading = { topic: setting.topic, payload: setting.payload, clientId: 'sensor', version: setting.version ?? 4 };
  const mqtt = setting.tcpIp ? mqttLargePayloadCost(reading, setting.qos, setting.tcpIp) : mqttReadingCost(reading, setting.qos);
  const http = httpReadingCost(reading, { compress: setting.compress, tcpIp: setting.tcpIp });
  return {
    mqtt,
    http,
    mqttBytes: setting.tcpIp ? mqtt.bytesWithTcpIp : mqtt.bytes,
    httpBytes: setting.tcpIp ? http.bytesWithTcpIp : http.bytes,
  };
}

/**
 * The crossover: the smallest size of the sample log (`sampleLog`) from which HTTP costs fewer
 * bytes than MQTT for this setting, or undefined when HTTP never wins up to `maxBytes`.
 * Doubling until HTTP wins, then halving the gap; gzip's gain grows with the size, so the
 * comparison flips once (tests check the neighbours of the answer).
 */
export function httpWinsFrom(setting: Omit<WireSetting, 'payload'>, maxBytes = MAX_PAYLOAD_BYTES): number | undefined {
  const wins = (bytes: number): boolean => {
    const v = compareSetting({ ...setting, payload: sampleLog(bytes) });
    return v.httpBytes < v.mqttBytes;
  };
  let lo = 0;
  let hi = 1;
  while (!wins(hi)) {
    if (hi >= maxBytes) return undefined;
    lo = hi;
    hi = Math.min(maxBytes, hi * 2);
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wins(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
