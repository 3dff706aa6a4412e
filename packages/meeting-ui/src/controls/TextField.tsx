import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

/**
 * Props of {@link TextField}: any `<input>` attribute, and the words around it.
 * @public
 */
export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'children'> {
  /** Visible label (the input's accessible name). */
  label: ReactNode;
  /** Help under the input, linked to it by `aria-describedby`. */
  hint?: ReactNode;
  /** What is wrong with the value: shown, announced, and marks the input invalid. */
  error?: ReactNode;
}

/**
 * A labelled input with an optional hint and error, wired for assistive
 * technology (`aria-describedby`, `aria-invalid`, the error as an alert): the
 * components' own field, for an app's forms around them. Render it inside a
 * `MeetingUiRoot`.
 * @public
 */
export function TextField({
  label,
  hint,
  error,
  id,
  className,
  'aria-describedby': describedBy,
  'aria-invalid': invalid,
  ...input
}: TextFieldProps) {
  const generated = useId();
  const inputId = id ?? `g2g-field-${generated}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className={className ? `g2g-field ${className}` : 'g2g-field'}>
      <label className="g2g-label" htmlFor={inputId}>
        {label}
      </label>
      <input
        {...input}
        id={inputId}
        className="g2g-input"
        aria-invalid={error ? true : invalid}
        aria-describedby={[describedBy, hintId, errorId].filter(Boolean).join(' ') || undefined}
      />
      {hint && (
        <p id={hintId} className="g2g-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="g2g-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
