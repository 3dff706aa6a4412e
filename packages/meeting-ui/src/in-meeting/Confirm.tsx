import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * Props of {@link ConfirmButton}.
 * @public
 */
export interface ConfirmButtonProps {
  /** The button's text ("Leave"). */
  children: ReactNode;
  /** The question asked before acting ("Leave the meeting?"). */
  question: string;
  /** The confirming button's text; default `children`. */
  confirmLabel?: ReactNode;
  cancelLabel: string;
  onConfirm: () => void;
  className?: string;
  /** Extra class of the confirming button (e.g. `g2g-button--danger`). */
  confirmClassName?: string;
  disabled?: boolean;
}

/**
 * A button that asks first: a click shows the question with a confirming
 * and a cancelling button in its place (focus on the cancel, the safe
 * choice); Escape or Cancel puts the button back and focus on it.
 * @public
 */
export function ConfirmButton(props: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (asking) cancel.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      trigger.current?.focus();
    }
  }, [asking]);
  const close = () => {
    returnFocus.current = true;
    setAsking(false);
  };
  if (!asking)
    return (
      <button
        ref={trigger}
        type="button"
        className={props.className ?? 'g2g-button'}
        disabled={props.disabled}
        aria-haspopup="true"
        onClick={() => setAsking(true)}
      >
        {props.children}
      </button>
    );
  return (
    <div
      role="group"
      aria-labelledby={id}
      className="g2g-confirm"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
    >
      {/* At most three lines (a 5,000-character name would fill the screen);
          the whole question in the tooltip and the group's accessible name. */}
      <span id={id} className="g2g-confirm__question" title={props.question}>
        {props.question}
      </span>
      <button
        type="button"
        className={['g2g-button', props.confirmClassName].filter(Boolean).join(' ')}
        onClick={() => {
          setAsking(false);
          props.onConfirm();
        }}
      >
        {props.confirmLabel ?? props.children}
      </button>
      <button ref={cancel} type="button" className="g2g-button" onClick={close}>
        {props.cancelLabel}
      </button>
    </div>
  );
}
