/*
 * The components' stylesheet. Contained: every selector is a `g2g-` class,
 * never an element, id or :root selector, so nothing leaks into the host app.
 * Themable: everything visual reads a `--g2g-*` custom property, whose
 * defaults sit in `:where()` (zero specificity) so any app rule on the
 * component (its `className`, `style`, or `.g2g-root`) overrides them.
 */
export const STYLE_ELEMENT_ID = 'g2g-meeting-ui-styles';

export const meetingUiCss = `
:where(.g2g-root){--g2g-font:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;--g2g-radius:10px;--g2g-space:16px;--g2g-bg:#fff;--g2g-surface:#f3f5f8;--g2g-fg:#1b1f24;--g2g-muted:#4b5563;--g2g-border:#8a94a3;--g2g-accent:#0b5cad;--g2g-on-accent:#fff;--g2g-danger:#b42318;--g2g-on-danger:#fff;--g2g-focus:#1d4ed8;--g2g-video-bg:#1b1f24;--g2g-on-video:#fff}
:where(.g2g-root[data-g2g-theme=dark]){--g2g-bg:#15181d;--g2g-surface:#222831;--g2g-fg:#f3f4f6;--g2g-muted:#c3c9d2;--g2g-border:#7d8794;--g2g-accent:#8cc2ff;--g2g-on-accent:#0b1220;--g2g-danger:#ffa197;--g2g-on-danger:#1f0906;--g2g-focus:#ffd166;--g2g-video-bg:#000}
.g2g-root{box-sizing:border-box;font-family:var(--g2g-font);color:var(--g2g-fg);background:var(--g2g-bg);border-radius:var(--g2g-radius);padding:var(--g2g-space);line-height:1.4;max-width:960px}
.g2g-root *,.g2g-root *::before,.g2g-root *::after{box-sizing:inherit}
.g2g-step{display:flex;flex-direction:column;gap:calc(var(--g2g-space)*.75)}
.g2g-heading{font-size:1.35rem;margin:0;font-weight:650}
.g2g-heading:focus{outline:none}
.g2g-heading:focus-visible{outline:3px solid var(--g2g-focus);outline-offset:3px}
.g2g-text{margin:0}
.g2g-muted{margin:0;color:var(--g2g-muted);font-size:.92rem}
.g2g-field{display:flex;flex-direction:column;gap:4px}
.g2g-label{font-weight:600}
.g2g-input,.g2g-select{font:inherit;color:var(--g2g-fg);background:var(--g2g-bg);border:1px solid var(--g2g-border);border-radius:calc(var(--g2g-radius)*.6);padding:8px 10px;min-height:40px}
.g2g-input[aria-invalid=true]{border-color:var(--g2g-danger);border-width:2px}
.g2g-input:focus-visible,.g2g-select:focus-visible,.g2g-button:focus-visible{outline:3px solid var(--g2g-focus);outline-offset:2px}
.g2g-error{margin:0;color:var(--g2g-danger);font-weight:600}
.g2g-row{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.g2g-button{display:inline-flex;align-items:center;justify-content:center;text-decoration:none;font:inherit;font-weight:600;cursor:pointer;min-height:40px;padding:8px 16px;border-radius:calc(var(--g2g-radius)*.6);border:1px solid var(--g2g-border);background:var(--g2g-surface);color:var(--g2g-fg)}
.g2g-button[aria-pressed=true]{background:var(--g2g-fg);color:var(--g2g-bg)}
.g2g-button--primary{background:var(--g2g-accent);border-color:var(--g2g-accent);color:var(--g2g-on-accent)}
.g2g-button--danger{background:var(--g2g-danger);border-color:var(--g2g-danger);color:var(--g2g-on-danger)}
.g2g-button:disabled,.g2g-button[aria-disabled=true]{cursor:not-allowed;opacity:.75}
.g2g-link{font:inherit;background:none;border:none;padding:0;color:var(--g2g-fg);text-decoration:underline;cursor:pointer;align-self:flex-start}
.g2g-row>.g2g-link{align-self:center}
.g2g-link:focus-visible{outline:3px solid var(--g2g-focus);outline-offset:2px}
.g2g-video{position:relative;background:var(--g2g-video-bg);color:var(--g2g-on-video);border-radius:var(--g2g-radius);aspect-ratio:16/9;overflow:hidden;display:flex;align-items:center;justify-content:center;min-width:200px;flex:1 1 240px;margin:0}
.g2g-video video{width:100%;height:100%;object-fit:cover}
.g2g-video__label{position:absolute;left:8px;bottom:8px;padding:2px 8px;border-radius:6px;background:rgba(0,0,0,.72);color:#fff;font-size:.85rem}
.g2g-video__label.g2g-tile__label{display:flex;flex-wrap:wrap;align-items:center;gap:2px 6px;max-width:calc(100% - 16px);white-space:normal}
.g2g-tile__name{min-width:0;max-width:100%;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.g2g-tile__label .g2g-badge{flex:none;white-space:nowrap}
.g2g-grid{display:flex;flex-wrap:wrap;gap:var(--g2g-space)}
.g2g-spinner{width:28px;height:28px;border-radius:50%;border:3px solid var(--g2g-surface);border-top-color:var(--g2g-accent);animation:g2g-spin 1s linear infinite}
@keyframes g2g-spin{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.g2g-spinner{animation-duration:3s}}
.g2g-captcha{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.g2g-captcha__image{background:#fff;border:1px solid var(--g2g-border);border-radius:6px;max-width:100%}
.g2g-roster{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:6px}
.g2g-roster__item{display:flex;flex-wrap:wrap;gap:8px;align-items:center;padding:6px 10px;border-radius:8px;background:var(--g2g-surface)}
.g2g-badge{font-size:.8rem;padding:1px 8px;border-radius:999px;border:1px solid var(--g2g-border)}
.g2g-meeting{display:grid;gap:var(--g2g-space);grid-template-columns:minmax(0,3fr) minmax(180px,1fr)}
@media (max-width:640px){.g2g-meeting{grid-template-columns:1fr}}
.g2g-sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.g2g-widget{position:relative;min-height:360px}
.g2g-widget__mount{height:100%}
`;

/**
 * Adds the stylesheet to `document` once (idempotent, by element id). Apps
 * whose CSP forbids inline styles can ship `meetingUiCss` as a file instead
 * and pass `injectStyles={false}`.
 */
export function injectMeetingUiStyles(doc: Document = document): void {
  if (doc.getElementById(STYLE_ELEMENT_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ELEMENT_ID;
  style.textContent = meetingUiCss;
  doc.head.appendChild(style);
}
