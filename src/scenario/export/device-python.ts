/**
 * A scenario client as a Python program with paho-mqtt 1.6 (Debian's python3-paho-mqtt), the
 * library most classroom devices with Python (a Raspberry Pi) use. Times are kept against
 * the wall clock from the program's start (or from MQTT_LAB_START, shared by several programs); the network loop runs in paho's thread.
 */
import type { Properties } from '../../core/codec/types.ts';
import type { ConnectOptions } from '../ast.ts';
import { hex, payloadText, type Generator, type GeneratorInput } from './device-helpers.ts';
import type { DeviceNotes } from './device-notes.ts';

/** A Python literal for a string: JSON's escapes are valid in Python string literals. */
const py = (s: string): string => JSON.stringify(s);
const pyBool = (b: boolean): string => (b ? 'True' : 'False');

function bytesExpr(bytes: Uint8Array): string {
  const text = payloadText(bytes);
  return text !== undefined ? `${py(text)}.encode()` : `bytes.fromhex(${py(hex(bytes))})`;
}

/** `Properties(PacketTypes.X)` with paho's attribute names; undefined when there are none. */
function propertiesBlock(name: string, packetType: string, p: Properties | undefined): string[] {
  if (!p) return [];
  const sets: string[] = [];
  const set = (attr: string, v: string | undefined): void => void (v !== undefined && sets.push(`${name}.${attr} = ${v}`));
  set('PayloadFormatIndicator', p.payloadFormatIndicator?.toString());
  set('MessageExpiryInterval', p.messageExpiryIntervalSec?.toString());
  set('ContentType', p.contentType === undefined ? undefined : py(p.contentType));
  set('ResponseTopic', p.responseTopic === undefined ? undefined : py(p.responseTopic));
  set('CorrelationData', p.correlationData === undefined ? undefined : `bytes.fromhex(${py(hex(p.correlationData))})`);
  set('TopicAlias', p.topicAlias?.toString());
  set('WillDelayInterval', p.willDelayIntervalSec?.toString());
  set('SubscriptionIdentifier', p.subscriptionIdentifiers?.[0]?.toString());
  set('SessionExpiryInterval', p.sessionExpiryIntervalSec?.toString());
  set('ReceiveMaximum', p.receiveMaximum?.toString());
  set('TopicAliasMaximum', p.topicAliasMaximum?.toString());
  set('MaximumPacketSize', p.maximumPacketSize?.toString());
  if (p.userProperties && p.userProperties.length > 0) set('UserProperty', `[${p.userProperties.map(([k, v]) => `(${py(k)}, ${py(v)})`).join(', ')}]`);
  if (sets.length === 0) return [];
  return [`${name} = Properties(PacketTypes.${packetType})`, ...sets];
}

function connectLines(o: ConnectOptions, say: GeneratorInput['unsupported'], n: DeviceNotes): string[] {
  const v5 = o.protocolVersion === 5;
  // paho-mqtt 1.6 raises "A client id must be provided if clean session is False" (3.1.1).
  const cleanOnly = !v5 && o.clientId === '' && !o.clean;
  const lines = [
    ...(cleanOnly ? [`# ${say(n.libEmptyIdKeepSession('paho-mqtt'))}`] : []),
    v5
      ? `client = mqtt.Client(client_id=${py(o.clientId)}, protocol=mqtt.MQTTv5)`
      : `client = mqtt.Client(client_id=${py(o.clientId)}, clean_session=${pyBool(o.clean || cleanOnly)}, protocol=mqtt.MQTTv311)`,
    'client.on_message = on_message',
  ];
  if (o.username !== undefined) {
    const pw = o.password === undefined ? 'None' : payloadText(o.password) !== undefined ? py(payloadText(o.password)!) : `bytes.fromhex(${py(hex(o.password))})`;
    lines.push(`client.username_pw_set(${py(o.username)}, ${pw})`);
  } else if (o.password !== undefined) {
    lines.push(`# ${say(n.pyPasswordWithoutUser)}`);
  }
  if (o.will) {
    const props = propertiesBlock('will_props', 'WILLMESSAGE', o.will.properties);
    lines.push(...props);
    lines.push(`client.will_set(${py(o.will.topic)}, ${bytesExpr(o.will.payload)}, qos=${o.will.qos}, retain=${pyBool(o.will.retain)}${props.length ? ', properties=will_props' : ''})`);
  }
  if (v5) {
    const props = propertiesBlock('connect_props', 'CONNECT', {
      ...(o.sessionExpiryIntervalSec !== undefined ? { sessionExpiryIntervalSec: o.sessionExpiryIntervalSec } : {}),
      ...(o.receiveMaximum !== undefined ? { receiveMaximum: o.receiveMaximum } : {}),
      ...(o.topicAliasMaximum !== undefined ? { topicAliasMaximum: o.topicAliasMaximum } : {}),
      ...(o.maximumPacketSize !== undefined ? { maximumPacketSize: o.maximumPacketSize } : {}),
      ...(o.userProperties ? { userProperties: o.userProperties } : {}),
    });
    lines.push(...props);
    lines.push(`client.connect(HOST, PORT, keepalive=${o.keepAliveSec}, clean_start=${pyBool(o.clean)}${props.length ? ', properties=connect_props' : ''})`);
  } else {
    lines.push(`client.connect(HOST, PORT, keepalive=${o.keepAliveSec})`);
  }
  lines.push('client.loop_start()');
  return lines;
}

export const PYTHON_TARGET: Generator = {
  extension: '.py',
  generate({ client, steps, host, port, notes: n, unsupported }) {
    const body: string[] = [];
    for (const { atMs, action: a } of steps) {
      body.push('', `wait_until(${atMs})`);
      switch (a.kind) {
        case 'connect':
          body.push(...connectLines(a.options, unsupported, n));
          break;
        case 'publish': {
          const props = propertiesBlock('pub_props', 'PUBLISH', a.properties);
          body.push(...props, `client.publish(${py(a.topic)}, ${bytesExpr(a.payload)}, qos=${a.qos}, retain=${pyBool(a.retain)}${props.length ? ', properties=pub_props' : ''})`);
          break;
        }
        case 'subscribe': {
          const props = propertiesBlock('sub_props', 'SUBSCRIBE', a.properties);
          const v5 = a.subscriptions.some((s) => s.noLocal || s.retainAsPublished || s.retainHandling !== undefined);
          const list = a.subscriptions.map((s) =>
            v5
              ? `(${py(s.topicFilter)}, SubscribeOptions(qos=${s.qos}, noLocal=${pyBool(!!s.noLocal)}, retainAsPublished=${pyBool(!!s.retainAsPublished)}, retainHandling=${s.retainHandling ?? 0}))`
              : `(${py(s.topicFilter)}, ${s.qos})`,
          );
          body.push(...props, `client.subscribe([${list.join(', ')}]${props.length ? ', properties=sub_props' : ''})`);
          break;
        }
        case 'unsubscribe':
          body.push(`client.unsubscribe([${a.topicFilters.map(py).join(', ')}])`);
          break;
        case 'disconnect': {
          const props = propertiesBlock('disc_props', 'DISCONNECT', a.properties);
          const rc = a.reasonCode !== undefined && a.reasonCode !== 0 ? `reasoncode=ReasonCodes(PacketTypes.DISCONNECT, identifier=${a.reasonCode})` : '';
          const args = [rc, props.length ? 'properties=disc_props' : ''].filter((x) => x !== '').join(', ');
          body.push(...props, `client.disconnect(${args})`, `time.sleep(0.1)  # ${n.pyLetSend}`, 'client.loop_stop()');
          break;
        }
        case 'crash':
          body.push(`# ${n.processDies}`, 'client.socket().close()', 'client.loop_stop()');
          break;
        case 'cable-cut':
          body.push(`# ${unsupported(n.cableCutProgram(atMs))}`, 'client.socket().close()', 'client.loop_stop()');
          break;
        case 'cable-restore':
          body.push(`# ${unsupported(n.verbAt('cable-restore', atMs))}`);
          break;
        case 'link':
          body.push(`# ${unsupported(n.linkSettings(atMs))}`);
          break;
        case 'raw':
          body.push(`# ${unsupported(n.rawPacket(a.verb, atMs, n.clientLibrary))}`);
          break;
      }
    }
    return [
      `# ${n.header(client.replace(/[\r\n]/g, ' '), n.kindPy)}`,
      `# ${n.runIt} python3 this-file.py [HOST [PORT]]   (Debian: apt-get install python3-paho-mqtt)`,
      'import os',
      'import sys',
      'import time',
      'import paho.mqtt.client as mqtt',
      'from paho.mqtt.packettypes import PacketTypes',
      'from paho.mqtt.properties import Properties',
      'from paho.mqtt.reasoncodes import ReasonCodes',
      'from paho.mqtt.subscribeoptions import SubscribeOptions',
      '',
      `HOST = sys.argv[1] if len(sys.argv) > 1 else ${py(host)}`,
      `PORT = int(sys.argv[2]) if len(sys.argv) > 2 else ${port}`,
      `# ${n.sharedStart}`,
      "START = float(os.environ['MQTT_LAB_START']) / 1000 if 'MQTT_LAB_START' in os.environ else time.time()",
      '',
      '',
      'def wait_until(ms):',
      `    """${n.pyWaitUntil}"""`,
      '    delay = START + ms / 1000 - time.time()',
      '    if delay > 0:',
      '        time.sleep(delay)',
      '',
      '',
      'def on_message(client, userdata, message):',
      "    print(message.topic, message.payload.decode(errors='replace'), flush=True)",
      '',
      '',
      'client = None',
      ...body,
      '',
    ].join('\n');
  },
};
