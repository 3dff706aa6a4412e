// `pnpm sim`: a simulator on a fixed loopback port for the demo, Storybook
// and manual poking. Settings come from the environment so scripts can set them.
import { startSim } from './index';

// `pnpm sim --port 9000` or SIM_PORT=9000; the flag wins.
const flag = process.argv.indexOf('--port');
const port = Number(flag >= 0 ? process.argv[flag + 1] : (process.env.SIM_PORT ?? 8787));
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(
    `webex-sim: --port must be a number from 0 to 65535 (got ${process.argv[flag + 1] ?? process.env.SIM_PORT}).`,
  );
  process.exit(2);
}
const sim = await startSim({
  port,
  ...(process.env.SIM_HOST ? { host: process.env.SIM_HOST } : {}),
  ...(process.env.SIM_SEED ? { seed: process.env.SIM_SEED } : {}),
});

console.log(`webex-sim listening on ${sim.url}`);
console.log(`  REST       ${sim.url}/v1`);
console.log(`  control    ${sim.url}/_sim   (POST /_sim/service-apps to get an app and tokens)`);
console.log(`  SDK config ${JSON.stringify({ services: { discovery: sim.discovery } })}`);

const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
