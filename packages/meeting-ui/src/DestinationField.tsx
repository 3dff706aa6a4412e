import { useId, useState, type ChangeEvent, type InputHTMLAttributes } from 'react';
import {
  parseDestination,
  type Destination,
  type JoinError,
  type ParseDestinationOptions,
  type ParseDestinationResult,
} from '@g2g/meeting-hooks';

const TYPE_LABELS: Record<Destination['type'], string> = {
  MEETING_ID: 'Meeting number',
  SIP_URI: 'SIP address',
  MEETING_LINK: 'Meeting link',
};

/**
 * Props of {@link DestinationField}. Any other input attribute passes through to the `<input>`.
 * @public
 */
export interface DestinationFieldProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'defaultValue' | 'onChange' | 'type'
> {
  /** Visible label. */
  label?: string;
  /** Help shown under the field until there is something to say about the input. */
  hint?: string;
  /** Controlled value. Omit it (and use `defaultValue`) for an uncontrolled field. */
  value?: string;
  defaultValue?: string;
  /** Called on every edit with the raw text and what it parses to. */
  onChange?: (value: string, result: ParseDestinationResult) => void;
  /** Extra Webex domains for links and SIP addresses, as for `parseDestination`. */
  webexDomains?: ParseDestinationOptions['webexDomains'];
  /**
   * What each kind of destination is called in the line that confirms the input
   * ("Meeting number: 25166661234"). English by default; pass them for another language.
   */
  typeLabels?: Partial<Record<Destination['type'], string>>;
  /**
   * The words for a destination that does not parse. By default the parser's own
   * English message, which says precisely what is wrong; another language can map
   * `error.code` (for example to `fr.errors[error.code]` of `@g2g/meeting-ui`).
   */
  errorMessage?: (error: JoinError) => string;
}

/**
 * A labelled text field for a meeting destination that explains what is wrong
 * with it in words, using `parseDestination` from `@g2g/meeting-hooks`.
 *
 * Errors appear once the person leaves the field (or on a form's submit, via
 * `aria-invalid`), not on every keystroke, and are announced politely.
 * @public
 */
export function DestinationField({
  label = 'Meeting number, SIP address or link',
  hint = 'For example 2516 666 1234, 2516661234@example.webex.com or a https:// meeting link.',
  value,
  defaultValue = '',
  onChange,
  webexDomains,
  typeLabels,
  errorMessage,
  id,
  className,
  onBlur,
  ...inputProps
}: DestinationFieldProps) {
  const generatedId = useId();
  const inputId = id ?? `g2g-destination-${generatedId}`;
  const [ownValue, setOwnValue] = useState(defaultValue);
  const [touched, setTouched] = useState(false);
  const current = value ?? ownValue;
  const result = parseDestination(current, webexDomains ? { webexDomains } : {});
  const showError = touched && current.trim() !== '' && !result.ok;

  const handleChange = (event: ChangeEvent<HTMLInputElement>) => {
    const next = event.target.value;
    if (value === undefined) setOwnValue(next);
    onChange?.(next, parseDestination(next, webexDomains ? { webexDomains } : {}));
  };

  const messageId = `${inputId}-message`;
  let message = hint;
  if (showError) message = errorMessage ? errorMessage(result.error) : result.error.message;
  else if (result.ok) {
    const type = result.destination.type;
    message = `${typeLabels?.[type] ?? TYPE_LABELS[type]}: ${result.destination.value}`;
  }

  return (
    <div className={['g2g-field g2g-destination-field', className].filter(Boolean).join(' ')}>
      <label className="g2g-label g2g-destination-field__label" htmlFor={inputId}>
        {label}
      </label>
      <input
        {...inputProps}
        id={inputId}
        type="text"
        inputMode="text"
        autoComplete="off"
        spellCheck={false}
        className="g2g-input g2g-destination-field__input"
        value={current}
        onChange={handleChange}
        onBlur={(event) => {
          setTouched(true);
          onBlur?.(event);
        }}
        aria-invalid={showError || undefined}
        aria-describedby={messageId}
      />
      <p
        id={messageId}
        className={`${showError ? 'g2g-error' : 'g2g-muted'} g2g-destination-field__message`}
        data-state={showError ? 'error' : result.ok ? 'valid' : 'hint'}
        aria-live="polite"
      >
        {message}
      </p>
    </div>
  );
}
