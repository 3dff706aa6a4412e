import { useEffect, useRef, type ReactNode } from 'react';
import type { JoinSession } from '@g2g/meeting-hooks';
import type { MessageOverrides } from '../i18n/context';

/**
 * What every part of the UI accepts.
 * @public
 */
export interface PartProps {
  /** The session to show; defaults to the one from `<WebexMeeting>` (or `<JoinSessionProvider>`). */
  session?: JoinSession | null;
  /** Words to use instead of the provider's (or English). */
  messages?: MessageOverrides;
}

/** A step's heading: the element focus moves to when the step appears. */
export function StepHeading({ children, id }: { children: ReactNode; id?: string }) {
  return (
    <h2 className="g2g-heading" tabIndex={-1} data-g2g-step-heading="" id={id}>
      {children}
    </h2>
  );
}

/**
 * Moves focus to the heading of each new step (not on first render: a page
 * that shows the component should not have its focus taken on load), so
 * keyboard and screen-reader users land on what changed.
 */
export function useStepFocus(root: React.RefObject<HTMLElement | null>, step: string) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    root.current?.querySelector<HTMLElement>('[data-g2g-step-heading]')?.focus();
  }, [root, step]);
}

export const Spinner = () => <div className="g2g-spinner" aria-hidden="true" />;
