import type { Router } from '../http/router';

/** Metrics and client-log uploads: accepted and dropped, as a quiet cloud would. */
export function sinkRoutes(r: Router): void {
  const accept = () => ({ status: 204 });
  for (const method of ['post', 'put'] as const) {
    r[method]('/metrics/api/v1/*', accept);
  }
  r.post('/clientlogs/api/v1/logs/url', (req) => ({
    status: 200,
    body: {
      tempURL: `${req.baseUrl}/clientlogs/api/v1/upload`,
      logFilename: 'sim.log',
      userId: 'sim',
      url: `${req.baseUrl}/clientlogs/api/v1/upload`,
    },
  }));
  r.put('/clientlogs/api/v1/upload', accept);
  r.post('/clientlogs/api/v1/*', () => ({ status: 200, body: {} }));
}
