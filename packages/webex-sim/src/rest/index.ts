import { Router } from '../http/router';
import type { World } from '../world/world';
import { guestRoutes } from './guests';
import { instantConnectRoutes } from './instantConnect';
import { joinLinkRoutes } from './joinLinks';
import { meetingRoutes } from './meetings';
import { oauthRoutes } from './oauth';
import { peopleRoutes } from './people';
import { preferenceRoutes } from './preferences';
import { roomRoutes } from './rooms';
import { webhookRoutes } from './webhooks';

/** The webexapis.com surface under `/v1`, and Instant Connect's mtg-broker. */
export function restRoutes(world: World): Router {
  const r = new Router();
  oauthRoutes(r, world);
  peopleRoutes(r, world);
  guestRoutes(r, world);
  joinLinkRoutes(r, world);
  meetingRoutes(r, world);
  preferenceRoutes(r, world);
  roomRoutes(r, world);
  webhookRoutes(r, world);
  instantConnectRoutes(r, world);
  return r;
}
