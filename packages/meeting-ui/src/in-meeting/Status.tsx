import { useEffect, useRef, useState } from 'react';
import {
  useJoinState,
  useNetworkQuality,
  useRoster,
  useSession,
} from '@g2g/meeting-hooks/react';
import type { PartProps } from '../join/shared';
import { useInMeetingMessages } from './messages';

/** `m:ss`, or `h:mm:ss` past an hour. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const mm = Math.floor((total % 3600) / 60);
  const ss = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/**
 * How long you have been in the meeting, from when this mounted (the
 * moment you joined). `role="timer"`: read on demand, never announced.
 * @public
 */
export function MeetingTimer({ messages, since }: PartProps & { since?: number }) {
  const m = useInMeetingMessages(messages);
  const [start] = useState(() => since ?? Date.now());
  const [now, setNow] = useState(start);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const text = formatElapsed(now - start);
  return (
    <span className="g2g-timer" role="timer" aria-label={m.im.elapsed(text)}>
      {text}
    </span>
  );
}

/**
 * The network quality levels the indicator shows. The hooks report `good`,
 * `poor` or `unknown`; `fair` is there for an integrator's own `quality`.
 * @public
 */
export type NetworkQuality = 'good' | 'fair' | 'poor' | 'unknown';

/**
 * A banner while the connection to the meeting is being re-established
 * (the `reconnecting` join state), announced politely; and once it is back,
 * a short "Reconnected".
 * @public
 */
export function ReconnectingBanner({ session, messages }: PartProps) {
  const m = useInMeetingMessages(messages);
  const { state } = useJoinState({ session });
  const reconnecting = state.status === 'reconnecting';
  const [back, setBack] = useState(false);
  const was = useRef(reconnecting);
  useEffect(() => {
    if (was.current && !reconnecting && state.status === 'joined') {
      setBack(true);
      const timer = setTimeout(() => setBack(false), 4000);
      was.current = reconnecting;
      return () => clearTimeout(timer);
    }
    was.current = reconnecting;
  }, [reconnecting, state.status]);
  return (
    <div role="status" className="g2g-banner-slot">
      {reconnecting ? (
        <p className="g2g-banner" data-g2g-banner="reconnecting">
          <span className="g2g-spinner g2g-spinner--small" aria-hidden="true" />
          {m.im.reconnecting}
        </p>
      ) : back ? (
        <p className="g2g-banner g2g-banner--ok" data-g2g-banner="reconnected">
          {m.im.reconnected}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The connection's quality as bars and words (`data-g2g-quality`), from the
 * session's network quality (`useNetworkQuality().state.overall`, as the SDK
 * reports it). `quality` overrides.
 * @public
 */
export function QualityIndicator({
  session,
  messages,
  quality,
}: PartProps & { quality?: NetworkQuality }) {
  const m = useInMeetingMessages(messages);
  const { state } = useNetworkQuality({ session });
  const q: NetworkQuality = quality ?? state.overall;
  const bars = { good: 3, fair: 2, poor: 1, unknown: 0 }[q];
  return (
    <span className="g2g-quality" data-g2g-quality={q} title={m.im.quality[q]}>
      <span className="g2g-quality__bars" aria-hidden="true">
        {[1, 2, 3].map((i) => (
          <span key={i} className="g2g-quality__bar" data-on={i <= bars} />
        ))}
      </span>
      <span className="g2g-sr-only">{m.im.quality[q]}</span>
    </span>
  );
}

/**
 * Options of {@link useKnockAlerts}.
 * @public
 */
export interface KnockAlertOptions extends PartProps {
  /** Play a short chime when someone starts waiting. Default `true`. */
  sound?: boolean;
  /** Put the number waiting in the tab's title, "(1) …". Default `true`. */
  titleBadge?: boolean;
  /** Off for people who cannot let anyone in. Default: while you are a host. */
  enabled?: boolean;
}

const BADGE = /^\(\d+\) /;

/** A two-note chime made on the spot (no audio file to ship or fetch). */
function chime() {
  const Ctor = globalThis.AudioContext as (new () => AudioContext) | undefined;
  if (!Ctor) return;
  try {
    const ctx = new Ctor();
    const gain = ctx.createGain();
    gain.connect(ctx.destination);
    gain.gain.setValueAtTime(0.0001, ctx.currentTime);
    [660, 880].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const t = ctx.currentTime + i * 0.18;
      osc.frequency.value = freq;
      osc.connect(gain);
      gain.gain.exponentialRampToValueAtTime(0.2, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.16);
      osc.start(t);
      osc.stop(t + 0.17);
    });
    setTimeout(() => void ctx.close().catch(() => {}), 800);
  } catch {
    // No sound is no failure: the announcement and the title still tell.
  }
}

/**
 * Tells a host that someone knocked: returns the sentence for an assertive
 * live region ("Bob is waiting in the lobby."), puts the number waiting in
 * the tab title while anyone waits, and plays a chime unless `sound` is off.
 * @public
 */
export function useKnockAlerts(options: KnockAlertOptions = {}): { announcement: string } {
  const { sound = true, titleBadge = true } = options;
  const m = useInMeetingMessages(options.messages);
  const active = useSession({ session: options.session });
  const { state } = useJoinState({ session: active });
  const enabled = options.enabled ?? (state.status === 'joined' && state.isHost);
  const lobby = useRoster({
    session: active,
    select: (r) => r.participants.filter((p) => p.inLobby),
  }).state;
  const seen = useRef<Set<string> | null>(null);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (!enabled) {
      seen.current = null;
      return;
    }
    const before = seen.current ?? new Set<string>();
    const arrived = lobby.filter((p) => !before.has(p.id));
    seen.current = new Set(lobby.map((p) => p.id));
    if (!arrived.length) return;
    setAnnouncement(m.im.knock(arrived.map((p) => p.name)));
    if (sound) chime();
  }, [enabled, lobby, sound, m]);
  const count = enabled ? lobby.length : 0;
  useEffect(() => {
    if (!titleBadge || typeof document === 'undefined') return;
    const plain = document.title.replace(BADGE, '');
    document.title = count ? `(${count}) ${plain}` : plain;
    return () => {
      document.title = document.title.replace(BADGE, '');
    };
  }, [count, titleBadge]);
  return { announcement: count ? announcement : '' };
}
