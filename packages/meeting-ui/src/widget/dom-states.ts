/**
 * What the stock widget is showing. The widget has no callbacks, so these are
 * read from the classes it renders (see {@link readWidgetState}).
 * @public
 */
export type WidgetState =
  | 'loading'
  | 'permission'
  | 'password-required'
  | 'host-key-required'
  | 'ready'
  | 'lobby'
  | 'joined'
  | 'left';

// Most specific first: the password modal sits over the interstitial, and the
// permission prompt replaces the whole meeting view.
const SELECTORS: readonly (readonly [WidgetState, string])[] = [
  ['permission', '.wxc-media-access'],
  ['password-required', '.wxc-meeting-guest-authentication'],
  ['host-key-required', '.wxc-meeting-host-authentication'],
  ['lobby', '.wxc-waiting-for-host'],
  ['joined', '.wxc-in-meeting'],
  ['ready', '.wxc-interstitial-meeting'],
  // "You've successfully left the meeting" is the only centred message it renders.
  ['left', '.wxc-meeting__centered'],
  ['loading', '.wxc-meeting__loading-logo'],
];

/**
 * The widget's state as its DOM shows it, or `null` before it has rendered
 * anything recognisable. Each state maps to one component of
 * `@webex/components@1.277.1`'s `WebexMeeting`: the loading logo (no meeting
 * object yet), the media-access prompt, the guest password and host-key
 * modals, the waiting-for-host screen (lobby), the in-meeting and
 * interstitial (pre-join) views, and the "left" message.
 * @public
 */
export function readWidgetState(root: ParentNode): WidgetState | null {
  for (const [state, selector] of SELECTORS) if (root.querySelector(selector)) return state;
  return null;
}

/**
 * Calls `onChange` with each new state of the widget rendered under `root`.
 * A MutationObserver (child list, subtree, class attributes) re-reads the
 * state after every DOM change React makes; only changes are reported.
 * @public
 */
export function observeWidgetState(
  root: Element,
  onChange: (state: WidgetState) => void,
): () => void {
  let last: WidgetState | null = null;
  const check = () => {
    const next = readWidgetState(root);
    if (next && next !== last) {
      last = next;
      onChange(next);
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(root, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['class'],
  });
  check();
  return () => observer.disconnect();
}
