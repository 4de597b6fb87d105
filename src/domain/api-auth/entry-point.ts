/** A route that requires a signed request, as discovered from the HTTP router. */
export interface EntryPoint {
  /** Stable, readable name: the route's own name, or `METHOD /path/pattern`. */
  readonly name: string;
  readonly method: string;
  /** The router's path pattern, such as `/api/items/:id`. */
  readonly path: string;
}

/** The name an unnamed route gets: `GET /api/hello/`. */
export function entryPointName(method: string, pathPattern: string): string {
  return `${method.toUpperCase()} ${pathPattern}`;
}
