import type { Webhook } from './types';

/** Registered webhooks, by id. Delivery (and its failure counting) lives in `webhooks/delivery`. */
export class Webhooks {
  private readonly byId = new Map<string, Webhook>();

  clear(): void {
    this.byId.clear();
  }

  add(w: Webhook): Webhook {
    this.byId.set(w.id, w);
    return w;
  }

  get(id: string): Webhook | undefined {
    return this.byId.get(id);
  }

  delete(id: string): boolean {
    return this.byId.delete(id);
  }

  /** Whether `w` is still the registered webhook of its id (a delivery in flight checks). */
  isRegistered(w: Webhook): boolean {
    return this.byId.get(w.id) === w;
  }

  values(): IterableIterator<Webhook> {
    return this.byId.values();
  }
}
