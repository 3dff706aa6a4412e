import { useId, type InputHTMLAttributes } from 'react';
import type { CaptchaChallenge as Challenge } from '@g2g/meeting-hooks';
import { mergeProps } from '@g2g/meeting-hooks/react';
import { useMessages, type MessageOverrides } from '../i18n/context';

/**
 * Props of {@link CaptchaChallenge}.
 * @public
 */
export interface CaptchaChallengeProps {
  captcha: Challenge;
  value: string;
  onChange: (code: string) => void;
  onRefresh: () => void;
  busy?: boolean;
  /** Extra props for the code input (e.g. from `getCaptchaFieldProps`). */
  inputProps?: InputHTMLAttributes<HTMLInputElement>;
  messages?: MessageOverrides;
}

/**
 * The captcha Webex asks for after repeated wrong passwords: the image (with
 * alt text), a button that speaks the code, a refresh, and the code field.
 * @public
 */
export function CaptchaChallenge({
  captcha,
  value,
  onChange,
  onRefresh,
  busy,
  inputProps,
  messages,
}: CaptchaChallengeProps) {
  const m = useMessages(messages);
  const id = useId();
  const listen = () => {
    if (captcha.audioUrl) void new Audio(captcha.audioUrl).play().catch(() => {});
  };
  return (
    <>
      <div className="g2g-captcha">
        {captcha.imageUrl && (
          <img className="g2g-captcha__image" src={captcha.imageUrl} alt={m.captchaImageAlt} />
        )}
        {captcha.audioUrl && (
          <button type="button" className="g2g-button" onClick={listen}>
            {m.captchaListen}
          </button>
        )}
        <button
          type="button"
          className="g2g-button"
          onClick={onRefresh}
          aria-disabled={busy || undefined}
        >
          {m.captchaRefresh}
        </button>
      </div>
      <div className="g2g-field">
        <label className="g2g-label" htmlFor={id}>
          {m.captchaCode}
        </label>
        <input
          {...mergeProps<InputHTMLAttributes<HTMLInputElement>>(inputProps, {
            id,
            className: 'g2g-input',
            value,
            readOnly: busy,
            onChange: (e) => onChange(e.target.value),
          })}
        />
      </div>
    </>
  );
}
