/**
 * A goal "CLIENT receives TOPIC" that failed with nothing on the topic says why, when the trace
 * shows a reason a learner can act on: the client never got its connection accepted, it has no
 * granted subscription that matches, or nobody published there. In English and German.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/index.ts';

function failures(text: string): [string, string][] {
  const run = runScenario(text);
  expect(run.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return run.results.filter((r) => !r.pass).map((r) => [r.message, r.messageDe]);
}

describe('why nothing arrived', () => {
  it('names the first missing step: connection, subscription, publisher', () => {
    const text = [
      'broker version=5 anonymous=off',
      'user alice pw',
      'client pub',
      'client sub',
      'client late',
      'client refused',
      'at 0s pub connect -u alice -P pw',
      'at 0s sub connect -u alice -P pw',
      'at 0s refused connect -u alice -P wrong',
      'at 100ms sub subscribe -t "plant/+/temp" -t "$share/g/plant/+/status"',
      'at 100ms late subscribe -t plant/h1/temp',
      'at 100ms refused subscribe -t plant/h1/temp',
      'at 1s pub publish -t plant/h1/temp -m 21',
      'expect late receives plant/h1/temp',
      'expect refused receives plant/h1/temp',
      'expect sub receives plant/h1/humidity',
      'expect sub receives plant/h1/status',
      'expect broker receives plant/h1/temp from late',
    ].join('\n');
    expect(failures(text)).toEqual([
      ['late received nothing on plant/h1/temp; it received no messages at all: late never had a connection accepted (no CONNACK 0x00 reached it)', 'late hat nichts auf plant/h1/temp empfangen; er hat überhaupt keine Nachrichten empfangen: late wurde nie eine Verbindung bestätigt (kein CONNACK 0x00 kam an)'],
      ['refused received nothing on plant/h1/temp; it received no messages at all: refused never had a connection accepted (no CONNACK 0x00 reached it)', 'refused hat nichts auf plant/h1/temp empfangen; er hat überhaupt keine Nachrichten empfangen: refused wurde nie eine Verbindung bestätigt (kein CONNACK 0x00 kam an)'],
      ['sub received nothing on plant/h1/humidity; its last message was plant/h1/temp "21" (QoS 0) at 1.040s: sub has no granted subscription whose filter matches plant/h1/humidity', 'sub hat nichts auf plant/h1/humidity empfangen; seine letzte Nachricht war plant/h1/temp "21" (QoS 0) um 1,040 s: sub hat kein bestätigtes Abonnement, dessen Filter auf plant/h1/humidity passt'],
      ['sub received nothing on plant/h1/status; its last message was plant/h1/temp "21" (QoS 0) at 1.040s: no client published on plant/h1/status', 'sub hat nichts auf plant/h1/status empfangen; seine letzte Nachricht war plant/h1/temp "21" (QoS 0) um 1,040 s: kein Client hat auf plant/h1/status veröffentlicht'],
      ['the broker received nothing on plant/h1/temp from late; no message from late arrived at all: late never had a connection accepted (no CONNACK 0x00 reached it)', 'der Broker hat nichts auf plant/h1/temp von late empfangen; überhaupt keine Nachricht von late kam an: late wurde nie eine Verbindung bestätigt (kein CONNACK 0x00 kam an)'],
    ]);
  });

  it('says when a PUBLISH was sent but lost on the way, and that only the broker publishes $SYS topics', () => {
    const text = [
      'broker sys-interval=10s',
      'client pub',
      'client sub',
      'at 0s pub connect',
      'at 0s sub connect',
      'at 100ms sub subscribe -t plant/# -t \'$SYS/broker/uptime\'',
      'at 500ms pub cable-cut',
      'at 1s pub publish -t plant/x -m 1',
      'at 5s end',
      'expect sub receives plant/x',
      'expect sub receives $SYS/broker/uptime',
    ].join('\n');
    const why = failures(text).map(([en, de]) => [en.slice(en.lastIndexOf(': ') + 2), de.slice(de.lastIndexOf(': ') + 2)]);
    expect(why).toEqual([
      ['a PUBLISH on plant/x was sent but never reached the broker', 'ein PUBLISH auf plant/x wurde gesendet, kam aber nie beim Broker an'],
      ['the broker published nothing on $SYS/broker/uptime in this run (it publishes its $SYS topics every sys-interval)', 'der Broker hat in diesem Lauf nichts auf $SYS/broker/uptime veröffentlicht (seine $SYS-Topics veröffentlicht er alle sys-interval)'],
    ]);
  });

  it('adds nothing when the reason is elsewhere (an ACL refused the delivery)', () => {
    const text = [
      'broker anonymous=on',
      'acl topic read other/#',
      'client pub',
      'client sub',
      'at 0s pub connect',
      'at 0s sub connect',
      'at 100ms sub subscribe -t plant/#',
      'at 1s pub publish -t plant/x -m 1',
      'expect sub receives plant/x',
    ].join('\n');
    expect(failures(text)).toEqual([['sub received nothing on plant/x; it received no messages at all', 'sub hat nichts auf plant/x empfangen; er hat überhaupt keine Nachrichten empfangen']]);
  });
});
