import { useMemo } from 'react';
import { useMessages, type MessageOverrides } from '../i18n/context';
import type { Messages } from '../i18n/en';

/**
 * The words of the in-meeting screen beyond the core {@link Messages}. They
 * load with the in-meeting code, not up front; the locale of the messages in
 * force (`locale` of `en` or `fr`) picks the language, and `inMeeting` in
 * your messages overrides any of them.
 * @public
 */
export interface InMeetingMessages {
  startingCamera: string;
  startingMicrophone: string;
  cameraOffBadge: string;
  participantsPresent: (count: number) => string;
  waitingCount: (count: number) => string;
  waitingHeading: string;
  muteParticipant: (name: string) => string;
  removeParticipant: (name: string) => string;
  removeConfirm: (name: string) => string;
  remove: string;
  lock: string;
  unlock: string;
  lockedNote: string;
  confirmLeave: string;
  confirmEnd: string;
  endNow: string;
  stay: string;
  share: string;
  stopShare: string;
  shareFailed: string;
  settings: string;
  closeSettings: string;
  speaker: string;
  speakerUnsupported: string;
  micLevel: string;
  elapsed: (time: string) => string;
  knock: (names: readonly string[]) => string;
  reconnecting: string;
  reconnected: string;
  quality: Record<'good' | 'fair' | 'poor' | 'unknown', string>;
}

/**
 * English in-meeting words.
 * @public
 */
export const inMeetingEn: InMeetingMessages = {
  startingCamera: 'Starting camera…',
  startingMicrophone: 'Starting microphone…',
  cameraOffBadge: 'camera off',
  participantsPresent: (n) => (n === 1 ? '1 in the meeting' : `${n} in the meeting`),
  waitingCount: (n) => (n === 1 ? '1 waiting in the lobby' : `${n} waiting in the lobby`),
  waitingHeading: 'In the lobby',
  muteParticipant: (name) => `Mute ${name}`,
  removeParticipant: (name) => `Remove ${name}`,
  removeConfirm: (name) => `Remove ${name} from the meeting?`,
  remove: 'Remove',
  lock: 'Lock meeting',
  unlock: 'Unlock meeting',
  lockedNote: 'Locked: new guests wait in the lobby.',
  confirmLeave: 'Leave the meeting?',
  confirmEnd: 'End the meeting for everyone?',
  endNow: 'End meeting',
  stay: 'Cancel',
  share: 'Share screen',
  stopShare: 'Stop sharing',
  shareFailed: 'Your screen could not be shared.',
  settings: 'Settings',
  closeSettings: 'Close settings',
  speaker: 'Speaker',
  speakerUnsupported: 'This browser plays sound on the system’s speaker.',
  micLevel: 'Microphone level',
  elapsed: (time) => `Time in meeting ${time}`,
  knock: (names) =>
    names.length === 1
      ? `${names[0]} is waiting in the lobby.`
      : `${names.length} people are waiting in the lobby.`,
  reconnecting: 'Connection lost. Reconnecting…',
  reconnected: 'Reconnected.',
  quality: {
    good: 'Connection: good',
    fair: 'Connection: fair',
    poor: 'Connection: poor',
    unknown: 'Connection: unknown',
  },
};

/**
 * French in-meeting words.
 * @public
 */
export const inMeetingFr: InMeetingMessages = {
  startingCamera: 'Démarrage de la caméra…',
  startingMicrophone: 'Démarrage du micro…',
  cameraOffBadge: 'caméra coupée',
  participantsPresent: (n) => `${n} dans la réunion`,
  waitingCount: (n) =>
    n <= 1 ? `${n} personne en salle d’attente` : `${n} personnes en salle d’attente`,
  waitingHeading: 'En salle d’attente',
  muteParticipant: (name) => `Couper le micro de ${name}`,
  removeParticipant: (name) => `Retirer ${name}`,
  removeConfirm: (name) => `Retirer ${name} de la réunion ?`,
  remove: 'Retirer',
  lock: 'Verrouiller la réunion',
  unlock: 'Déverrouiller la réunion',
  lockedNote: 'Verrouillée : les nouveaux invités attendent en salle d’attente.',
  confirmLeave: 'Quitter la réunion ?',
  confirmEnd: 'Terminer la réunion pour tout le monde ?',
  endNow: 'Terminer la réunion',
  stay: 'Annuler',
  share: 'Partager l’écran',
  stopShare: 'Arrêter le partage',
  shareFailed: 'Votre écran n’a pas pu être partagé.',
  settings: 'Réglages',
  closeSettings: 'Fermer les réglages',
  speaker: 'Haut-parleur',
  speakerUnsupported: 'Ce navigateur joue le son sur le haut-parleur du système.',
  micLevel: 'Niveau du micro',
  elapsed: (time) => `Durée dans la réunion ${time}`,
  knock: (names) =>
    names.length === 1
      ? `${names[0]} attend en salle d’attente.`
      : `${names.length} personnes attendent en salle d’attente.`,
  reconnecting: 'Connexion perdue. Reconnexion…',
  reconnected: 'Reconnecté.',
  quality: {
    good: 'Connexion : bonne',
    fair: 'Connexion : moyenne',
    poor: 'Connexion : mauvaise',
    unknown: 'Connexion : inconnue',
  },
};

const BY_LOCALE: Record<string, InMeetingMessages> = { en: inMeetingEn, fr: inMeetingFr };

/** The core messages in force plus the in-meeting words of their locale, with overrides. */
export function useInMeetingMessages(
  overrides?: MessageOverrides,
): Messages & { im: InMeetingMessages } {
  const m = useMessages(overrides);
  return useMemo(
    () => ({ ...m, im: { ...(BY_LOCALE[m.locale] ?? inMeetingEn), ...m.inMeeting } }),
    [m],
  );
}
