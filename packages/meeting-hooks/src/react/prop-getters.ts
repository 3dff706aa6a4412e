import type { ButtonHTMLAttributes, InputHTMLAttributes } from 'react';
import type { JoinState } from '../core/state';
import { mergeProps } from './merge-props';

type InputProps = InputHTMLAttributes<HTMLInputElement>;
type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement>;

/**
 * A prop-getter: the props an element needs for the current state, merged
 * with yours (handlers chained, classes joined, the rest yours to override).
 * @public
 */
export type PropGetter<P> = (props?: P) => P;

const failedOn = (state: JoinState, reason: 'wrong-password' | 'wrong-captcha') =>
  state.status === 'password-required' &&
  state.lastAttemptFailed &&
  (state.failureReason === reason ||
    (reason === 'wrong-password' && state.failureReason === 'other'));

const asking = (state: JoinState) =>
  state.status === 'password-required' || state.status === 'verifying';

// While a secret is being checked the fields are read-only rather than
// disabled, so focus stays where it was; outside the password step they are
// disabled.
export function passwordFieldProps(state: JoinState, props?: InputProps): InputProps {
  return mergeProps<InputProps>(
    {
      type: 'password',
      name: 'password',
      autoComplete: 'current-password',
      required: true,
      disabled: !asking(state),
      readOnly: state.status === 'verifying',
      'aria-invalid': failedOn(state, 'wrong-password'),
    },
    props,
  );
}

export function captchaFieldProps(state: JoinState, props?: InputProps): InputProps {
  const required = asking(state) && (state as { captcha: { required: boolean } }).captcha.required;
  return mergeProps<InputProps>(
    {
      type: 'text',
      name: 'captcha',
      autoComplete: 'off',
      autoCapitalize: 'characters',
      spellCheck: false,
      required,
      hidden: !required,
      disabled: !required,
      readOnly: state.status === 'verifying',
      'aria-invalid': failedOn(state, 'wrong-captcha'),
    },
    props,
  );
}

// Busy is `aria-disabled` + `aria-busy`, not `disabled`: a disabled button
// drops keyboard focus mid-check.
export function submitProps(state: JoinState, props?: ButtonProps): ButtonProps {
  const busy = state.status === 'verifying';
  return mergeProps<ButtonProps>(
    {
      type: 'submit',
      disabled: !asking(state),
      'aria-disabled': busy || undefined,
      'aria-busy': busy,
    },
    props,
  );
}
