import { useMemo } from 'react';
import type { PaneSourceState, VideoLayout } from '@g2g/meeting-hooks';
import { useMessages, type MessageOverrides } from './context';

/**
 * The words of the video tiles (`@g2g/meeting-ui/tiles`). Like the in-meeting
 * words, they load with the tiles, not up front: the `locale` of the messages
 * in force picks the language, and `tiles` in your messages overrides any.
 * @public
 */
export interface TilesMessages {
  /** The list of tiles. */
  region: string;
  /** Self's tile: `Ada (you)`. */
  self: (name: string) => string;
  /** When the roster has no name yet. */
  unnamed: string;
  muted: string;
  speaking: string;
  pinned: string;
  cameraOff: string;
  /** Why a tile shows no video, by the pane's source state (`live` is never shown). */
  source: Record<Exclude<PaneSourceState, 'live'>, string>;
  /** The pin switch of a tile (`aria-pressed` says whether it is on). */
  pin: (name: string) => string;
  previousPage: string;
  nextPage: string;
  page: (page: number, pages: number) => string;
  /** The group of layout buttons, and each layout's name. */
  layout: string;
  layouts: Record<VideoLayout, string>;
  /** The big share view: who shares, when the roster knows. */
  share: (name: string | null) => string;
  nobody: string;
}

/**
 * English tile words.
 * @public
 */
export const tilesEn: TilesMessages = {
  region: 'Participants’ video',
  self: (name) => `${name} (you)`,
  unnamed: 'Participant',
  muted: 'muted',
  speaking: 'speaking',
  pinned: 'pinned',
  cameraOff: 'camera off',
  source: {
    'no-source': 'no video',
    avoided: 'video unavailable',
    'bandwidth-limited': 'video paused: low bandwidth',
  },
  pin: (name) => `Pin ${name}`,
  previousPage: 'Previous participants',
  nextPage: 'Next participants',
  page: (page, pages) => `Page ${page} of ${pages}`,
  layout: 'Layout',
  layouts: { grid: 'Grid', stage: 'Speaker', share: 'Shared screen' },
  share: (name) => (name ? `Screen shared by ${name}` : 'Shared screen'),
  nobody: 'Nobody else is here yet',
};

/**
 * French tile words.
 * @public
 */
export const tilesFr: TilesMessages = {
  region: 'Vidéo des participants',
  self: (name) => `${name} (vous)`,
  unnamed: 'Participant',
  muted: 'micro coupé',
  speaking: 'parle',
  pinned: 'épinglé',
  cameraOff: 'caméra coupée',
  source: {
    'no-source': 'pas de vidéo',
    avoided: 'vidéo indisponible',
    'bandwidth-limited': 'vidéo en pause : bande passante faible',
  },
  pin: (name) => `Épingler ${name}`,
  previousPage: 'Participants précédents',
  nextPage: 'Participants suivants',
  page: (page, pages) => `Page ${page} sur ${pages}`,
  layout: 'Disposition',
  layouts: { grid: 'Mosaïque', stage: 'Intervenant', share: 'Écran partagé' },
  share: (name) => (name ? `Écran partagé par ${name}` : 'Écran partagé'),
  nobody: 'Personne d’autre n’est encore là',
};

const BY_LOCALE: Record<string, TilesMessages> = { en: tilesEn, fr: tilesFr };

/** The tile words of the locale in force, with overrides. */
export function useTilesMessages(overrides?: MessageOverrides): TilesMessages {
  const m = useMessages(overrides);
  return useMemo(() => ({ ...(BY_LOCALE[m.locale] ?? tilesEn), ...m.tiles }), [m]);
}
