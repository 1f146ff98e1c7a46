/**
 * Every field the codec can annotate has a meaning in English and German: a packet of every
 * type (3.1.1 and 5.0, every property, plus odd frames the encoder never writes) is annotated,
 * and each field is looked up. The English entry must say exactly what the codec says, so the
 * table follows the codec's logic and the German text is about the same thing.
 */
import { describe, expect, it } from 'vitest';
import { annotate } from '../../src/core/codec/annotate.ts';
import { encode } from '../../src/core/codec/index.ts';
import type { AnnotatedField, ProtocolVersion } from '../../src/core/codec/types.ts';
import { fieldMeaning, hasMeaning, meaningKey } from '../../src/ui/inspector/field-meanings.ts';
import { annotateFrame, frameBytes } from '../../src/lessons/widgets/websocket-frame.ts';
import { FIELD_FIXTURES, ODD_FRAMES } from './field-fixtures.ts';

interface Seen {
  field: AnnotatedField;
  parent: AnnotatedField | undefined;
  packetType: number;
  version: ProtocolVersion;
  where: string;
}

function collect(fields: readonly AnnotatedField[], base: Omit<Seen, 'field' | 'parent'>, parent?: AnnotatedField, out: Seen[] = []): Seen[] {
  for (const field of fields) {
    out.push({ ...base, field, parent });
    if (field.children) collect(field.children, base, field, out);
  }
  return out;
}

function annotated(bytes: Uint8Array, version: ProtocolVersion, where: string): Seen[] {
  return collect(annotate(bytes, version).fields, { packetType: bytes[0]! >> 4, version, where });
}

const mqttFields: Seen[] = [
  ...FIELD_FIXTURES.flatMap(({ version, packets }) => packets.flatMap((p) => annotated(encode(p, version), version, `${p.type} v${version}`))),
  ...ODD_FRAMES.map((o) => annotated(new Uint8Array(o.bytes), o.version, `odd frame ${o.bytes.join(',')}`)).flat(),
];

const websocketFields: Seen[] = [0, 2, 200, 70_000].flatMap((length) =>
  [undefined, new Uint8Array([0x37, 0xfa, 0x21, 0x3d])].flatMap((mask) =>
    collect(annotateFrame(frameBytes(new Uint8Array(length), mask ? { mask } : {})).fields, { packetType: 0, version: 4, where: `ws frame ${length}${mask ? ' masked' : ''}` }),
  ),
);

describe('field meanings', () => {
  it('the fixtures reach every packet type in both versions', () => {
    const types = new Set(mqttFields.map((s) => `${s.packetType} v${s.version}`));
    for (let t = 1; t <= 14; t++) for (const v of [4, 5]) expect(types, `type ${t} v${v}`).toContain(`${t} v${v}`);
    expect(types).toContain('15 v5');
  });

  it('has English and German for every field the codec and the WebSocket frame produce', () => {
    const missing = new Set<string>();
    for (const s of [...mqttFields, ...websocketFields]) {
      if (!hasMeaning(s.field, s.parent)) missing.add(`${meaningKey(s.field, s.parent)} (${s.field.name} in ${s.where})`);
      for (const lang of ['en', 'de'] as const) {
        const text = fieldMeaning(s, lang);
        if (!text) missing.add(`${lang}: ${meaningKey(s.field, s.parent)} (${s.field.name} in ${s.where})`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('says in English exactly what the codec says', () => {
    const differ: string[] = [];
    for (const s of [...mqttFields, ...websocketFields]) {
      const en = fieldMeaning(s, 'en');
      if (en !== s.field.meaning) differ.push(`${s.field.name} in ${s.where}: table "${en}", codec "${s.field.meaning}"`);
    }
    expect(differ).toEqual([]);
  });

  it('speaks German in German', () => {
    const de = (key: string) => mqttFields.filter((s) => s.field.key === key).map((s) => fieldMeaning(s, 'de'));
    expect(de('codec.field.keep-alive')).toContain('höchstens 30 s zwischen zwei Paketen des Clients');
    expect(de('codec.field.qos')).toContain('genau einmal');
    expect(de('codec.field.reason-code')).toContain('0x86 Bad User Name or Password: Benutzername oder Passwort wurde nicht akzeptiert.');
  });
});
