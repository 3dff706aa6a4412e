// The demo's own words in English and French. The language follows the
// browser (navigator.languages) until the person picks one with the switch;
// the choice is kept in localStorage. The meeting screens get the matching
// messages of @g2g/meeting-ui (`en`/`fr`), passed where they render.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'en' | 'fr';
const STORAGE = 'g2g-demo-lang';

const en = {
  skip: 'Skip to content',
  brand: 'g2g consultations',
  navLabel: 'Main',
  navOperator: 'Operator',
  navJoin: 'Join by number',
  language: 'Language',
  notFound: 'Page not found',
  goHome: 'Go to the start page',
  loading: 'Loading…',
  somethingWrong: 'Something went wrong.',
  retry: 'Try again',
  copied: 'Copied',
  copiedAnnouncement: ' copied to the clipboard',
  landingTitle: 'Video consultations, no Webex account needed',
  landingIntro:
    "A doctor and a patient, an agent and a customer: both join a real Webex meeting from the browser as guests. A Webex Service App sponsors the meeting; this demo's backend schedules it and hands out links.",
  organise: 'Organise',
  organiseBody: 'Create a consultation and send the host and guest their links or QR codes.',
  openOperator: 'Open the operator view',
  join: 'Join',
  joinBody: 'Have a meeting number, SIP address or meeting link? Join it as a guest.',
  joinByNumber: 'Join by number or link',
  meetingView: 'Meeting view',
  inPage: 'In this page',
  widget: 'Webex widget',
  loadingWidget: 'Loading the Webex widget…',
  yourName: 'Your name',
  yourNameSeen: 'Your name (others will see it)',
  checking: 'Checking…',
  gettingPass: 'Getting a guest pass…',
  incompleteLink:
    'This link is incomplete: it has no access code after the "#". Ask the organiser to send it again.',
  joinAsHost: 'Join as the host',
  joinConsultation: 'Join the consultation',
  gettingReady: 'Getting ready…',
  continue: 'Continue',
  gettingAccess: 'Getting your access…',
  linksExpire: 'Links expire after the consultation.',
  consultation: 'Consultation',
  destinationLabel: 'Meeting number, SIP address or link',
  destinationHint:
    'For example 2516 666 1234, 2516661234@example.webex.com or a https:// meeting link.',
};
export type DemoMessages = typeof en;

const fr: DemoMessages = {
  skip: 'Aller au contenu',
  brand: 'Consultations g2g',
  navLabel: 'Principal',
  navOperator: 'Opérateur',
  navJoin: 'Rejoindre par numéro',
  language: 'Langue',
  notFound: 'Page introuvable',
  goHome: 'Aller à la page d’accueil',
  loading: 'Chargement…',
  somethingWrong: 'Une erreur s’est produite.',
  retry: 'Réessayer',
  copied: 'Copié',
  copiedAnnouncement: ' copié dans le presse-papiers',
  landingTitle: 'Des consultations vidéo, sans compte Webex',
  landingIntro:
    'Un médecin et un patient, un conseiller et un client : tous deux rejoignent une vraie réunion Webex depuis le navigateur, en invités. Une Service App Webex parraine la réunion ; le serveur de cette démo la planifie et distribue les liens.',
  organise: 'Organiser',
  organiseBody: 'Créez une consultation et envoyez à l’hôte et à l’invité leurs liens ou codes QR.',
  openOperator: 'Ouvrir la vue opérateur',
  join: 'Rejoindre',
  joinBody: 'Vous avez un numéro de réunion, une adresse SIP ou un lien ? Rejoignez-la en invité.',
  joinByNumber: 'Rejoindre par numéro ou lien',
  meetingView: 'Affichage de la réunion',
  inPage: 'Dans cette page',
  widget: 'Widget Webex',
  loadingWidget: 'Chargement du widget Webex…',
  yourName: 'Votre nom',
  yourNameSeen: 'Votre nom (visible par les autres)',
  checking: 'Vérification…',
  gettingPass: 'Obtention d’un accès invité…',
  incompleteLink:
    'Ce lien est incomplet : il n’a pas de code d’accès après le « # ». Demandez à l’organisateur de le renvoyer.',
  joinAsHost: 'Rejoindre en tant qu’hôte',
  joinConsultation: 'Rejoindre la consultation',
  gettingReady: 'Préparation…',
  continue: 'Continuer',
  gettingAccess: 'Obtention de votre accès…',
  linksExpire: 'Les liens expirent après la consultation.',
  consultation: 'Consultation',
  destinationLabel: 'Numéro de réunion, adresse SIP ou lien',
  destinationHint:
    'Par exemple 2516 666 1234, 2516661234@example.webex.com ou un lien de réunion https://.',
};

const TABLES: Record<Lang, DemoMessages> = { en, fr };

/** The browser's first language we speak, else English. */
export function browserLang(languages: readonly string[] = navigator.languages ?? []): Lang {
  for (const l of languages) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'fr' || base === 'en') return base;
  }
  return 'en';
}

const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({
  lang: 'en',
  setLang: () => {},
});

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const saved = localStorage.getItem(STORAGE);
    return saved === 'en' || saved === 'fr' ? saved : browserLang();
  });
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo(
    () => ({
      lang,
      setLang: (l: Lang) => {
        localStorage.setItem(STORAGE, l);
        setLangState(l);
      },
    }),
    [lang],
  );
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang() {
  return useContext(LangContext);
}

/** The demo's words in the current language. */
export function useT(): DemoMessages {
  return TABLES[useLang().lang];
}

/** English / Français, as a labelled select (each option in its own language). */
export function LanguageSwitch() {
  const { lang, setLang } = useLang();
  const t = useT();
  return (
    <label className="demo-lang">
      <span className="demo-visually-hidden">{t.language}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
        <option value="en" lang="en">
          English
        </option>
        <option value="fr" lang="fr">
          Français
        </option>
      </select>
    </label>
  );
}
