import { fr } from '@g2g/meeting-ui';
import { useLang } from './i18n';

/** The @g2g/meeting-ui messages for the demo's language (English is the default). */
export function useMeetingMessages() {
  return useLang().lang === 'fr' ? fr : undefined;
}
