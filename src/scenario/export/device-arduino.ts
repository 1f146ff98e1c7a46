/**
 * A scenario client as an Arduino sketch for ESP32 / ESP8266 with PubSubClient, the MQTT
 * library of most classroom microcontroller projects. PubSubClient speaks MQTT 3.1.1 only,
 * publishes with QoS 0 only and subscribes with QoS 0 or 1: everything beyond that is named in a
 * comment at its place. Timed steps run from `loop()` against `millis()` since the start.
 */
import type { ConnectOptions } from '../ast.ts';
import { connectExtras, propertyNames, subscriptionExtras, type Generator, type GeneratorInput } from './device-helpers.ts';

/** A C string literal: printable ASCII as is, everything else as octal escapes (safe before any digit). */
export function cString(bytes: Uint8Array | string): string {
  const b = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  let out = '"';
  for (const c of b) {
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x3f) out += '\\?'; // no trigraphs, whatever the compiler
    else if (c >= 0x20 && c < 0x7f) out += String.fromCharCode(c);
    else out += `\\${c.toString(8).padStart(3, '0')}`;
  }
  return `${out}"`;
}

function connectCall(o: ConnectOptions, say: GeneratorInput['unsupported']): string[] {
  const out: string[] = [];
  if (o.protocolVersion === 5) out.push(`  // ${say('MQTT 5.0 (PubSubClient speaks 3.1.1; the sketch connects with 3.1.1)')}`);
  for (const e of connectExtras(o)) out.push(`  // ${say(`connect option ${e} (MQTT 5.0)`)}`);
  if (o.will?.properties && propertyNames(o.will.properties).length > 0) out.push(`  // ${say(`will properties ${propertyNames(o.will.properties).join(', ')} (MQTT 5.0)`)}`);
  if (o.password !== undefined && o.username === undefined) out.push(`  // ${say('a password without a user name')}`);
  if (o.will && o.will.payload.includes(0)) out.push(`  // ${say('a will payload with a zero byte (PubSubClient takes the will as a C string)')}`);
  out.push(`  mqtt.setKeepAlive(${o.keepAliveSec});`);
  const user = o.username !== undefined ? cString(o.username) : 'nullptr';
  const pass = o.password !== undefined && o.username !== undefined ? cString(o.password) : 'nullptr';
  const will = o.will ? `${cString(o.will.topic)}, ${o.will.qos}, ${o.will.retain}, ${cString(o.will.payload)}` : 'nullptr, 0, false, nullptr';
  out.push(`  if (!mqtt.connect(${cString(o.clientId)}, ${user}, ${pass}, ${will}, ${o.clean})) {`);
  out.push('    Serial.printf("connect failed, state %d\\n", mqtt.state());');
  out.push('  }');
  return out;
}

export const ARDUINO_TARGET: Generator = {
  extension: '.ino',
  generate({ client, steps, host, port, unsupported }) {
    const cases: string[] = [];
    let largest = 0;
    steps.forEach(({ atMs, action: a }, i) => {
      const body: string[] = [];
      switch (a.kind) {
        case 'connect':
          body.push(...connectCall(a.options, unsupported));
          break;
        case 'publish':
          if (a.qos > 0) body.push(`  // ${unsupported(`QoS ${a.qos} for ${a.topic} (PubSubClient publishes with QoS 0 only)`)}`);
          if (propertyNames(a.properties).length > 0) body.push(`  // ${unsupported(`publish properties ${propertyNames(a.properties).join(', ')} (MQTT 5.0)`)}`);
          largest = Math.max(largest, a.payload.length + new TextEncoder().encode(a.topic).length);
          body.push(`  mqtt.publish(${cString(a.topic)}, (const uint8_t*)${cString(a.payload)}, ${a.payload.length}, ${a.retain});`);
          break;
        case 'subscribe':
          for (const s of a.subscriptions) {
            if (s.qos === 2) body.push(`  // ${unsupported(`QoS 2 for ${s.topicFilter} (PubSubClient subscribes with QoS 0 or 1; asking for 1)`)}`);
            for (const e of subscriptionExtras(s)) body.push(`  // ${unsupported(`subscription option ${e} for ${s.topicFilter} (MQTT 5.0)`)}`);
            body.push(`  mqtt.subscribe(${cString(s.topicFilter)}, ${Math.min(s.qos, 1)});`);
          }
          break;
        case 'unsubscribe':
          for (const f of a.topicFilters) body.push(`  mqtt.unsubscribe(${cString(f)});`);
          break;
        case 'disconnect':
          if (a.reasonCode !== undefined && a.reasonCode !== 0) body.push(`  // ${unsupported(`DISCONNECT reason code ${a.reasonCode} (MQTT 5.0)`)}`);
          body.push('  mqtt.disconnect();');
          break;
        case 'crash':
          body.push('  // The device dies: no DISCONNECT, so the broker publishes the will.', '  net.stop();');
          break;
        case 'cable-cut':
          body.push(`  // ${unsupported(`cable-cut at ${atMs} ms: pull the cable or switch the access point off by hand; the sketch closes its socket instead`)}`, '  net.stop();');
          break;
        case 'cable-restore':
        case 'link':
          body.push(`  // ${unsupported(`${a.kind} at ${atMs} ms`)}`);
          break;
        case 'raw':
          body.push(`  // ${unsupported(`a packet sent on purpose (${a.verb}) at ${atMs} ms: a client library keeps the rules`)}`);
          break;
      }
      cases.push(`    case ${i}:  // at ${atMs} ms`, ...body.map((l) => `    ${l}`), "      break;");
    });
    const times = steps.map((s) => s.atMs);
    return [
      `// MQTT Lab: the scenario client "${client.replace(/[\r\n]/g, ' ')}" as an Arduino sketch (ESP32 / ESP8266, PubSubClient).`,
      '// Install the library "PubSubClient" (Nick O\'Leary) in the Arduino IDE, fill in your Wi-Fi and broker, upload.',
      '#if defined(ESP8266)',
      '#include <ESP8266WiFi.h>',
      '#else',
      '#include <WiFi.h>',
      '#endif',
      '#include <PubSubClient.h>',
      '',
      'const char* WIFI_SSID = "your-wifi";',
      'const char* WIFI_PASSWORD = "your-wifi-password";',
      `const char* MQTT_HOST = ${cString(host)};  // the broker's address on your network`,
      `const uint16_t MQTT_PORT = ${port};`,
      '',
      'WiFiClient net;',
      'PubSubClient mqtt(net);',
      `const unsigned long STEP_AT_MS[] = {${times.join(', ')}};`,
      `const int STEPS = ${steps.length};`,
      'int nextStep = 0;',
      'unsigned long startedAt = 0;',
      '',
      'void onMessage(char* topic, byte* payload, unsigned int length) {',
      '  Serial.print(topic);',
      '  Serial.print(" ");',
      '  Serial.write(payload, length);',
      '  Serial.println();',
      '}',
      '',
      'void runStep(int step) {',
      '  switch (step) {',
      ...cases,
      '  }',
      '}',
      '',
      'void setup() {',
      '  Serial.begin(115200);',
      '  WiFi.begin(WIFI_SSID, WIFI_PASSWORD);',
      '  while (WiFi.status() != WL_CONNECTED) delay(250);',
      '  mqtt.setServer(MQTT_HOST, MQTT_PORT);',
      '  mqtt.setCallback(onMessage);',
      ...(largest + 32 > 256 ? [`  mqtt.setBufferSize(${largest + 64});  // the default 256 bytes are too small for the largest message`] : []),
      '  startedAt = millis();',
      '}',
      '',
      'void loop() {',
      '  mqtt.loop();  // reads incoming packets and sends PINGREQ when keep-alive is due',
      '  while (nextStep < STEPS && millis() - startedAt >= STEP_AT_MS[nextStep]) runStep(nextStep++);',
      '}',
      '',
    ].join('\n');
  },
};
