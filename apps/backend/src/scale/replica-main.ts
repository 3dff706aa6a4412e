// One backend replica in a child process, for the scale-out tests and the
// benchmark (`fork`ed by ./replicas.ts). Its options come as JSON in
// G2G_REPLICA_OPTIONS; over the IPC channel it reports where it listens and
// takes the simulator's clock offset, so every replica judges token expiry
// by the same (simulated) time as the simulator.
import { Writable } from 'node:stream';
import pino from 'pino';
import { startBackend, type StartBackendOptions } from '../backend';

let offsetMs = 0;
const { logFile, ...options } = JSON.parse(
  process.env.G2G_REPLICA_OPTIONS ?? '{}',
) as StartBackendOptions & { logFile?: string };
const quiet = new Writable({ write: (_c, _e, done) => done() });
const backend = await startBackend({
  ...options,
  now: () => Date.now() + offsetMs,
  ...(logFile
    ? { logStream: pino.destination({ dest: logFile, append: true, sync: false }) }
    : options.logLevel === 'silent'
      ? { logStream: quiet }
      : {}),
});

process.on('message', (m: { type: string; offsetMs?: number }) => {
  if (m.type === 'clock') {
    offsetMs = m.offsetMs ?? 0;
    process.send?.({ type: 'clock-set' });
  }
});
process.once('SIGTERM', () => {
  backend.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
process.send?.({ type: 'ready', url: backend.url, pid: process.pid });
