import type { Clock } from '../clock';
import type { Ids } from '../ids';
import type { SimOptions } from './options';
import type { WorldEvent } from './events';

/**
 * What every part of the world shares: time, ids, settings and the event
 * stream. Parts read it through this interface (implemented by `World`),
 * so `reset()` swapping the id generator or options reaches all of them.
 */
export interface WorldContext {
  readonly clock: Clock;
  readonly ids: Ids;
  readonly options: SimOptions;
  now(): number;
  emit(event: WorldEvent): void;
  /** The next Locus sequence number, increasing across every meeting of this world. */
  nextLocusSequence(): number;
}
