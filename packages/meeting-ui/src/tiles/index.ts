/*
 * @g2g/meeting-ui/tiles: a video tile per participant of a multistream
 * meeting (webex@3), in grid, stage and share layouts. GuestJoin's meeting
 * screen loads it on demand once media runs multistream, so the join UI's
 * first load does not carry it.
 */
export { VideoTiles } from './VideoTiles';
export type { VideoTilesProps } from './VideoTiles';
export { VideoTile, tileLabel } from './VideoTile';
export type { VideoTileProps, TileState } from './VideoTile';
export { tilesEn, tilesFr } from '../i18n/tiles';
export type { TilesMessages } from '../i18n/tiles';
export { tilesCss } from './styles';
