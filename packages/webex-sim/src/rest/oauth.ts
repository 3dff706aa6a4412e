import { formBody, jsonBody, str } from '../http/body';
import { HttpError, badRequest, notFound } from '../http/errors';
import type { Router } from '../http/router';
import { uuidFromHydraId } from '../ids';
import type { World, IssuedTokens } from '../world/world';

/** The token response shape of `/access_token` and `/applications/{id}/token`. */
export function tokenResponse(world: World, t: IssuedTokens) {
  return {
    access_token: t.access.value,
    expires_in: Math.round((t.access.expiresAt - world.now()) / 1000),
    refresh_token: t.refresh.value,
    refresh_token_expires_in: Math.round((t.refresh.expiresAt - world.now()) / 1000),
    token_type: 'Bearer',
  };
}

/** OAuth failures use their own shape, not the Webex envelope. [inferred] */
const oauthError = (status: number, error: string, description: string) =>
  new HttpError(status, description, [description], {}, { error, error_description: description });

export function oauthRoutes(r: Router, world: World): void {
  // POST /v1/access_token (form): the refresh grant.
  r.post('/v1/access_token', (req) => {
    const form = formBody(req);
    if (form.grant_type !== 'refresh_token') {
      throw oauthError(
        400,
        'unsupported_grant_type',
        'Only grant_type=refresh_token is supported here.',
      );
    }
    for (const field of ['client_id', 'client_secret', 'refresh_token']) {
      if (!form[field]) throw oauthError(400, 'invalid_request', `${field} is required.`);
    }
    const app = world.identity.app(form.client_id!);
    if (!app || app.clientSecret !== form.client_secret) {
      throw oauthError(401, 'invalid_client', 'The client_id or client_secret is not valid.');
    }
    const issued = world.tokens.refresh(form.refresh_token!, app);
    if (issued === 'invalid') {
      throw oauthError(
        400,
        'invalid_request',
        'The refresh token provided is expired, revoked, malformed, or invalid.',
      );
    }
    return { status: 200, body: tokenResponse(world, issued) };
  });

  // POST /v1/applications/{applicationId}/token: Service App token retrieval.
  r.post('/v1/applications/:applicationId/token', (req, p) => {
    const body = jsonBody(req);
    const clientId = str(body, 'clientId', { required: true });
    const clientSecret = str(body, 'clientSecret', { required: true });
    // Webex shows org ids in Hydra form (webhook envelopes, /people); accept both.
    const targetOrgInput = str(body, 'targetOrgId', { required: true });
    const targetOrgId = uuidFromHydraId(targetOrgInput) ?? targetOrgInput;
    const app = world.identity.appByApplicationId(p.applicationId!);
    if (!app) throw notFound('The application was not found.');
    if (app.clientId !== clientId || app.clientSecret !== clientSecret) {
      throw new HttpError(401, 'The client credentials are not valid.');
    }
    if (!world.identity.org(targetOrgId))
      throw badRequest('targetOrgId is not a known organization.');
    if (!app.authorizations.has(targetOrgId)) {
      throw new HttpError(
        403,
        'The Service App has not been authorized by a full administrator of the target organization.',
      );
    }
    const person = world.identity.machineAccount(app, targetOrgId);
    return {
      status: 200,
      body: tokenResponse(
        world,
        world.tokens.issuePair('service-app', app, targetOrgId, person.id, app.scopes),
      ),
    };
  });
}
