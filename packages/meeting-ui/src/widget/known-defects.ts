/*
 * Errors the stock widget (and its webex@2.60.4) is known to leave uncaught,
 * contained while a widget is mounted so they do not surface as the host
 * app's uncaught errors. Each matcher is narrow; anything else passes through.
 */
type Matcher = (e: { name?: string; message?: string }) => boolean;

const WHILE_MOUNTED: readonly Matcher[] = [
  // Its arrow-key helper runs 700 ms after every mount (and it remounts
  // itself once its adapter connects) and reads its root without a check.
  (e) => e.name === 'TypeError' && /reading 'querySelector'/.test(e.message ?? ''),
  // After a failed verifyPassword it still calls join(), whose rejection is dropped.
  (e) => e.name === 'PasswordError' || e.name === 'CaptchaError',
  // Connect and unregister failures are not caught; the wrapper's timeout reports them.
  (e) => e.name === 'NetworkOrCORSError',
];

/**
 * Also contained for {@link LATE_MS} after the last widget goes: webex-core
 * 2.60.4 starts a second catalog collection while one is in flight (its
 * `ready` handler calls `collectPreauthCatalog` with no catch,
 * services.js:1023), and that second one waits on a 60 s timer
 * (service-catalog.js `waitForCatalog`). When the cloud is slow past it,
 * as after the wrapper's own timeout, the rejection comes long after unmount.
 */
const LATE: readonly Matcher[] = [
  (e) => /^services: timeout occured while waiting for '\w+' catalog/.test(e.message ?? ''),
];

/** webex-core's catalog wait (60 s) and a margin. */
export const LATE_MS = 65_000;

const matches = (list: readonly Matcher[], reason: unknown) =>
  !!reason && typeof reason === 'object' && list.some((m) => m(reason));

let mounted = 0;
let lateTimer: ReturnType<typeof setTimeout> | undefined;
const isKnown = (reason: unknown) =>
  matches(LATE, reason) || (mounted > 0 && matches(WHILE_MOUNTED, reason));
const onRejection = (event: PromiseRejectionEvent) => {
  if (isKnown(event.reason)) event.preventDefault();
};
const onError = (event: ErrorEvent) => {
  if (isKnown(event.error)) event.preventDefault();
};

function listen(on: boolean) {
  // The late stop can outlive a test environment's window (jsdom torn down).
  if (typeof window === 'undefined') return;
  if (on) {
    window.addEventListener('unhandledrejection', onRejection);
    window.addEventListener('error', onError);
  } else {
    window.removeEventListener('unhandledrejection', onRejection);
    window.removeEventListener('error', onError);
  }
}

/** Starts containing the widget's known uncaught errors; returns the stop function. */
export function containWidgetDefects(): () => void {
  if (lateTimer !== undefined) {
    clearTimeout(lateTimer);
    lateTimer = undefined;
  } else if (mounted === 0) listen(true);
  mounted++;
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    if (--mounted > 0) return;
    lateTimer = setTimeout(() => {
      lateTimer = undefined;
      listen(false);
    }, LATE_MS);
  };
}
