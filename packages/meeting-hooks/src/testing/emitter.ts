import type { SdkListener } from '../core/sdk-types';

/**
 * The on/off/emit of the SDK's event scopes, with a way to count listeners in tests.
 * @public
 */
export class FakeEmitter {
  private readonly listeners = new Map<string, Set<SdkListener>>();

  on(event: string, listener: SdkListener): this {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return this;
  }

  off(event: string, listener: SdkListener): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  once(event: string, listener: SdkListener): this {
    const wrapped: SdkListener = (payload) => {
      this.off(event, wrapped);
      listener(payload);
    };
    return this.on(event, wrapped);
  }

  /** Calls every listener of `event`, synchronously, as the SDK's `Trigger.trigger` does. */
  emit(event: string, payload?: unknown): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(payload);
  }

  /** How many listeners `event` has (to check that a session detached). */
  listenerCount(event?: string): number {
    if (event) return this.listeners.get(event)?.size ?? 0;
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}
