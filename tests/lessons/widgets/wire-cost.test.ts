import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  HTTP_RESPONSE, MAX_PAYLOAD_BYTES, TCP_IPV4, compareReading, compareSetting, httpReadingCost, httpRequestHead, httpWinsFrom,
  mqttConnectCost, mqttLargePayloadCost, mqttReadingCost, sampleLog, type Reading,
} from '../../../src/lessons/widgets/wire-cost.ts';

/** topic 17 bytes, payload 4 bytes, client id 11 bytes */
const READING: Reading = { topic: 'hall1/press3/temp', payload: '21.5', clientId: 'press3-temp' };

describe('MQTT 3.1.1, counted by hand from the packet layouts', () => {
  it('QoS 0: PUBLISH = 1 + 1 + (2 + 17) + 4 = 25 bytes, nothing else', () => {
    const c = mqttReadingCost(READING, 0);
    expect(c.items.map((i) => [i.name, i.bytes])).toEqual([['PUBLISH', 25]]);
    expect(c.bytes).toBe(25);
  });

  it('QoS 1: PUBLISH 27 (+2 packet id) and PUBACK 4 = 31 bytes', () => {
    const c = mqttReadingCost(READING, 1);
    expect(c.items.map((i) => [i.name, i.bytes])).toEqual([['PUBLISH', 27], ['PUBACK', 4]]);
    expect(c.bytes).toBe(31);
  });

  it('QoS 2: PUBLISH 27, PUBREC, PUBREL, PUBCOMP 4 each = 39 bytes', () => {
    const c = mqttReadingCost(READING, 2);
    expect(c.items.map((i) => [i.name, i.direction, i.bytes])).toEqual([
      ['PUBLISH', 'sensor->server', 27],
      ['PUBREC', 'server->sensor', 4],
      ['PUBREL', 'sensor->server', 4],
      ['PUBCOMP', 'server->sensor', 4],
    ]);
    expect(c.bytes).toBe(39);
  });

  it('once per connection: CONNECT 2 + 10 + (2 + 11) = 25 and CONNACK 4', () => {
    const c = mqttConnectCost(READING);
    expect(c.items.map((i) => [i.name, i.bytes])).toEqual([['CONNECT', 25], ['CONNACK', 4]]);
  });

  it('MQTT 5.0 adds a property length byte to PUBLISH, CONNECT and CONNACK; a short PUBACK stays 4', () => {
    const v5 = { ...READING, version: 5 as const };
    expect(mqttReadingCost(v5, 1).items.map((i) => i.bytes)).toEqual([28, 4]);
    expect(mqttConnectCost(v5).items.map((i) => i.bytes)).toEqual([26, 5]);
  });
});

describe('HTTP/1.1, counted from the texts', () => {
  it('the request head is 176 bytes, line by line', () => {
    const head = httpRequestHead(READING, 4);
    const lines = head.split('\r\n');
    expect(lines[0]).toBe('POST /api/hall1/press3/temp HTTP/1.1');
    // 38 + 27 + 27 + 13 + 26 + 19 + 24 + 2 (each line with its CRLF, then the empty line)
    expect(head.length).toBe(176);
    expect(head).toContain('\r\nContent-Length: 4\r\n');
  });

  it('the 204 response is 103 bytes', () => {
    expect(new TextEncoder().encode(HTTP_RESPONSE).length).toBe(103);
  });

  it('one reading: POST 180 + response 103 = 283 bytes, the body is the same 4 bytes as in MQTT', () => {
    const h = httpReadingCost(READING);
    expect(h.items.map((i) => [i.name, i.bytes])).toEqual([['POST', 180], ['HTTP 204', 103]]);
    expect(h.bytes).toBe(283);
    expect(h.bodyBytes).toBe(4);
    expect(h.requestText.endsWith('\r\n\r\n21.5')).toBe(true);
  });

  it('counts UTF-8 bytes, not characters', () => {
    const h = httpReadingCost({ ...READING, payload: '21,5 °C' });
    expect(h.bodyBytes).toBe(8);
    expect(h.requestText).toContain('Content-Length: 8');
  });
});

describe('the comparison', () => {
  it('HTTP costs about 9 times a QoS 1 reading; the CONNECT is paid back by the first reading', () => {
    const c = compareReading(READING);
    expect(c.http.bytes / c.qos1.bytes).toBeCloseTo(283 / 31, 5);
    expect(c.httpToQos1).toBeGreaterThan(9);
    expect(c.readingsToPayBackConnect).toBe(1);
  });

  it('with IPv4/TCP headers (40 bytes a segment) the gap shrinks but stays: 111 against 363 bytes', () => {
    const c = compareReading(READING, { tcpIp: TCP_IPV4 });
    expect(c.qos0.bytesWithTcpIp).toBe(25 + 40);
    expect(c.qos1.bytesWithTcpIp).toBe(31 + 80);
    expect(c.qos2.bytesWithTcpIp).toBe(39 + 160);
    expect(c.http.bytesWithTcpIp).toBe(283 + 80);
  });
});

describe('large payloads: where HTTP with compression wins', () => {
  /** A day of one-minute readings as CSV: repetitive text that gzip shrinks a lot. */
  const csv = ['time,temp,pressure,state', ...Array.from({ length: 1440 }, (_, i) => {
    const h = String(Math.floor(i / 60)).padStart(2, '0');
    const m = String(i % 60).padStart(2, '0');
    return `2025-10-06T${h}:${m}:00Z,${(21 + (i % 7) * 0.1).toFixed(1)},${(4.2 + (i % 3) * 0.1).toFixed(1)},running`;
  })].join('\n');
  const log: Reading = { topic: 'hall1/press3/log', payload: csv, clientId: 'press3' };

  it('gzip makes the HTTP request smaller than the uncompressed MQTT PUBLISH', () => {
    const mqtt = mqttLargePayloadCost(log, 1);
    const http = httpReadingCost(log, { compress: (b) => gzipSync(b), tcpIp: TCP_IPV4 });
    expect(http.requestText).toContain('Content-Encoding: gzip');
    expect(http.bodyBytes).toBeLessThan(new TextEncoder().encode(csv).length / 5);
    expect(http.bytesWithTcpIp).toBeLessThan(mqtt.bytesWithTcpIp);
    // the big PUBLISH needs many segments
    expect(mqtt.items[0]!.segments).toBe(Math.ceil(mqtt.items[0]!.bytes / 1460));
  });

  it('without compression HTTP stays a little more expensive than MQTT even for large payloads', () => {
    const mqtt = mqttLargePayloadCost(log, 1);
    const http = httpReadingCost(log, { tcpIp: TCP_IPV4 });
    expect(http.bytesWithTcpIp).toBeGreaterThan(mqtt.bytesWithTcpIp);
    expect(http.bytesWithTcpIp - mqtt.bytesWithTcpIp).toBeLessThan(400);
  });
});

describe('the interactive figure: any setting, and the crossover', () => {
  const gzip = (b: Uint8Array) => gzipSync(b, { mtime: 0 });
  const topic = 'hall1/press3/temp';

  it('sampleLog is a CSV log of exactly the asked size, capped at 256 KiB', () => {
    for (const n of [0, 1, 24, 25, 1000, 54_321]) expect(sampleLog(n)).toHaveLength(n);
    expect(sampleLog(62)).toBe('time,temp,pressure,state\n2025-10-06T00:00:00Z,21.0,4.2,running');
    expect(sampleLog(10 * MAX_PAYLOAD_BYTES)).toHaveLength(MAX_PAYLOAD_BYTES);
    expect(sampleLog(MAX_PAYLOAD_BYTES).split('\n').length).toBeGreaterThan(1440 * 4);
  });

  it('compareSetting counts the same bytes as the building blocks', () => {
    const v = compareSetting({ topic, payload: '21.5', qos: 1 });
    expect([v.mqttBytes, v.httpBytes]).toEqual([31, 283]);
    const withTcp = compareSetting({ topic, payload: '21.5', qos: 2, tcpIp: TCP_IPV4 });
    expect([withTcp.mqttBytes, withTcp.httpBytes]).toEqual([39 + 160, 283 + 80]);
    // a big payload: MQTT's one PUBLISH is split into segments like HTTP's request
    const big = compareSetting({ topic, payload: sampleLog(10_000), qos: 0, tcpIp: TCP_IPV4 });
    expect(big.mqtt.items[0]!.segments).toBe(Math.ceil(big.mqtt.items[0]!.bytes / 1460));
    // gzip only changes the HTTP side
    const gz = compareSetting({ topic, payload: sampleLog(10_000), qos: 0, compress: gzip });
    expect(gz.mqttBytes).toBe(compareSetting({ topic, payload: sampleLog(10_000), qos: 0 }).mqttBytes);
    expect(gz.http.requestText).toContain('Content-Encoding: gzip');
  });

  it.each([
    [0, false], [1, false], [2, false], [0, true], [1, true], [2, true],
  ] as const)('with gzip, HTTP wins from the crossover on (QoS %i, TCP/IP %s): a few hundred bytes, and it stays ahead', (qos, tcp) => {
    const setting = { topic, qos, compress: gzip, tcpIp: tcp ? TCP_IPV4 : undefined };
    const from = httpWinsFrom(setting);
    expect(from).toBeGreaterThan(100);
    expect(from).toBeLessThan(1000);
    const at = (n: number) => compareSetting({ ...setting, payload: sampleLog(n) });
    expect(at(from! - 1).httpBytes).toBeGreaterThanOrEqual(at(from! - 1).mqttBytes);
    for (const n of [from!, from! + 1, from! + 100, 2 * from!, 10_000, 100_000]) expect(at(n).httpBytes, `${n} bytes`).toBeLessThan(at(n).mqttBytes);
  });

  it('without gzip HTTP never wins (checked up to 16 KiB)', () => {
    expect(httpWinsFrom({ topic, qos: 0 }, 16_384)).toBeUndefined();
    expect(httpWinsFrom({ topic, qos: 2, tcpIp: TCP_IPV4 }, 16_384)).toBeUndefined();
  });
});
