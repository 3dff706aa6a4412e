import { requireToken } from '../http/auth';
import { jsonBody } from '../http/body';
import { notFound } from '../http/errors';
import type { Router } from '../http/router';
import type { ClientLogUpload } from '../world/types';
import type { World } from '../world/world';
import { CLIENT_LOG_UPLOAD_PATH as UPLOAD_PATH_PREFIX } from './urls';

/**
 * Metrics and client-log uploads: what a quiet cloud does with them.
 *
 * Logs follow `webex.upload()` (webex-core) as `internal-plugin-support`
 * drives it on every leave unless `meetings.autoUploadLogs` is false:
 * `POST {clientLogs}/logs/urls {file}` → `{tempURL, logFilename, userId}`,
 * `PUT tempURL` with the log text (no token, like a pre-signed URL), then
 * `POST {clientLogs}/logs/meta {filename, data, userId}`. Without a
 * `tempURL` in the first answer the SDK logs "a `resource` parameter is required".
 */
export function sinkRoutes(r: Router, world: World): void {
  const remember = (u: ClientLogUpload) => world.clientLogs.remember(u);

  // Every metrics resource the SDKs post to (`clientmetrics`, `clientmetrics-prelogin`,
  // `metrics`): accepted, nothing to answer.
  // webex@3's RtcMetrics (multistream connections, and a multistream attempt that
  // falls back to transcoded) posts `{unifiedTelemetry}/metric/v2`.
  for (const method of ['post', 'put'] as const) {
    r[method]('/metrics/api/v1/*', () => ({ status: 204 }));
    r[method]('/unifiedtelemetry/api/v1/*', () => ({ status: 204 }));
  }

  // There is no KMS here (see KNOWN_SDK_DEFECTS): said plainly rather than
  // with a 404 that looks like a missing route. Only webex@2.60.4's calendar
  // plugin asks, on `ready`; meetings never need a key.
  r.get('/encryption/api/v1/kms/:userId', () => ({
    status: 501,
    body: {
      message: 'webex-sim has no KMS (key management service): encrypted content is not simulated.',
      errors: [{ description: 'KMS is not simulated.' }],
    },
  }));

  r.post('/clientlogs/api/v1/logs/urls', (req) => {
    const token = requireToken(world, req);
    const body = jsonBody(req);
    const id = world.ids.uuid();
    const file = typeof body.file === 'string' && body.file ? body.file : `${id}.txt`;
    remember({ id, personId: token.personId, file });
    return {
      status: 200,
      body: {
        tempURL: `${req.baseUrl}${UPLOAD_PATH_PREFIX}${id}`,
        logFilename: `${id}/${file}`,
        userId: token.personId,
      },
    };
  });
  // The temporary URL is capability-like (no token), as a pre-signed storage URL is.
  r.put(`${UPLOAD_PATH_PREFIX}:id`, (req, p) => {
    const upload = world.clientLogs.find((u) => u.id === p.id);
    if (!upload) throw notFound('No such upload.');
    upload.bytes = req.rawBody.length;
    return { status: 200 };
  });
  r.post('/clientlogs/api/v1/logs/meta', (req) => {
    const token = requireToken(world, req);
    const body = jsonBody(req);
    const filename = typeof body.filename === 'string' ? body.filename : '';
    const upload = world.clientLogs.find((u) => `${u.id}/${u.file}` === filename);
    if (!upload) throw notFound('No log upload has that filename.');
    const data = Array.isArray(body.data)
      ? (body.data as { key?: unknown; value?: unknown }[])
      : [];
    upload.metadata = Object.fromEntries(
      data
        .filter((d) => typeof d?.key === 'string')
        .map((d) => [d.key as string, String(d.value ?? '')]),
    );
    return { status: 200, body: { filename, userId: token.personId } };
  });
}
