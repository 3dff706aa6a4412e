import { useEffect, useState } from 'react';
import type { Theme } from '@g2g/meeting-ui';

const DARK = '(prefers-color-scheme: dark)';

/**
 * The person's light or dark preference, followed live: the demo's shell and
 * the meeting screens take the same theme of @g2g/meeting-ui.
 */
export function useColorScheme(): Theme {
  const query = () => (window.matchMedia?.(DARK).matches ? 'dark' : 'light');
  const [theme, setTheme] = useState<Theme>(query);
  useEffect(() => {
    const media = window.matchMedia?.(DARK);
    if (!media) return;
    const update = () => setTheme(media.matches ? 'dark' : 'light');
    media.addEventListener('change', update);
    return () => media.removeEventListener('change', update);
  }, []);
  return theme;
}
