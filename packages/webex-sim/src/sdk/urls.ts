import { discoveryFor } from '@g2g/webex-spec';

/**
 * Where each cloud service lives on the simulator. The U2C catalog hands
 * these out, so the SDK finds every service back on this one port.
 */
export function serviceUrls(base: string) {
  return {
    u2c: discoveryFor(base).u2c,
    hydra: discoveryFor(base).hydra,
    wdm: `${base}/wdm/api/v1`,
    locus: `${base}/locus/api/v1`,
    'webex-appapi-service': `${base}/wbxappapi/v1`,
    metrics: `${base}/metrics/api/v1`,
    // webex@3 posts WebRTC stats of multistream connections here (`metric/v2`).
    unifiedTelemetry: `${base}/unifiedtelemetry/api/v1`,
    clientLogs: `${base}/clientlogs/api/v1`,
    calliopeDiscovery: `${base}/calliope/api/discovery/v1`,
    idbroker: `${base}/idb`,
    identity: `${base}/identity/scim/v1`,
    conversation: `${base}/conversation/api/v1`,
    encryption: `${base}/encryption/api/v1`,
    llm: `${base}/llm/api/v1`,
    mercuryApi: `${base}/mercury/api/v1`,
    broadworksIdpProxy: `${base}/broadworks/api/v1`,
  } as const;
}

export const mercuryPath = '/mercury/api/v1/apps/wx2/registrations';

export function websocketUrl(base: string, deviceId: string): string {
  return `${base.replace(/^http/, 'ws')}${mercuryPath}/${deviceId}/messages`;
}

/**
 * Where client-log uploads are PUT (the `tempURL` of `POST {clientLogs}/logs/urls`):
 * outside the API, like the pre-signed storage URL Webex hands out.
 */
export const CLIENT_LOG_UPLOAD_PATH = '/clientlogs/upload/';
