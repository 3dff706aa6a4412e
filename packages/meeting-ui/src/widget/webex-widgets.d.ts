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
