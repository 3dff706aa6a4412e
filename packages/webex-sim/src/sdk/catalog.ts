import type { Router } from '../http/router';
import type { World } from '../world/world';
import { requireToken } from '../http/auth';
import { DISCOVERY_PATHS } from '@g2g/webex-spec';
import { serviceUrls } from './urls';

/**
 * The U2C service catalog in `format=hostmap`. Host entries carry the host
 * name without the port: both SDKs keep the URL's port when they swap hosts.
 *
 * The same entries are keyed twice, because the two SDKs look them up
 * differently: webex@3 by the service URL's `host` (with the port), and
 * webex@2.60.4 by its bare `hostname` (a key with a port is never "home"
 * there, and a service with hosts but no home host resolves to
 * `http://undefined:<port>`). On port 80 the two keys coincide.
 */
export function hostmap(base: string) {
  const links = serviceUrls(base);
  const { hostname, host } = new URL(base);
  const entries = Object.keys(links).map((name) => ({
    host: hostname,
    ttl: -1,
    priority: 5,
    id: `urn:TEAM:us-east-2_a:${name}`,
  }));
  return {
    serviceLinks: links,
    hostCatalog: { [host]: entries, [hostname]: entries },
    format: 'hostmap',
    timestamp: String(Math.floor(Date.now() / 1000)),
  };
}

/** What sqdiscovery answers: every client is in one region. */
const REGION = {
  clientAddress: '127.0.0.1',
  clientRegion: 'US-EAST',
  countryCode: 'US',
  regionCode: 'US-EAST',
  timezone: 'UTC',
};

export function catalogRoutes(r: Router, world: World): void {
  // The limited (pre-auth) catalog needs no token; the full one does.
  r.get(`${DISCOVERY_PATHS.u2c}/limited/catalog`, (req) => ({
    status: 200,
    body: hostmap(req.baseUrl),
  }));
  r.get(`${DISCOVERY_PATHS.u2c}/catalog`, (req) => {
    requireToken(world, req);
    return { status: 200, body: hostmap(req.baseUrl) };
  });
  // sqdiscovery: the region lookup. The SDK tolerates failures but uses the answer.
  const region = DISCOVERY_PATHS.sqdiscovery;
  for (const path of [region, `${region}/*`]) r.get(path, () => ({ status: 200, body: REGION }));
}
