// The stock guest form keeps its fields in React state the widget owns. A
// value set through the native setter plus an `input` event is what React's
// onChange listens to, so the form's own state follows.
function setInputValue(input: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  setter?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

const FORM = '.wxc-meeting-guest-authentication';

// The form renders before its meeting subscription has delivered the meeting
// id; typing into it (or pressing Start) before then throws inside the widget
// ("Could not find meeting with ID null"). Nothing in its DOM tells when the
// id arrives, so the fill waits for the form to have settled.
export const PREFILL_DELAY_MS = 600;

/**
 * Fills the widget's guest form (name, password) and, when a password was
 * given, presses "Start meeting" once. Why not `meetingPasswordOrPin`: given
 * that prop the widget never shows its form, so a wrong password fails
 * silently. Filled in here, a wrong one leaves the form on screen with the
 * widget's "Incorrect password" under the field.
 */
export function prefillGuestForm(
  root: ParentNode,
  values: { name?: string; password?: string },
): void {
  const form = root.querySelector(FORM);
  if (!form) return;
  const name = form.querySelector<HTMLInputElement>('input[name="name"]');
  const password = form.querySelector<HTMLInputElement>('input[name="password"]');
  if (name && values.name && !name.value) setInputValue(name, values.name);
  if (!password || !values.password) return;
  setInputValue(password, values.password);
  // The button enables on the re-render that follows the input event.
  setTimeout(() => {
    const start = form.querySelector<HTMLButtonElement>(`${FORM}__start-button`);
    if (start && !start.disabled) start.click();
  });
}
