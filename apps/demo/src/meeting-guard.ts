// The meeting screen's place in the browser's history and navigation:
// entering it adds a history entry, so the browser's Back (and the screens'
// own "Back" buttons, which call history.back()) return to the form before
// it; while someone is in the meeting or its lobby, leaving the page, an
// in-app link or Back asks first.
import { useEffect, useRef } from 'react';
import type { JoinStep } from '@g2g/meeting-ui';
import { setNavigationGuard } from './router';

const MARK = 'g2gMeeting';
const inMeetingEntry = () => !!(window.history.state as Record<string, unknown> | null)?.[MARK];
const IN_CALL: readonly JoinStep[] = ['joined', 'lobby'];

export function useMeetingHistory(
  active: boolean,
  onExit: () => void,
  question: string,
): { onStepChange: (step: JoinStep) => void; back: () => void } {
  const inCall = useRef(false);
  const exit = useRef(onExit);
  exit.current = onExit;
  useEffect(() => {
    if (!active) return;
    if (!inMeetingEntry()) window.history.pushState({ [MARK]: true }, '', window.location.href);
    const ask = () => !inCall.current || window.confirm(question);
    const onPop = () => {
      if (inMeetingEntry()) return;
      if (!ask()) {
        // Stay: put the meeting's entry back.
        window.history.pushState({ [MARK]: true }, '', window.location.href);
        return;
      }
      inCall.current = false;
      exit.current();
    };
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!inCall.current) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('popstate', onPop);
    window.addEventListener('beforeunload', onBeforeUnload);
    setNavigationGuard(ask);
    return () => {
      window.removeEventListener('popstate', onPop);
      window.removeEventListener('beforeunload', onBeforeUnload);
      setNavigationGuard(null);
      inCall.current = false;
    };
  }, [active, question]);
  return {
    onStepChange: (step) => {
      inCall.current = IN_CALL.includes(step);
    },
    back: () => window.history.back(),
  };
}
