import { useState } from 'react';
import { Button } from '@g2g/meeting-ui';
import { useT } from '../i18n';

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const t = useT();
  return (
    <Button
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
      <span className="g2g-sr-only" aria-live="polite">
        {copied ? t.copiedAnnouncement : ''}
      </span>
    </Button>
  );
}
