/**
 * A note's `explain` ({ ref, key, params }) in a few integers (trace-log.ts): a *template* per
 * rule and parameter shape (ref, key, the parameter names in their order and each value's
 * type), kept once, and per note the template's number followed by the values: a string as the
 * number of a kept string (topics and client ids recur), an integer as itself, another number
 * as its two 32-bit halves, a boolean in the template. A fleet's notes ("client.receive.qos1
 * packetId=3 topic=plant/...") then take about four integers each instead of three objects.
 * An explain of any other shape (a nested value, extra keys) is not taken: `put` says so.
 */
import type { Explain } from '../core/mqtt/actor-contract.ts';
import type { IntArena, Names } from './trace-columns.ts';

const STRING = 1;
const INT = 2;
const FLOAT = 3;
const TRUE = 4;
const FALSE = 5;

interface Template {
  ref: string;
  key: string;
  /** Parameter names in order; null when the explain has no `params`. */
  names: string[] | null;
  types: number[];
  /** Slots the values take after the template number. */
  slots: number;
}

const float = new Float64Array(1);
const halves = new Int32Array(float.buffer);

export class ExplainStore {
  readonly #names: Names;
  readonly #ints: IntArena;
  readonly #templates: Template[] = [];
  readonly #byKey = new Map<string, number[]>();
  // Scratch for `put` (one note at a time).
  readonly #paramNames: string[] = [];
  readonly #types: number[] = [];
  readonly #values: unknown[] = [];

  constructor(names: Names, ints: IntArena) {
    this.#names = names;
    this.#ints = ints;
  }

  /** Keep `explain`; its address, or -1 when its shape is not one this store keeps. */
  put(explain: Explain): number {
    let fields = 0;
    for (const k in explain) {
      if (k !== (fields === 0 ? 'ref' : fields === 1 ? 'key' : 'params')) return -1;
      fields++;
    }
    const { ref, key, params } = explain;
    if (typeof ref !== 'string' || typeof key !== 'string' || fields < 2) return -1;
    const names = this.#paramNames;
    const types = this.#types;
    const values = this.#values;
    names.length = types.length = values.length = 0;
    let slots = 0;
    if (fields === 3) {
      if (typeof params !== 'object' || params === null || Object.getPrototypeOf(params) !== Object.prototype) return -1;
      for (const name in params) {
        const v = params[name];
        let type: number;
        if (typeof v === 'string') type = STRING;
        else if (typeof v === 'number') type = (v | 0) === v && !Object.is(v, -0) ? INT : FLOAT;
        else if (typeof v === 'boolean') type = v ? TRUE : FALSE;
        else return -1;
        names.push(name);
        types.push(type);
        values.push(v);
        slots += type === FLOAT ? 2 : type === STRING || type === INT ? 1 : 0;
      }
    }
    const id = this.#template(ref, key, fields === 3, slots);
    const address = this.#ints.reserve(1 + slots);
    const chunk = this.#ints.chunk;
    let at = this.#ints.position;
    chunk[at++] = id;
    for (let i = 0; i < types.length; i++) {
      const type = types[i]!;
      if (type === STRING) chunk[at++] = this.#names.id(values[i] as string);
      else if (type === INT) chunk[at++] = values[i] as number;
      else if (type === FLOAT) {
        float[0] = values[i] as number;
        chunk[at++] = halves[0]!;
        chunk[at++] = halves[1]!;
      }
    }
    return address;
  }

  /** The explain kept at `address`, as a new object. */
  get(address: number): Explain {
    const t = this.#templates[this.#ints.get(address)]!;
    if (t.names === null) return { ref: t.ref, key: t.key };
    const params: Record<string, string | number | boolean> = {};
    let at = address + 1;
    for (let i = 0; i < t.names.length; i++) {
      const type = t.types[i]!;
      let v: string | number | boolean;
      if (type === STRING) v = this.#names.name(this.#ints.get(at++));
      else if (type === INT) v = this.#ints.get(at++);
      else if (type === FLOAT) {
        halves[0] = this.#ints.get(at++);
        halves[1] = this.#ints.get(at++);
        v = float[0]!;
      } else v = type === TRUE;
      params[t.names[i]!] = v;
    }
    return { ref: t.ref, key: t.key, params };
  }

  get templateCount(): number {
    return this.#templates.length;
  }

  /** The number of the template for the shape in the scratch arrays (made when new). */
  #template(ref: string, key: string, hasParams: boolean, slots: number): number {
    let ids = this.#byKey.get(key);
    if (ids === undefined) this.#byKey.set(key, (ids = []));
    const names = this.#paramNames;
    const types = this.#types;
    search: for (const id of ids) {
      const t = this.#templates[id]!;
      if (t.ref !== ref || (t.names !== null) !== hasParams) continue;
      if (t.names !== null && t.names.length !== names.length) continue;
      for (let i = 0; i < names.length; i++) if (t.names![i] !== names[i] || t.types[i] !== types[i]) continue search;
      return id;
    }
    const id = this.#templates.length;
    this.#templates.push({ ref, key, names: hasParams ? names.slice() : null, types: types.slice(), slots });
    ids.push(id);
    return id;
  }
}
