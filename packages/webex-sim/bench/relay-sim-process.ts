// The simulator alone in its own Node process, so the relay benchmark reads
// this process's CPU time and RSS and nothing else's (the browser and the
// benchmark's own bookkeeping live elsewhere). Started by relay.bench.ts over
// IPC: it sends `{url}` once listening, answers `{type:'memory'}` with a
// garbage-collected heap figure, and exits when the parent disconnects.
import { startSim } from '../src/index';

const sim = await startSim({ seed: 'bench-relay', validateResponses: false });

process.on('message', (msg: { type?: string }) => {
  if (msg?.type !== 'memory') return;
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  process.send?.({ type: 'memory', rss, heapUsed });
});
process.on('disconnect', () => void sim.close().finally(() => process.exit(0)));
process.send?.({ type: 'ready', url: sim.url });
