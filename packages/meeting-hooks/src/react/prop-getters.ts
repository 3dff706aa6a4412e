import type { ButtonHTMLAttributes, InputHTMLAttributes } from 'react';
import type { JoinState } from '../core/state';

type InputProps = InputHTMLAttributes<HTMLInputElement>;
type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement>;

const failedOn = (state: JoinState, reason: 'wrong-password' | 'wrong-captcha') =>
  state.status === 'password-required' &&
  state.lastAttemptFailed &&
  (state.failureReason === reason ||
    (reason === 'wrong-password' && state.failureReason === 'other'));

/**
 * Props for the password (or host key) input: type, autocomplete, `required`,
 * `disabled` outside `password-required`, and `aria-invalid` after a wrong
 * password. Your own props win.
 */
export function getPasswordFieldProps(state: JoinState, props: InputProps = {}): InputProps {
  return {
    type: 'password',
    name: 'password',
    autoComplete: 'current-password',
    required: true,
    disabled: state.status !== 'password-required',
    'aria-invalid': failedOn(state, 'wrong-password'),
    ...props,
  };
}

/**
 * Props for the captcha code input: `required` and visible only while a
 * captcha is demanded, `aria-invalid` after a wrong code.
 */
export function getCaptchaFieldProps(state: JoinState, props: InputProps = {}): InputProps {
  const captcha =
    state.status === 'password-required' || state.status === 'verifying' ? state.captcha : null;
  const required = !!captcha?.required;
  return {
    type: 'text',
    name: 'captcha',
    autoComplete: 'off',
    autoCapitalize: 'characters',
    spellCheck: false,
    required,
    hidden: !required,
    disabled: state.status !== 'password-required' || !required,
    'aria-invalid': failedOn(state, 'wrong-captcha'),
    ...props,
  };
}

/** Props for the submit button: disabled unless a password can be sent, `aria-busy` while checking. */
export function getSubmitProps(state: JoinState, props: ButtonProps = {}): ButtonProps {
  return {
    type: 'submit',
    disabled: state.status !== 'password-required',
    'aria-busy': state.status === 'verifying',
    ...props,
  };
}
