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
  id: number;
  ref: string;
  key: string;
  /** Parameter names in order; null when the explain has no `params`. */
  names: string[] | null;
  types: number[];
  /** Slots the values take after the template number. */
  slots: number;
}

/** Integers a value of each type takes. */
const SLOTS = [0, 1, 1, 2, 0, 0];

/** A parameter's type, or -1 for a value the store does not take. */
function typeOf(v: unknown): number {
  if (typeof v === 'string') return STRING;
  if (typeof v === 'number') return (v | 0) === v && !Object.is(v, -0) ? INT : FLOAT;
  if (typeof v === 'boolean') return v ? TRUE : FALSE;
  return -1;
}

/** Do these parameters (none: undefined) have the template's names, order and types? */
function fits(t: Template, params: Explain['params']): boolean {
  if (t.names === null || params === undefined) return t.names === null && params === undefined;
  const names = t.names;
  let i = 0;
  for (const name in params) {
    if (i >= names.length || names[i] !== name || t.types[i] !== typeOf(params[name])) return false;
    i++;
  }
  return i === names.length;
}

const float = new Float64Array(1);
const halves = new Int32Array(float.buffer);

export class ExplainStore {
  readonly #names: Names;
  readonly #ints: IntArena;
  readonly #templates: Template[] = [];
  readonly #byKey = new Map<string, number[]>();
  /** The template each key used last. */
  readonly #lastByKey = new Map<string, Template>();
  // Scratch for `put` (one note at a time).
  readonly #paramNames: string[] = [];
  readonly #types: number[] = [];

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
    if (fields === 3 && (typeof params !== 'object' || params === null || Object.getPrototypeOf(params) !== Object.prototype)) return -1;
    // The template this key used last fits most notes: checked without building anything.
    const last = this.#lastByKey.get(key);
    if (last !== undefined && last.ref === ref && fits(last, fields === 3 ? params : undefined)) return this.#write(last, params);
    const names = this.#paramNames;
    const types = this.#types;
    names.length = types.length = 0;
    let slots = 0;
    if (fields === 3) {
      for (const name in params) {
        const type = typeOf(params![name]);
        if (type < 0) return -1;
        names.push(name);
        types.push(type);
        slots += SLOTS[type]!;
      }
    }
    const template = this.#template(ref, key, fields === 3, slots);
    this.#lastByKey.set(key, template);
    return this.#write(template, params);
  }

  /** Write a note of `template` with these parameters (which fit it); its address. */
  #write(template: Template, params: Explain['params']): number {
    const address = this.#ints.reserve(1 + template.slots);
    const chunk = this.#ints.chunk;
    let at = this.#ints.position;
    chunk[at++] = template.id;
    if (template.names === null) return address;
    const types = template.types;
    let i = 0;
    for (const name in params) {
      const type = types[i++]!;
      const v = params[name]!;
      if (type === STRING) chunk[at++] = this.#names.id(v as string);
      else if (type === INT) chunk[at++] = v as number;
      else if (type === FLOAT) {
        float[0] = v as number;
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
  #template(ref: string, key: string, hasParams: boolean, slots: number): Template {
    let ids = this.#byKey.get(key);
    if (ids === undefined) this.#byKey.set(key, (ids = []));
    const names = this.#paramNames;
    const types = this.#types;
    search: for (const id of ids) {
      const t = this.#templates[id]!;
      if (t.ref !== ref || (t.names !== null) !== hasParams) continue;
      if (t.names !== null && t.names.length !== names.length) continue;
      for (let i = 0; i < names.length; i++) if (t.names![i] !== names[i] || t.types[i] !== types[i]) continue search;
      return t;
    }
    const template: Template = { id: this.#templates.length, ref, key, names: hasParams ? names.slice() : null, types: types.slice(), slots };
    this.#templates.push(template);
    ids.push(template.id);
    return template;
  }
}
