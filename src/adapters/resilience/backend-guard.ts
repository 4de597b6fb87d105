import { BackendUnavailableError, type BackendRole } from '../../domain/backends/backend.errors.js';
import { isDomainError } from '../../domain/errors.js';
import type { Logger } from '../../domain/shared/logger.port.js';

export interface BackendGuardOptions {
  role: BackendRole;
  /** How long one call may take before it counts as lost. */
  timeoutMs: number;
  logger: Logger;
}

/**
 * A guard for the ports of one backend (say, the credential store and the user directory, both on
 * MongoDB): it wraps each so that every call answers within the timeout: a rejection or a late
 * answer becomes a BackendUnavailableError, which the HTTP edge turns into a 503. The backend's ports
 * share one state, so the log has one line when the backend goes and one when it answers again,
 * whichever port noticed, rather than one per failed request. Errors that are not the backend's (a
 * DomainError, a bug's TypeError or RangeError) pass through as they are.
 */
export function backendGuard(options: BackendGuardOptions): <Port extends object>(port: Port) => Port {
  const state = new BackendState(options);
  return (port) => guarded(port, state);
}

function guarded<Port extends object>(port: Port, state: BackendState): Port {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        const result: unknown = Reflect.apply(value, target, args);
        return result instanceof Promise ? state.watch(result) : result;
      };
    },
  });
}

class BackendState {
  private down = false;

  constructor(private readonly options: BackendGuardOptions) {}

  watch(call: Promise<unknown>): Promise<unknown> {
    const { timeoutMs } = this.options;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(this.lost(`no answer within ${timeoutMs} ms`, 'timeout'));
      }, timeoutMs);
      call.then(
        (value) => {
          clearTimeout(timer);
          this.answered();
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          if (isDomainError(error) || error instanceof TypeError || error instanceof RangeError) {
            reject(error);
            return;
          }
          reject(this.lost(error instanceof Error ? error.message || error.name : String(error), 'failed'));
        },
      );
    });
  }

  private lost(reason: string, kind: 'failed' | 'timeout'): BackendUnavailableError {
    if (!this.down) {
      this.down = true;
      this.options.logger.warn(`${this.options.role} unavailable: requests that need it are refused with 503`, { reason });
    }
    return new BackendUnavailableError(this.options.role, reason, kind);
  }

  private answered(): void {
    if (!this.down) return;
    this.down = false;
    this.options.logger.info(`${this.options.role} available again`);
  }
}
