import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { usePasswordForm } from '@g2g/meeting-hooks/react';
import { useMessages } from '../i18n/context';
import { failureMessage } from '../i18n/en';
import { CaptchaChallenge } from './CaptchaChallenge';
import { StepHeading, type PartProps } from './shared';

/**
 * Props of {@link PasswordForm} and {@link HostKeyForm}.
 * @public
 */
export interface SecretFormProps extends PartProps {
  /** "I am the host" on the password form, "Back" on the host-key form. */
  onSwitch?: () => void;
}

/**
 * The password (or host key) form, with the captcha when Webex demands one.
 * Fields stay enabled (read-only) while checking, so focus is not lost;
 * after a wrong attempt the message is tied to the field and focus returns
 * to it.
 */
function SecretForm({
  session,
  messages,
  onSwitch,
  kind,
}: SecretFormProps & { kind: 'password' | 'host-key' }) {
  const m = useMessages(messages);
  const { state, actions, getPasswordFieldProps, getCaptchaFieldProps, getSubmitProps } =
    usePasswordForm({ session });
  const [secret, setSecret] = useState('');
  const [code, setCode] = useState('');
  const secretRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const asking = state.status === 'password-required' ? state : null;
  const failed = !!asking?.lastAttemptFailed;

  useEffect(() => {
    if (!asking?.lastAttemptFailed) return;
    if (asking.failureReason === 'wrong-captcha') {
      setCode('');
      document
        .getElementById(`${id}-form`)
        ?.querySelector<HTMLInputElement>('[name=captcha]')
        ?.focus();
    } else secretRef.current?.select();
  }, [asking, id]);

  if (state.status !== 'password-required' && state.status !== 'verifying') return null;
  const busy = state.status === 'verifying';
  const captcha = state.captcha;
  const host = kind === 'host-key';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || !secret) return;
    const c = captcha.required ? code : undefined;
    void (host ? actions.submitHostKey(secret, c) : actions.submitPassword(secret, c));
  };
  const describedBy = failed ? `${id}-error` : `${id}-hint`;

  return (
    <form id={`${id}-form`} className="g2g-step" onSubmit={submit} noValidate aria-busy={busy}>
      <StepHeading>
        {host ? m.hostKeyHeading : captcha.required ? m.captchaHeading : m.passwordHeading}
      </StepHeading>
      {captcha.required && <p className="g2g-muted">{m.captchaIntro}</p>}
      <div className="g2g-field">
        <label className="g2g-label" htmlFor={id}>
          {host ? m.hostKey : m.password}
        </label>
        <input
          ref={secretRef}
          {...getPasswordFieldProps({
            id,
            className: 'g2g-input',
            value: secret,
            onChange: (e) => setSecret(e.target.value),
            'aria-describedby': describedBy,
            ...(host ? { inputMode: 'numeric', autoComplete: 'off', name: 'hostKey' } : {}),
          })}
        />
        <p id={`${id}-hint`} className="g2g-muted" hidden={failed}>
          {host ? m.hostKeyHint : m.passwordHint}
        </p>
        {failed && (
          <p id={`${id}-error`} className="g2g-error">
            {failureMessage(m, asking.failureReason)}
          </p>
        )}
      </div>
      {captcha.required && (
        <CaptchaChallenge
          captcha={captcha}
          value={code}
          onChange={setCode}
          busy={busy}
          onRefresh={() => {
            if (!busy) void actions.refreshCaptcha();
          }}
          inputProps={getCaptchaFieldProps()}
          messages={messages}
        />
      )}
      <div className="g2g-row">
        <button {...getSubmitProps({ className: 'g2g-button g2g-button--primary' })}>
          {busy ? m.verifying : host ? m.submitHostKey : m.submitPassword}
        </button>
        {onSwitch && (
          <button type="button" className="g2g-link" onClick={onSwitch}>
            {host ? m.backToPassword : m.iAmTheHost}
          </button>
        )}
      </div>
    </form>
  );
}

/**
 * The meeting password, with wrong-password feedback and the captcha when demanded.
 * @public
 */
export const PasswordForm = (props: SecretFormProps) => <SecretForm {...props} kind="password" />;

/**
 * The host key: how a guest holding the key becomes the host.
 * @public
 */
export const HostKeyForm = (props: SecretFormProps) => <SecretForm {...props} kind="host-key" />;
