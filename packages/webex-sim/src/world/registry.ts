import type { World } from './world';

/**
 * Which world each running simulator has. Kept out of `Sim`'s public type:
 * only white-box tests read it, through `@g2g/webex-sim/testing/world`,
 * which is not published.
 */
const worlds = new WeakMap<object, World>();

export function registerWorld(sim: object, world: World): void {
  worlds.set(sim, world);
}

export function worldOf(sim: object): World {
  const world = worlds.get(sim);
  if (!world) throw new Error('worldOf: not a simulator started by startSim() in this process.');
  return world;
}
