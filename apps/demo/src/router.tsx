import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

// A router of a few lines: the demo has four routes and no nesting.
const listeners = new Set<() => void>();

// One guard at a time (the meeting screen sets it): asked before an in-app
// navigation, so a link in the header cannot drop someone out of a meeting.
let guard: (() => boolean) | null = null;
export function setNavigationGuard(next: (() => boolean) | null): void {
  guard = next;
}

export function navigate(to: string): void {
  if (guard && !guard()) return;
  window.history.pushState(null, '', to);
  listeners.forEach((l) => l());
}

export function useLocation(): { pathname: string; hash: string } {
  const read = () => ({ pathname: window.location.pathname, hash: window.location.hash });
  const [loc, setLoc] = useState(read);
  useEffect(() => {
    const update = () => setLoc(read());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return loc;
}

export function Link({
  to,
  onClick,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  return (
    <a
      {...rest}
      href={to}
      onClick={(e: MouseEvent<HTMLAnchorElement>) => {
        onClick?.(e);
        if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(to);
      }}
    />
  );
}
