/**
 * A scenario client as an Arduino sketch for ESP32 / ESP8266 with PubSubClient, the MQTT
 * library of most classroom microcontroller projects. PubSubClient speaks MQTT 3.1.1 only,
 * publishes with QoS 0 only and subscribes with QoS 0 or 1: everything beyond that is named in a
 * comment at its place. Timed steps run from `loop()` against `millis()` since the start.
 */
import type { ConnectOptions } from '../ast.ts';
import { connectExtras, propertyNames, subscriptionExtras, type Generator, type GeneratorInput } from './device-helpers.ts';
import type { DeviceNotes } from './device-notes.ts';

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

function connectCall(o: ConnectOptions, say: GeneratorInput['unsupported'], n: DeviceNotes): string[] {
  const out: string[] = [];
  if (o.protocolVersion === 5) out.push(`  // ${say(n.inoMqtt5)}`);
  for (const e of connectExtras(o)) out.push(`  // ${say(`${n.connectOption(e)} (MQTT 5.0)`)}`);
  if (o.will?.properties && propertyNames(o.will.properties).length > 0) out.push(`  // ${say(`${n.willProperties(propertyNames(o.will.properties).join(', '))} (MQTT 5.0)`)}`);
  if (o.password !== undefined && o.username === undefined) out.push(`  // ${say(n.passwordWithoutUser)}`);
  if (o.will && o.will.payload.includes(0)) out.push(`  // ${say(n.inoWillZeroByte)}`);
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
  generate({ client, steps, host, port, notes: n, unsupported }) {
    const cases: string[] = [];
    let largest = 0;
    steps.forEach(({ atMs, action: a }, i) => {
      const body: string[] = [];
      switch (a.kind) {
        case 'connect':
          body.push(...connectCall(a.options, unsupported, n));
          break;
        case 'publish':
          if (a.qos > 0) body.push(`  // ${unsupported(n.inoQos(a.qos, a.topic))}`);
          if (propertyNames(a.properties).length > 0) body.push(`  // ${unsupported(`${n.publishProperties(propertyNames(a.properties).join(', '))} (MQTT 5.0)`)}`);
          largest = Math.max(largest, a.payload.length + new TextEncoder().encode(a.topic).length);
          body.push(`  mqtt.publish(${cString(a.topic)}, (const uint8_t*)${cString(a.payload)}, ${a.payload.length}, ${a.retain});`);
          break;
        case 'subscribe':
          for (const s of a.subscriptions) {
            if (s.qos === 2) body.push(`  // ${unsupported(n.inoQos2(s.topicFilter))}`);
            for (const e of subscriptionExtras(s)) body.push(`  // ${unsupported(`${n.subscriptionOption(e, s.topicFilter)} (MQTT 5.0)`)}`);
            body.push(`  mqtt.subscribe(${cString(s.topicFilter)}, ${Math.min(s.qos, 1)});`);
          }
          break;
        case 'unsubscribe':
          for (const f of a.topicFilters) body.push(`  mqtt.unsubscribe(${cString(f)});`);
          break;
        case 'disconnect':
          if (a.reasonCode !== undefined && a.reasonCode !== 0) body.push(`  // ${unsupported(n.inoDisconnectReason(a.reasonCode))}`);
          body.push('  mqtt.disconnect();');
          break;
        case 'crash':
          body.push(`  // ${n.deviceDies}`, '  net.stop();');
          break;
        case 'cable-cut':
          body.push(`  // ${unsupported(n.cableCutArduino(atMs))}`, '  net.stop();');
          break;
        case 'cable-restore':
        case 'link':
          body.push(`  // ${unsupported(n.verbAt(a.kind, atMs))}`);
          break;
        case 'raw':
          body.push(`  // ${unsupported(n.rawPacket(a.verb, atMs, n.clientLibrary))}`);
          break;
      }
      cases.push(`    case ${i}:  // ${n.inoStepAt(atMs)}`, ...body.map((l) => `    ${l}`), "      break;");
    });
    const times = steps.map((s) => s.atMs);
    return [
      `// ${n.header(client.replace(/[\r\n]/g, ' '), n.kindIno)}`,
      `// ${n.installArduino}`,
      '#if defined(ESP8266)',
      '#include <ESP8266WiFi.h>',
      '#else',
      '#include <WiFi.h>',
      '#endif',
      '#include <PubSubClient.h>',
      '',
      'const char* WIFI_SSID = "your-wifi";',
      'const char* WIFI_PASSWORD = "your-wifi-password";',
      `const char* MQTT_HOST = ${cString(host)};  // ${n.inoBrokerAddress}`,
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
      ...(largest + 32 > 256 ? [`  mqtt.setBufferSize(${largest + 64});  // ${n.inoBufferSize}`] : []),
      '  startedAt = millis();',
      '}',
      '',
      'void loop() {',
      `  mqtt.loop();  // ${n.inoLoop}`,
      '  while (nextStep < STEPS && millis() - startedAt >= STEP_AT_MS[nextStep]) runStep(nextStep++);',
      '}',
      '',
    ].join('\n');
  },
};
