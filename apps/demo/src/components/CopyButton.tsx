import { useState } from 'react';
import { useT } from '../i18n';

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const t = useT();
  return (
    <button
      type="button"
      className="demo-secondary"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(
          () => {
            setCopied(true);
            setTimeout(() => setCopied(false), 2000);
          },
          () => setCopied(false),
        );
      }}
    >
      {copied ? t.copied : label}
      <span className="demo-visually-hidden" aria-live="polite">
        {copied ? t.copiedAnnouncement : ''}
      </span>
    </button>
  );
}
