import { JoinError } from '@g2g/meeting-hooks';

// The SDK's own format check (org id from a JWT `realm` claim, or the third
// `_`-separated field). The widget's SDK throws on anything else from inside
// an effect, leaving its loading logo up for ever: checking first is the only
// way to say so.
function looksLikeWebexToken(token: string): boolean {
  const payload = token.split('.')[1];
  if (payload) {
    try {
      const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as {
        realm?: unknown;
      };
      if (claims.realm) return true;
    } catch {
      // not a JWT: try the opaque form
    }
  }
  return token.split('_').length === 3;
}

/** Resolves the token the widget will be given, as a {@link JoinError} when there is none. */
export async function resolveWidgetToken(
  accessToken: string | undefined,
  getAccessToken: (() => Promise<string> | string) | undefined,
): Promise<string> {
  let token: string | undefined;
  try {
    token = accessToken ?? (await getAccessToken?.());
  } catch (cause) {
    throw new JoinError('network', 'The access token could not be fetched.', {
      cause,
      retryable: true,
    });
  }
  if (!token) throw new JoinError('token-invalid', 'No access token was given.');
  if (!looksLikeWebexToken(token))
    throw new JoinError('token-invalid', 'This access token is not in a format Webex accepts.');
  return token;
}
