/*
 * The in-meeting screen's stylesheet: loaded with the in-meeting code, not up
 * front. Same rules as the main one (only `g2g-` classes, `--g2g-*` custom
 * properties). `dist/styles.css` carries both.
 */
export const IN_MEETING_STYLE_ID = 'g2g-meeting-ui-in-meeting-styles';
const MAIN_STYLE_ID = 'g2g-meeting-ui-styles';

/**
 * The in-meeting screen's stylesheet (also in `styles.css`).
 * @public
 */
export const inMeetingCss = `
.g2g-in-meeting{gap:var(--g2g-space)}
.g2g-meeting__top{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:8px 16px;min-width:0}
.g2g-meeting__top .g2g-heading{min-width:0;max-width:100%;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.g2g-meeting__meta{display:flex;flex-wrap:wrap;align-items:center;gap:12px;color:var(--g2g-muted);font-size:.92rem}
.g2g-timer{font-variant-numeric:tabular-nums}
.g2g-stage{position:relative;display:grid;gap:var(--g2g-space);grid-template-columns:minmax(0,2fr) minmax(0,1fr);align-items:start;min-width:0}
.g2g-stage>.g2g-video{min-width:0;flex:none}
.g2g-stage--tiles{display:block}
.g2g-stage[data-g2g-share=true]{grid-template-columns:minmax(0,3fr) minmax(0,1fr)}
.g2g-stage[data-g2g-share=true]>.g2g-video:first-child{grid-row:span 2}
.g2g-video__label{max-width:calc(100% - 16px);overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.g2g-name{min-width:0;flex:1 1 8em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.g2g-roster-panel{display:flex;flex-direction:column;gap:8px;min-width:0}
.g2g-roster__item{min-width:0}
.g2g-ellipsis{min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.g2g-roster__actions{display:flex;flex-wrap:wrap;gap:6px}
.g2g-button--small{min-height:32px;padding:4px 10px;font-size:.9rem}
.g2g-button{display:inline-flex;align-items:center;gap:8px;max-width:100%}
.g2g-spinner--small{width:16px;height:16px;border-width:2px;flex:none}
.g2g-controls{position:sticky;bottom:0;z-index:2;display:flex;flex-direction:column;gap:6px;padding:10px 0;background:var(--g2g-bg);border-top:1px solid var(--g2g-border)}
.g2g-controls__row{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.g2g-confirm{display:flex;flex-wrap:wrap;gap:8px;align-items:center;padding:4px 8px;border:2px solid var(--g2g-danger);border-radius:calc(var(--g2g-radius)*.6)}
.g2g-confirm__question{font-weight:600;min-width:0;max-width:100%;overflow-wrap:anywhere;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:3;overflow:hidden}
.g2g-banner-slot:empty{display:none}
.g2g-banner{display:flex;gap:8px;align-items:center;margin:0;padding:8px 12px;border-radius:8px;background:var(--g2g-fg);color:var(--g2g-bg);font-weight:600}
.g2g-banner--ok{background:var(--g2g-surface);color:var(--g2g-fg)}
.g2g-notice{margin:0;padding:8px 12px;border-radius:8px;border:2px solid var(--g2g-accent);font-weight:600;overflow-wrap:anywhere;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:3;overflow:hidden}
.g2g-notice:empty{display:none}
.g2g-quality{display:inline-flex;align-items:flex-end;gap:4px}
.g2g-quality__bars{display:inline-flex;align-items:flex-end;gap:2px;height:14px}
.g2g-quality__bar{width:4px;background:var(--g2g-border);border-radius:1px}
.g2g-quality__bar:nth-child(1){height:5px}.g2g-quality__bar:nth-child(2){height:9px}.g2g-quality__bar:nth-child(3){height:14px}
.g2g-quality__bar[data-on=true]{background:var(--g2g-fg)}
.g2g-quality[data-g2g-quality=poor] .g2g-quality__bar[data-on=true]{background:var(--g2g-danger)}
.g2g-settings{display:flex;flex-direction:column;gap:8px;padding:12px;border:1px solid var(--g2g-border);border-radius:var(--g2g-radius)}
.g2g-settings__fields{display:grid;gap:12px;grid-template-columns:repeat(auto-fit,minmax(200px,1fr))}
.g2g-meter{width:100%;height:14px}
@media (max-width:640px){
.g2g-root:has(.g2g-in-meeting){padding:8px}
.g2g-stage{grid-template-columns:1fr}
.g2g-stage>.g2g-video[data-g2g-self=true]{position:absolute;right:8px;top:8px;width:34%;min-width:0;aspect-ratio:3/4;z-index:1;border:2px solid var(--g2g-bg)}
.g2g-stage>.g2g-video[data-g2g-self=true] .g2g-video__label{left:4px;bottom:4px;max-width:calc(100% - 8px);padding:2px 6px;font-size:.75rem}
.g2g-stage>.g2g-video[data-g2g-self=true] .g2g-badge{font-size:inherit;padding:0 5px;max-width:100%;white-space:normal}
.g2g-stage[data-g2g-share=true]>.g2g-video:first-child{grid-row:auto}
.g2g-controls__row{gap:6px}
.g2g-controls .g2g-button{padding:8px 10px;flex:1 1 auto;justify-content:center}
}
`;

/**
 * Adds the in-meeting stylesheet once, if the main one was injected (an app
 * with `injectStyles={false}` ships `styles.css`, which has both).
 */
export function injectInMeetingStyles(doc: Document = document): void {
  if (!doc.getElementById(MAIN_STYLE_ID) || doc.getElementById(IN_MEETING_STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = IN_MEETING_STYLE_ID;
  style.textContent = inMeetingCss;
  doc.head.appendChild(style);
}
