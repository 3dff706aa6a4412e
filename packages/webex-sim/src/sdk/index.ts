import { Router } from '../http/router';
import type { UpgradeHandler } from '../server';
import type { World } from '../world/world';
import { catalogRoutes } from './catalog';
import { deviceRoutes } from './devices';
import { MediaRelay } from '../media';
import { DATA_CHANNEL_PATH, LocusService } from './locus';
import { meetingInfoRoutes } from './meeting-info';
import { MercuryHub } from './mercury';
import { Presence } from './presence';
import { sinkRoutes } from './sinks';

/** Everything the `webex` SDK calls besides `/v1`: catalog, WDM, Mercury, meetingInfo, Locus, sinks. */
export function sdkFace(world: World) {
  const permissionSecret = world.ids.secret();
  const mercury = new MercuryHub(world);
  const media = new MediaRelay(() => world.options.multistream);
  const locus = new LocusService(world, mercury, permissionSecret, media);
  const presence = new Presence(world, (deviceUrl) => locus.dropDevice(deviceUrl));
  mercury.onDevice = (deviceUrl, online) =>
    online ? presence.online(deviceUrl) : presence.offline(deviceUrl);
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
  return { router, upgrades, mercury, locus, media, presence };
}
