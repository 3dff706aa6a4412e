import { useState } from 'react';
import { WebexMeetingWidget } from '@g2g/meeting-ui/widget';
import { discovery } from '../sim';

/** The stock Webex widget, with the wrapper's checks, timeout and callbacks. */
export default function WidgetJoin(props: {
  accessToken: string;
  destination: string;
  displayName: string;
  password?: string;
}) {
  const [state, setState] = useState<string>('loading');
  return (
    <div className="demo-stack">
      <p role="status" className="demo-muted" data-testid="widget-state">
        Widget: {state}
      </p>
      <WebexMeetingWidget
        accessToken={props.accessToken}
        destination={props.destination}
        displayName={props.displayName}
        {...(props.password ? { password: props.password } : {})}
        connectTimeoutMs={30_000}
        // The simulator in sim mode, set at run time (a build-time `process.env` define would be compiled away).
        {...(discovery ? { discovery } : {})}
        onStateChange={(s: unknown) =>
          setState(typeof s === 'string' ? s : String((s as { status?: string })?.status ?? s))
        }
        style={{ height: '70vh' }}
      />
    </div>
  );
}
