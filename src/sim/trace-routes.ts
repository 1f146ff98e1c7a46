/**
 * The routes of the compact trace store's entries (trace-log.ts): an entry's sender, receiver
 * and connection, kept once per combination and numbered; each entry keeps its route's number
 * in a typed-array column. The names are the store's kept strings (trace-columns.ts, `Names`).
 */
import { Column, type Names } from './trace-columns.ts';

/** A sender, receiver and connection kept once: `id` numbers it, `conn` is its connection's string number. */
interface Route {
  from: string;
  to: string | undefined;
  connId: string | undefined;
  id: number;
  conn: number;
}

export class Routes {
  /** Each entry's route number. */
  readonly #route = new Column((n) => new Uint32Array(n));
  // From, to, connection (kept-string numbers) per route number.
  readonly #from: number[] = [];
  readonly #to: number[] = [];
  readonly #conn: number[] = [];
  /** Routes on a connection, by its id. */
  readonly #byConn = new Map<string, Route[]>();
  /** Routes without a connection, by sender and receiver. */
  readonly #plain = new Map<string, Map<string | undefined, Route>>();
  #last: Route | undefined = undefined;
  readonly #names: Names;

  constructor(names: Names) {
    this.#names = names;
  }

  /** Push the route of the next entry and return its connection's kept-string number (0: none). */
  push(from: string, to: string | undefined, connId: string | undefined): number {
    let route = this.#last;
    if (route === undefined || route.from !== from || route.to !== to || route.connId !== connId) {
      if (connId === undefined) {
        // By sender, then receiver: the world alone commands every client of a fleet.
        let byTo = this.#plain.get(from);
        if (byTo === undefined) this.#plain.set(from, (byTo = new Map()));
        route = byTo.get(to);
        if (route === undefined) byTo.set(to, (route = this.#newRoute(from, to, connId)));
      } else {
        // A connection's few routes (its two directions, its notes), looked through.
        let routes = this.#byConn.get(connId);
        if (routes === undefined) this.#byConn.set(connId, (routes = []));
        route = undefined;
        for (const r of routes) {
          if (r.from === from && r.to === to) {
            route = r;
            break;
          }
        }
        if (route === undefined) routes.push((route = this.#newRoute(from, to, connId)));
      }
      this.#last = route;
    }
    this.#route.push(route.id);
    return route.conn;
  }

  /** The route number of entry `i`. */
  at(i: number): number {
    return this.#route.get(i);
  }

  /** The kept-string numbers of a route's sender, receiver (0: none) and connection (0: none). */
  from(route: number): number {
    return this.#from[route]!;
  }
  to(route: number): number {
    return this.#to[route]!;
  }
  conn(route: number): number {
    return this.#conn[route]!;
  }

  /** Bytes the typed-array column has allocated. */
  get byteSize(): number {
    return this.#route.byteSize;
  }

  /** A route not seen before, numbered and kept in the route columns. */
  #newRoute(from: string, to: string | undefined, connId: string | undefined): Route {
    const route = { from, to, connId, id: this.#from.length, conn: this.#names.id(connId) };
    this.#from.push(this.#names.id(from));
    this.#to.push(this.#names.id(to));
    this.#conn.push(route.conn);
    return route;
  }
}
