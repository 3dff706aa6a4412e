import { Router } from '../http/router';
import type { World } from '../world/world';
import { guestRoutes } from './guests';
import { oauthRoutes } from './oauth';
import { peopleRoutes } from './people';

/** The webexapis.com surface under `/v1`. */
export function restRoutes(world: World): Router {
  const r = new Router();
  oauthRoutes(r, world);
  peopleRoutes(r, world);
  guestRoutes(r, world);
  return r;
}
