/** Counts the calls made to a port, method by method, while passing them on. */
export class CallCounter {
  readonly calls: string[] = [];

  /** `port` with every method call recorded as `<name>.<method>`. */
  wrap<Port extends object>(name: string, port: Port): Port {
    const calls = this.calls;
    return new Proxy(port, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]): unknown => {
          calls.push(`${name}.${String(property)}`);
          return Reflect.apply(value, target, args);
        };
      },
    });
  }

  reset(): void {
    this.calls.length = 0;
  }
}
