/*
 * The video tiles' stylesheet: loaded with the tiles, not up front. Same
 * rules as the main one (only `g2g-` classes, `--g2g-*` custom properties);
 * `dist/styles.css` carries it too. Widths follow the tiles' own box
 * (`data-g2g-width`), not the window, so they fit wherever they are put.
 */
import { useEffect, useInsertionEffect } from 'react';

export const TILES_STYLE_ID = 'g2g-meeting-ui-tiles-styles';
const MAIN_STYLE_ID = 'g2g-meeting-ui-styles';

/**
 * The video tiles' stylesheet (also in `styles.css`).
 * @public
 */
export const tilesCss: string = `
.g2g-tiles{display:flex;flex-direction:column;gap:8px;min-width:0}
.g2g-tiles__bar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:8px}
.g2g-tiles__layouts{display:flex;flex-wrap:wrap;gap:6px}
.g2g-tiles__btn{min-height:36px;padding:4px 12px;font-size:.9rem}
.g2g-tiles__list{list-style:none;margin:0;padding:0;display:grid;gap:8px;grid-template-columns:repeat(var(--g2g-cols,3),minmax(0,1fr))}
.g2g-tiles__list>li{min-width:0}
.g2g-tiles__pager{display:flex;align-items:center;justify-content:center;gap:8px;font-variant-numeric:tabular-nums}
.g2g-tiles__empty{margin:0;color:var(--g2g-muted)}
.g2g-vtile{position:relative;margin:0;aspect-ratio:16/9;overflow:hidden;border-radius:var(--g2g-radius);background:var(--g2g-video-bg);color:var(--g2g-on-video);display:flex;align-items:center;justify-content:center;min-width:0}
.g2g-vtile{container-type:inline-size}
.g2g-vtile::after{content:"";position:absolute;inset:0;border-radius:inherit;pointer-events:none}
.g2g-vtile[data-g2g-speaking=true]::after{box-shadow:inset 0 0 0 3px var(--g2g-speaking,#3fb950)}
.g2g-vtile video{width:100%;height:100%;object-fit:cover;display:block}
.g2g-vtile--share video{object-fit:contain}
.g2g-vtile__off{display:flex;flex-direction:column;align-items:center;gap:4px;padding:8px 8px 30px;text-align:center;min-width:0;max-width:100%}
.g2g-vtile__avatar{display:flex;align-items:center;justify-content:center;width:2.6em;height:2.6em;border-radius:50%;background:#3b4452;color:#fff;font-weight:650;font-size:1.1rem}
.g2g-vtile--large .g2g-vtile__avatar{font-size:2rem}
.g2g-vtile__why{display:block;font-size:.85rem;max-width:100%}
.g2g-vtile__why::first-letter{text-transform:uppercase}
.g2g-vtile__name{position:absolute;left:6px;bottom:6px;max-width:calc(100% - 12px);display:flex;align-items:center;gap:4px;padding:2px 8px;border-radius:6px;background:rgba(0,0,0,.72);color:#fff;font-size:.85rem}
.g2g-vtile--large .g2g-vtile__name{font-size:1rem}
.g2g-vtile__text{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;min-width:0}
.g2g-vtile__icon{width:16px;height:16px;flex:none;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
.g2g-vtile__pin{position:absolute;top:6px;right:6px;z-index:1;width:36px;height:36px;display:flex;align-items:center;justify-content:center;padding:0;border-radius:50%;border:1px solid rgba(255,255,255,.7);background:rgba(0,0,0,.6);color:#fff;cursor:pointer}
.g2g-vtile__pin[aria-pressed=true]{background:#fff;color:#1b1f24}
.g2g-vtile__pin:focus-visible{outline:3px solid var(--g2g-focus);outline-offset:2px}
@container (max-width:260px){.g2g-vtile__off{gap:2px;padding:4px 6px 26px}.g2g-vtile__avatar{font-size:.8rem}.g2g-vtile__why{font-size:.75rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}}
.g2g-tiles[data-g2g-width=narrow] .g2g-tiles__list .g2g-vtile{aspect-ratio:4/3}
.g2g-tiles[data-g2g-width=narrow] .g2g-vtile__name{font-size:.78rem;left:4px;bottom:4px;max-width:calc(100% - 8px);padding:1px 6px}
.g2g-tiles[data-g2g-width=narrow] .g2g-vtile__pin{width:32px;height:32px;top:4px;right:4px}
.g2g-tiles[data-g2g-width=narrow] .g2g-tiles__list .g2g-vtile__avatar{font-size:.95rem}
`;

/**
 * Adds the tiles' stylesheet once, if the main one was injected (an app
 * with `injectStyles={false}` ships `styles.css`, which has it).
 */
export function injectTilesStyles(doc: Document = document): void {
  if (!doc.getElementById(MAIN_STYLE_ID) || doc.getElementById(TILES_STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = TILES_STYLE_ID;
  style.textContent = tilesCss;
  doc.head.appendChild(style);
}

/**
 * Injects the tiles' stylesheet: before paint when the main sheet is in (the
 * tiles loaded later), else once effects run, since a `MeetingUiRoot` around
 * the tiles injects the main sheet after its children's insertion effects.
 */
export function useTilesStyles(): void {
  useInsertionEffect(() => injectTilesStyles(), []);
  useEffect(() => injectTilesStyles(), []);
}
