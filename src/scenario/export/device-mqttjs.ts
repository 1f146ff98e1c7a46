/**
 * A scenario client as an mqtt.js program (Node, ES module). The steps run in order, each one
 * not before its scenario time counted from the program's start, and each awaited (a connect
 * until its CONNACK, a QoS 1 or 2 publish until its handshake ends), so a slow network or
 * machine delays later steps instead of reordering them. Each `connect` step opens a new
 * connection, as in the scenario.
 */
import type { Properties } from '../../core/codec/types.ts';
import type { ConnectOptions } from '../ast.ts';
import { hex, payloadText, userPropertyObject, type Generator, type GeneratorInput } from './device-helpers.ts';
import type { DeviceNotes } from './device-notes.ts';

const js = (v: unknown): string => JSON.stringify(v);

/** Bytes as a JS expression: a string when it is UTF-8 text, else Buffer.from(hex). */
function bytesExpr(bytes: Uint8Array): string {
  const text = payloadText(bytes);
  return text !== undefined ? js(text) : `Buffer.from(${js(hex(bytes))}, 'hex')`;
}

/** mqtt.js's names for the 5.0 properties of PUBLISH, SUBSCRIBE, CONNECT and the will. */
function propertiesExpr(p: Properties | undefined, say: GeneratorInput['unsupported'], n: DeviceNotes): string | undefined {
  if (!p) return undefined;
  const out: string[] = [];
  const add = (name: string, v: unknown): void => void (v !== undefined && out.push(`${name}: ${typeof v === 'string' ? v : js(v)}`));
  add('payloadFormatIndicator', p.payloadFormatIndicator === undefined ? undefined : p.payloadFormatIndicator === 1);
  add('messageExpiryInterval', p.messageExpiryIntervalSec);
  add('contentType', p.contentType);
  add('responseTopic', p.responseTopic);
  if (p.correlationData) out.push(`correlationData: Buffer.from(${js(hex(p.correlationData))}, 'hex')`);
  add('topicAlias', p.topicAlias);
  add('willDelayInterval', p.willDelayIntervalSec);
  add('subscriptionIdentifier', p.subscriptionIdentifiers?.[0]);
  if (p.userProperties && p.userProperties.length > 0) {
    const obj = userPropertyObject(p.userProperties);
    if (Object.values(obj).some(Array.isArray) && new Set(p.userProperties.map(([k]) => k)).size < p.userProperties.length) {
      out.push(`/* ${say(n.jsRepeatedUserProperties)} */`);
    }
    out.push(`userProperties: ${js(obj)}`);
  }
  return out.length > 0 ? `{ ${out.join(', ')} }` : undefined;
}

function connectExpr(o: ConnectOptions, say: GeneratorInput['unsupported'], n: DeviceNotes): string {
  // mqtt.js throws "Missing clientId for unclean clients" for an empty id with clean false.
  const cleanOnly = o.clientId === '' && !o.clean;
  const lines = [
    `${cleanOnly ? `// ${say(n.libEmptyIdKeepSession('mqtt.js'))}\n  ` : ''}clientId: ${js(o.clientId)}`,
    `protocolVersion: ${o.protocolVersion}`,
    `clean: ${o.clean || cleanOnly}`,
    `keepalive: ${o.keepAliveSec}`,
    'reconnectPeriod: 0',
  ];
  if (o.username !== undefined) lines.push(`username: ${js(o.username)}`);
  if (o.password !== undefined) lines.push(`password: ${bytesExpr(o.password)}`);
  if (o.will) {
    const props = propertiesExpr(o.will.properties, say, n);
    lines.push(`will: { topic: ${js(o.will.topic)}, payload: ${bytesExpr(o.will.payload)}, qos: ${o.will.qos}, retain: ${o.will.retain}${props ? `, properties: ${props}` : ''} }`);
  }
  const props: string[] = [];
  if (o.sessionExpiryIntervalSec !== undefined) props.push(`sessionExpiryInterval: ${o.sessionExpiryIntervalSec}`);
  if (o.receiveMaximum !== undefined) props.push(`receiveMaximum: ${o.receiveMaximum}`);
  if (o.topicAliasMaximum !== undefined) props.push(`topicAliasMaximum: ${o.topicAliasMaximum}`);
  if (o.maximumPacketSize !== undefined) props.push(`maximumPacketSize: ${o.maximumPacketSize}`);
  if (o.userProperties && o.userProperties.length > 0) props.push(`userProperties: ${js(userPropertyObject(o.userProperties))}`);
  if (props.length > 0) lines.push(`properties: { ${props.join(', ')} }`);
  return `{\n  ${lines.join(',\n  ')},\n}`;
}

export const MQTTJS_TARGET: Generator = {
  extension: '.mjs',
  generate({ client, steps, host, port, notes: n, unsupported }) {
    const body: string[] = [];
    for (const { atMs, action: a } of steps) {
      const at = (code: string): void => void body.push(`\nawait until(${atMs});\n${code}`);
      switch (a.kind) {
        case 'connect':
          at(`// ${n.jsReconnect}\nclient = await connect(${connectExpr(a.options, unsupported, n)});`);
          break;
        case 'publish': {
          const props = propertiesExpr(a.properties, unsupported, n);
          at(`await client.publishAsync(${js(a.topic)}, ${bytesExpr(a.payload)}, { qos: ${a.qos}, retain: ${a.retain}${props ? `, properties: ${props}` : ''} }).catch(report);`);
          break;
        }
        case 'subscribe': {
          const subs = a.subscriptions.map((s) => {
            const opts = [`qos: ${s.qos}`];
            if (s.noLocal) opts.push('nl: true');
            if (s.retainAsPublished) opts.push('rap: true');
            if (s.retainHandling !== undefined) opts.push(`rh: ${s.retainHandling}`);
            return `${js(s.topicFilter)}: { ${opts.join(', ')} }`;
          });
          const props = propertiesExpr(a.properties, unsupported, n);
          at(`await client.subscribeAsync({ ${subs.join(', ')} }${props ? `, { properties: ${props} }` : ''}).catch(report);`);
          break;
        }
        case 'unsubscribe':
          at(`await client.unsubscribeAsync(${js(a.topicFilters)}).catch(report);`);
          break;
        case 'disconnect': {
          const opts: string[] = [];
          if (a.reasonCode !== undefined) opts.push(`reasonCode: ${a.reasonCode}`);
          const props = propertiesExpr(a.properties, unsupported, n);
          if (props) opts.push(`properties: ${props}`);
          at(opts.length > 0 ? `await client.endAsync(false, { ${opts.join(', ')} });` : 'await client.endAsync();');
          break;
        }
        case 'crash':
          at(`// ${n.processDies}\nclient.stream.destroy();`);
          break;
        case 'cable-cut':
          at(`// ${unsupported(n.cableCutProgram(atMs))}\nclient.stream.destroy();`);
          break;
        case 'cable-restore':
          body.push(`// ${unsupported(n.verbAt('cable-restore', atMs))}`);
          break;
        case 'link':
          body.push(`// ${unsupported(n.linkSettings(atMs))}`);
          break;
        case 'raw':
          body.push(`// ${unsupported(n.rawPacket(a.verb, atMs, n.clientLibrary))}`);
          break;
      }
    }
    return [
      `// ${n.header(client.replace(/[\r\n]/g, ' '), n.kindJs)}`,
      `// ${n.runIt} npm install mqtt && node this-file.mjs [mqtt://HOST:PORT]`,
      "import mqtt from 'mqtt';",
      '',
      `const url = process.argv[2] ?? ${js(`mqtt://${host}:${port}`)};`,
      `// ${n.sharedStart}`,
      'const started = Number(process.env.MQTT_LAB_START ?? Date.now());',
      `/** ${n.jsUntil} */`,
      'const until = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, started + ms - Date.now())));',
      `/** ${n.jsReport} */`,
      'const report = (err) => console.error(err.message);',
      `/** ${n.jsShow} */`,
      'const show = (topic, payload) => console.log(topic, payload.toString());',
      '/**',
      ...n.jsConnect.map((line) => ` * ${line}`),
      ' */',
      'const connect = (options) =>',
      '  new Promise((resolve, reject) => {',
      '    const c = mqtt.connect(url, options);',
      "    c.on('message', show);",
      "    c.once('connect', () => resolve(c));",
      "    c.once('error', (err) => (c.end(true), reject(err)));",
      '  });',
      'let client;',
      '',
      ...body,
      '',
    ].join('\n');
  },
};
