// Node side of the Vitest browser commands: each browser test file starts
// its own simulator, so files never share (or reset) each other's world.
import { startSim, type Sim, type StartSimOptions } from '../index';
import { networkCommands, peerCommands, type CommandContext } from './peer-commands';
import { routeWebexSites } from './webex-sites';

const running = new Map<string, Sim>();

export const simCommands = {
  async startSim(_ctx: unknown, options: Omit<StartSimOptions, 'host'> = {}) {
    // Browser tests' simulators run here, in Vitest's main process: checking is asked for explicitly.
    const sim = await startSim({ validateResponses: true, ...options });
    running.set(sim.url, sim);
    return { url: sim.url };
  },
  async stopSim(_ctx: unknown, url: string) {
    await running.get(url)?.close();
    running.delete(url);
  },
  /** Resolves `https://<site>.webex.com/wbxappapi/…` to the simulator at `url` (see webex-sites.ts). */
  async routeWebexSites(ctx: CommandContext, url: string) {
    await routeWebexSites(ctx.context, url);
  },
  ...peerCommands,
  ...networkCommands,
};
