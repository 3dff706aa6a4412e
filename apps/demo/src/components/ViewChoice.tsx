/** Where the meeting shows: our in-page UI (GuestJoin) or the stock Webex widget. */
export type MeetingView = 'in-page' | 'widget';

import { useT } from '../i18n';

export function ViewChoice({
  value,
  onChange,
}: {
  value: MeetingView;
  onChange: (v: MeetingView) => void;
}) {
  const t = useT();
  return (
    <fieldset>
      <legend>{t.meetingView}</legend>
      {(
        [
          ['in-page', t.inPage],
          ['widget', t.widget],
        ] as const
      ).map(([view, label]) => (
        <label key={view} className="demo-choice">
          <input
            type="radio"
            name="meeting-view"
            checked={value === view}
            onChange={() => onChange(view)}
          />{' '}
          {label}
        </label>
      ))}
    </fieldset>
  );
}
