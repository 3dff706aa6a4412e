// @webex/widgets ships no types. Only what the wrapper passes is declared.
declare module '@webex/widgets' {
  import type { ComponentType, CSSProperties } from 'react';

  export interface StockMeetingsWidgetProps {
    accessToken: string;
    meetingDestination: string;
    meetingPasswordOrPin?: string;
    participantName?: string;
    /** Case-sensitive. */
    layout?: 'Grid' | 'Overlay' | 'Stack' | 'Prominent' | 'Focus';
    controls?: (inMeeting: boolean) => string[];
    controlsCollapseRangeStart?: number;
    controlsCollapseRangeEnd?: number;
    fedramp?: boolean;
    className?: string;
    style?: CSSProperties;
  }

  export const WebexMeetingsWidget: ComponentType<StockMeetingsWidgetProps>;
}

declare module '@webex/widgets/dist/css/webex-widgets.css';

// webex-core@2.60.4 (the widget's SDK's core) ships no types. Only the
// defaults the wrapper sets are declared: every new SDK merges them in.
declare module '@webex/webex-core' {
  export const config: {
    services: { discovery: { u2c: string; hydra: string } };
    device: { preDiscoveryServices: { hydra: string; hydraServiceUrl: string } };
  };
}
