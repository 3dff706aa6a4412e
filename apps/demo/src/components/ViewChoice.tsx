/** Where the meeting shows: our in-page UI (GuestJoin) or the stock Webex widget. */
export type MeetingView = 'in-page' | 'widget';

export function ViewChoice({
  value,
  onChange,
}: {
  value: MeetingView;
  onChange: (v: MeetingView) => void;
}) {
  return (
    <fieldset>
      <legend>Meeting view</legend>
      {(
        [
          ['in-page', 'In this page'],
          ['widget', 'Webex widget'],
        ] as const
      ).map(([view, label]) => (
        <label key={view}>
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
