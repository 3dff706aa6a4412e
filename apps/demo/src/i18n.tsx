// The demo's language: it follows the browser (navigator.languages) until the
// person picks one with the switch; the choice is kept in localStorage. The
// words themselves live in one table per language (./messages/en.ts, fr.ts).
// The meeting screens get the matching messages of @g2g/meeting-ui
// (`en`/`fr`), passed where they render.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, type DemoMessages } from './messages/en';
import { fr } from './messages/fr';

export type { DemoMessages };

export type Lang = 'en' | 'fr';
const STORAGE = 'g2g-demo-lang';

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
      <span className="g2g-sr-only">{t.language}</span>
      <select className="g2g-select" value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
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

/** A date and time in the demo's language ("2 déc. 2026, 14:30"). */
export function useFormatTime(): (iso: string) => string {
  const { lang } = useLang();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    return (iso: string) => format.format(new Date(iso));
  }, [lang]);
}
