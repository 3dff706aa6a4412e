// `pnpm sim`: a simulator on a fixed loopback port for the demo, Storybook
// and manual poking. Settings come from the environment so scripts can set them.
import { startSim } from './index';

const port = Number(process.env.SIM_PORT ?? 8787);
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
