/*
 * What goes where in the tiles, as pure functions of a few ids: the React
 * side only measures its width and renders what these return.
 */
import type { VideoLayout } from '@g2g/meeting-hooks';

/** Widths (CSS px of the tiles' own box, not the window) where fewer tiles fit. */
export const WIDE = 880;
export const MEDIUM = 560;

/** How many tiles a page holds: 9 in a wide grid, fewer when narrow; a strip holds one row. */
export function perPage(area: 'grid' | 'strip', width: number): number {
  if (area === 'strip') return width >= WIDE ? 5 : width >= MEDIUM ? 4 : 3;
  return width >= WIDE ? 9 : width >= MEDIUM ? 6 : 4;
}

/** Columns of a grid page of `count` tiles: as few rows as fit, never wider than the page allows. */
export function columns(count: number, width: number): number {
  const max = width >= WIDE ? 3 : 2;
  if (count <= 1) return 1;
  if (count <= 4) return Math.min(2, max);
  return max;
}

export interface Arrangement {
  /** The big tile's member (stage), or null. */
  main: string | null;
  /** Everyone else in the grid or strip, in order. */
  rest: readonly string[];
}

/**
 * Orders the tiles and picks the big one. `people` are the others in roster
 * order; `withVideo` those the media server gives a pane. Pinned first, then
 * those with a pane (Webex fills panes with recent speakers, so they come to
 * the first page), then the rest; self last. The stage shows the pinned
 * member, else the loudest speaker, else the first.
 */
export function arrange(input: {
  layout: VideoLayout;
  people: readonly string[];
  withVideo: ReadonlySet<string>;
  pinnedId: string | null;
  speakerId: string | null;
  selfId: string | null;
}): Arrangement {
  const { people, withVideo, pinnedId } = input;
  const pinned = pinnedId && people.includes(pinnedId) ? pinnedId : null;
  const ordered = [
    ...(pinned ? [pinned] : []),
    ...people.filter((p) => p !== pinned && withVideo.has(p)),
    ...people.filter((p) => p !== pinned && !withVideo.has(p)),
  ];
  const all = input.selfId ? [...ordered, input.selfId] : ordered;
  if (input.layout !== 'stage' || !ordered.length) return { main: null, rest: all };
  const speaker = input.speakerId && people.includes(input.speakerId) ? input.speakerId : null;
  const main = pinned ?? speaker ?? ordered[0]!;
  return { main, rest: all.filter((p) => p !== main) };
}

/** The page to show of `pages` (a page that went away falls back to the last). */
export const clampPage = (page: number, pages: number) => Math.max(0, Math.min(page, pages - 1));

/** Two letters for a camera-off tile: first and last word's initials. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return '?';
  const first = [...words[0]!][0] ?? '';
  const last = words.length > 1 ? ([...words[words.length - 1]!][0] ?? '') : '';
  return (first + last).toLocaleUpperCase();
}
