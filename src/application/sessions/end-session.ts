import type { Cache } from '../../domain/backends/cache.port.js';
import { sessionKey } from '../../domain/sessions/session.js';

export interface EndSessionDeps {
  cache: Cache;
}

/** Ends a session at once, on every instance; an unknown id is not an error. */
export class EndSession {
  constructor(private readonly deps: EndSessionDeps) {}

  async execute(id: string): Promise<void> {
    await this.deps.cache.delete(sessionKey(id));
  }
}
