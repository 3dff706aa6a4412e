import { useInsertionEffect, type CSSProperties, type ReactNode } from 'react';
import { injectMeetingUiStyles } from './styles';

/** @public */
export type Theme = 'light' | 'dark';

/**
 * Props of {@link MeetingUiRoot}.
 * @public
 */
export interface MeetingUiRootProps {
  theme?: Theme;
  className?: string;
  style?: CSSProperties;
  /** Inject the stylesheet (default). `false` when the app ships `meetingUiCss` itself. */
  injectStyles?: boolean;
  children?: ReactNode;
  /** Landmark name; the root is a `region` only when it has one. */
  label?: string;
}

/**
 * The themed, contained box every component renders in (`.g2g-root`).
 * @public
 */
export function MeetingUiRoot({
  theme = 'light',
  className,
  style,
  injectStyles = true,
  children,
  label,
}: MeetingUiRootProps) {
  useInsertionEffect(() => {
    if (injectStyles) injectMeetingUiStyles();
  }, [injectStyles]);
  return (
    <div
      className={className ? `g2g-root ${className}` : 'g2g-root'}
      data-g2g-theme={theme}
      style={style}
      role={label ? 'region' : undefined}
      aria-label={label}
    >
      {children}
    </div>
  );
}
