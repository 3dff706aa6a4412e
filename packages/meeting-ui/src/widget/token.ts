import { JoinError } from '@g2g/meeting-hooks';
import { isWebexTokenFormat } from '@g2g/webex-spec';

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
  // The widget's SDK throws on any other format from inside an effect,
  // leaving its loading logo up for ever: checking first is the only way to say so.
  if (!isWebexTokenFormat(token))
    throw new JoinError('token-invalid', 'This access token is not in a format Webex accepts.');
  return token;
}
