import { useEffect, useState } from 'react';

/** A QR code of `text` as inline SVG (the encoder loads with the operator view only). */
export function QrCode({ text, label }: { text: string; label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode').then(async (qr) => {
      const out = await qr.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      if (live) setSvg(out);
    });
    return () => {
      live = false;
    };
  }, [text]);
  if (!svg) return <div className="demo-qr demo-qr--pending" aria-hidden="true" />;
  // The SVG comes from our own encoder, not from user input.
  return (
    <div
      className="demo-qr"
      role="img"
      aria-label={label}
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}
