import { requireToken } from '../http/auth';
import { notFound } from '../http/errors';
import type { Router } from '../http/router';
import type { SimRequest } from '../http/types';
import type { World } from '../world/world';
import type { Device } from '../world/types';
import { serviceUrls, websocketUrl } from './urls';

/** What WDM answers for a device: the SDK needs url, webSocketUrl, userId, orgId and features. */
function deviceView(world: World, req: SimRequest, d: Device) {
  return {
    url: d.url,
    webSocketUrl: d.webSocketUrl,
    userId: d.personId,
    orgId: d.orgId,
    deviceType: 'WEB',
    name: 'g2g simulated device',
    creationTime: world.clock.iso(d.created),
    modificationTime: world.clock.iso(),
    services: Object.fromEntries(
      Object.entries(serviceUrls(req.baseUrl)).map(([k, v]) => [`${k}ServiceUrl`, v]),
    ),
    features: { developer: [], entitlement: [], user: [] },
    intranetInactivityDuration: 1800,
    intranetInactivityCheckUrl: `${req.baseUrl}/wdm/api/v1/ping`,
  };
}

export function deviceRoutes(r: Router, world: World): void {
  r.post('/wdm/api/v1/devices', (req) => {
    const token = requireToken(world, req);
    const device = world.devices.register({
      baseUrl: req.baseUrl,
      webSocketUrl: (id) => websocketUrl(req.baseUrl, id),
      personId: token.personId,
      orgId: token.orgId,
    });
    return { status: 200, body: deviceView(world, req, device) };
  });

  const ownDevice = (req: SimRequest, id: string) => {
    const token = requireToken(world, req);
    const device = world.devices.byDeviceUrl(`${req.baseUrl}/wdm/api/v1/devices/${id}`);
    if (!device || device.personId !== token.personId) throw notFound('Device not found.');
    return device;
  };
  r.get('/wdm/api/v1/devices/:id', (req, p) => ({
    status: 200,
    body: deviceView(world, req, ownDevice(req, p.id!)),
  }));
  r.put('/wdm/api/v1/devices/:id', (req, p) => ({
    status: 200,
    body: deviceView(world, req, ownDevice(req, p.id!)),
  }));
  r.delete('/wdm/api/v1/devices/:id', (req, p) => {
    world.devices.delete(ownDevice(req, p.id!));
    return { status: 204 };
  });
  r.get('/wdm/api/v1/ping', () => ({ status: 200, body: {} }));

  // Calliope (media cluster discovery): no media here, so no clusters.
  const clusters = () => ({
    status: 200,
    body: { clusters: {}, joinCookie: {}, discoveryOptions: {} },
  });
  r.post('/calliope/api/discovery/v1/clusters', clusters);
  r.get('/calliope/api/discovery/v1/clusters', clusters);
}
