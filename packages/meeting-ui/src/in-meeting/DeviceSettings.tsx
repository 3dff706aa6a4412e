import { useEffect, useId, useState } from 'react';
import { useLocalMedia, useSession } from '@g2g/meeting-hooks/react';
import type { PartProps } from '../join/shared';
import { DeviceSelect } from '../media/DeviceSelect';
import { canChooseSpeaker, playbackOf, setSpeaker } from '../media/audio-playback';
import { useInMeetingMessages } from './messages';

/**
 * A labelled speaker picker: the meeting's remote audio moves to the chosen
 * output (`HTMLMediaElement.setSinkId`). Where the browser cannot choose
 * (Safari, Firefox without the pref), it says so instead.
 * @public
 */
export function SpeakerSelect({ session, messages }: PartProps) {
  const m = useInMeetingMessages(messages);
  const active = useSession({ session });
  const id = useId();
  const [outputs, setOutputs] = useState<MediaDeviceInfo[]>([]);
  const [value, setValue] = useState(() => playbackOf(active).sinkId);
  const supported = canChooseSpeaker();
  const { state } = useLocalMedia({ session: active });
  const granted = state.microphone.status === 'on' || state.camera.status === 'on';
  useEffect(() => {
    if (!supported) return;
    const media = globalThis.navigator?.mediaDevices;
    let live = true;
    const list = () =>
      void media
        ?.enumerateDevices?.()
        .then((all) => live && setOutputs(all.filter((d) => d.kind === 'audiooutput')))
        .catch(() => {});
    list();
    media?.addEventListener?.('devicechange', list);
    return () => {
      live = false;
      media?.removeEventListener?.('devicechange', list);
    };
  }, [supported, granted]);
  if (!supported) return <p className="g2g-muted">{m.im.speakerUnsupported}</p>;
  if (!outputs.length) return null;
  return (
    <div className="g2g-field">
      <label className="g2g-label" htmlFor={id}>
        {m.im.speaker}
      </label>
      <select
        id={id}
        className="g2g-select"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          void setSpeaker(active, e.target.value);
        }}
      >
        {!outputs.some((d) => d.deviceId === value) && <option value={value}>—</option>}
        {outputs.map((d, i) => (
          <option key={d.deviceId || i} value={d.deviceId}>
            {d.label || `${m.im.speaker} ${i + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}

type AudioContextCtor = new () => AudioContext;

/**
 * How loud the microphone is, as a `<meter>` (0–1) updated about ten times
 * a second from an `AnalyserNode` on the local microphone stream. Nothing
 * while the microphone is off or the browser has no Web Audio.
 * @public
 */
export function MicLevel({ session, messages }: PartProps) {
  const m = useInMeetingMessages(messages);
  const { state } = useLocalMedia({ session });
  const stream = state.microphone.status === 'on' ? state.microphone.stream : null;
  const muted = state.microphone.muted;
  const [level, setLevel] = useState(0);
  const id = useId();
  useEffect(() => {
    const Ctor = (globalThis.AudioContext ??
      (globalThis as { webkitAudioContext?: AudioContextCtor }).webkitAudioContext) as
      AudioContextCtor | undefined;
    if (!stream || !Ctor || typeof MediaStream === 'undefined' || !(stream instanceof MediaStream))
      return;
    if (!stream.getAudioTracks().length) return;
    const ctx = new Ctor();
    const source = ctx.createMediaStreamSource(stream);
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    // A timer, not requestAnimationFrame: ten readings a second are enough for
    // a meter, and they go on in a background tab at the browser's pace.
    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      const rms = Math.sqrt(sum / samples.length);
      // Speech sits around 0.02–0.2 RMS; a square root spreads it over the meter.
      setLevel(Math.min(1, Math.round(Math.sqrt(rms * 5) * 20) / 20));
    }, 100);
    return () => {
      clearInterval(timer);
      source.disconnect();
      void ctx.close().catch(() => {});
      setLevel(0);
    };
  }, [stream]);
  if (!stream) return null;
  return (
    <div className="g2g-field">
      <span className="g2g-label" id={id}>
        {m.im.micLevel}
      </span>
      <meter
        className="g2g-meter"
        aria-labelledby={id}
        min={0}
        max={1}
        low={0.15}
        high={0.85}
        optimum={0.5}
        value={muted ? 0 : level}
        data-g2g-level={muted ? 0 : level}
      />
    </div>
  );
}

/**
 * In-meeting device settings: camera, microphone (with its level) and speaker.
 * @public
 */
export function DeviceSettings(props: PartProps) {
  return (
    <div className="g2g-settings__fields">
      <DeviceSelect kind="camera" {...props} />
      <DeviceSelect kind="microphone" {...props} />
      <MicLevel {...props} />
      <SpeakerSelect {...props} />
    </div>
  );
}
