// The test side of multistream-harness.ts: people, each a harness page in
// their own browser context, and one way to wait on what they all see.
import { openPeer, type Peer } from '@g2g/webex-sim/testing/peer';
import type * as Harness from './multistream-harness';

export type Api = typeof Harness;
export type Look = Harness.Look;
const HARNESS = new URL('./multistream-harness.ts', import.meta.url).pathname;

/** One person: a name, and the harness page in their own browser context. */
export interface Person {
  name: string;
  peer: Peer<Api>;
}

/** Opens a harness page in a fresh browser context. */
export const openPerson = (): Promise<Peer<Api>> => openPeer<Api>(HARNESS);

/** Leaves and closes every person's page (for `afterAll`; a page that already failed is still closed). */
export async function closeAll(people: readonly (Person | undefined)[]): Promise<void> {
  for (const p of people) {
    if (!p) continue;
    await p.peer.call('dispose').catch(() => {});
    await p.peer.close();
  }
}

/** A bound on a hang while people's pages load, join and decode: never a speed target. */
export const WAIT_MS = 180_000;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls every second until `ok` holds for every person's look; fails with the last looks. */
export async function untilAll<P extends Person>(
  people: readonly P[],
  ok: (look: Look, person: P, index: number) => boolean,
  what: string,
  ms = WAIT_MS,
): Promise<Look[]> {
  const end = Date.now() + ms;
  for (;;) {
    const looks = await Promise.all(people.map((p) => p.peer.call('look')));
    if (looks.every((l, i) => ok(l, people[i]!, i))) return looks;
    if (Date.now() > end)
      throw new Error(
        `Timed out waiting for ${what}: ${JSON.stringify(
          looks.map((l, i) => ({ who: people[i]!.name, ...l, roster: undefined })),
        )}`,
      );
    await sleep(1000);
  }
}
