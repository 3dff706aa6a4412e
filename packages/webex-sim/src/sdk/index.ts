import { Router } from '../http/router';
import type { UpgradeHandler } from '../server';
import type { World } from '../world/world';
import { catalogRoutes } from './catalog';
import { deviceRoutes } from './devices';
import { DATA_CHANNEL_PATH, LocusService } from './locus';
import { meetingInfoRoutes } from './meeting-info';
import { MercuryHub } from './mercury';
import { sinkRoutes } from './sinks';

/** Everything the `webex` SDK calls besides `/v1`: catalog, WDM, Mercury, meetingInfo, Locus, sinks. */
export function sdkFace(world: World) {
  const permissionSecret = world.ids.secret();
  const mercury = new MercuryHub(world);
  const locus = new LocusService(world, mercury, permissionSecret);
  const router = new Router();
  catalogRoutes(router, world);
  deviceRoutes(router, world);
  meetingInfoRoutes(router, world, permissionSecret);
  locus.routes(router);
  sinkRoutes(router, world);
  const upgrades: { prefix: string; handle: UpgradeHandler }[] = [
    { prefix: mercury.prefix, handle: mercury.handle },
    { prefix: DATA_CHANNEL_PATH, handle: mercury.handleDataChannel },
  ];
  return { router, upgrades, mercury, locus };
}
