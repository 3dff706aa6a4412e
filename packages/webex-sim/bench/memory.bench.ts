// Memory after 1,000 meetings have been created, joined and ended, before
// and after pruning: the simulator must stay bounded under long runs.
import { joinOverHttp, startSim } from '../src/index';
import { fmt, type BenchPart } from './measure';

const MEETINGS = 1000;
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 1)} MB`;
const delta = (bytes: number) => `${bytes < 0 ? '−' : '+'}${mb(Math.abs(bytes))}`;

function heap(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

export const memoryBench: BenchPart = async () => {
  const sim = await startSim({ seed: 'bench-memory', options: { licenceLimit: MEETINGS } });
  const app = sim.control.createServiceApp({ licenceLimit: MEETINGS });
  const token = app.tokens!.accessToken;
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${sim.url}/v1${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return (await res.json()) as Record<string, string>;
  };
  const before = heap();
  const start = Date.now() + 5 * 60_000;
  for (let i = 0; i < MEETINGS; i++) {
    const m = await post('/meetings', {
      title: `Bench ${i}`,
      start: new Date(start).toISOString(),
      end: new Date(start + 30 * 60_000).toISOString(),
      enabledJoinBeforeHost: true,
      joinBeforeHostMinutes: 15,
      unlockedMeetingJoinSecurity: 'allowJoin',
    });
    const guest = await post('/guests/token', { subject: `bench-${i}`, displayName: `Guest ${i}` });
    const p = await joinOverHttp({
      url: sim.url,
      token: guest.accessToken!,
      meetingNumber: m.meetingNumber!,
      password: m.password!,
      listen: false,
    });
    await p.leave();
    await p.close();
  }
  const afterRun = heap();
  // Move past every meeting's end and token lifetime, then prune as the timer would.
  sim.control.advanceClock(3 * 24 * 3600_000);
  const pruned = sim.control.prune();
  const afterPrune = heap();
  await sim.close();
  return [
    `memory: heap ${mb(before)} at start`,
    `memory: heap ${mb(afterRun)} after ${fmt(MEETINGS)} meetings created, joined and ended (${delta(afterRun - before)})`,
    `memory: heap ${mb(afterPrune)} after pruning ${fmt(pruned.meetings)} meetings and ${fmt(pruned.tokens)} tokens (${delta(afterPrune - before)} against the start)`,
  ];
};
