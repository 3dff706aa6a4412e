/*
 * Errors the stock widget (and its webex@2.60.4) is known to leave uncaught,
 * contained while a widget is mounted so they do not surface as the host
 * app's uncaught errors. Each matcher is narrow; anything else passes through.
 */
const MATCHERS: readonly ((e: { name?: string; message?: string }) => boolean)[] = [
  // Its arrow-key helper runs 700 ms after every mount (and it remounts
  // itself once its adapter connects) and reads its root without a check.
  (e) => e.name === 'TypeError' && /reading 'querySelector'/.test(e.message ?? ''),
  // After a failed verifyPassword it still calls join(), whose rejection is dropped.
  (e) => e.name === 'PasswordError' || e.name === 'CaptchaError',
  // Connect and unregister failures are not caught; the wrapper's timeout reports them.
  (e) => e.name === 'NetworkOrCORSError',
];

const isKnown = (reason: unknown) =>
  !!reason && typeof reason === 'object' && MATCHERS.some((m) => m(reason));

let mounted = 0;
const onRejection = (event: PromiseRejectionEvent) => {
  if (isKnown(event.reason)) event.preventDefault();
};
const onError = (event: ErrorEvent) => {
  if (isKnown(event.error)) event.preventDefault();
};

/** Starts containing the widget's known uncaught errors; returns the stop function. */
export function containWidgetDefects(): () => void {
  if (mounted++ === 0) {
    window.addEventListener('unhandledrejection', onRejection);
    window.addEventListener('error', onError);
  }
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    if (--mounted === 0) {
      window.removeEventListener('unhandledrejection', onRejection);
      window.removeEventListener('error', onError);
    }
  };
}
