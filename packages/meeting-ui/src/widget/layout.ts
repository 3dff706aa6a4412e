/**
 * Remote video layouts of the stock widget.
 * @public
 */
export type WidgetLayout = 'grid' | 'overlay' | 'stack' | 'prominent' | 'focus';

// The widget compares layout names case-sensitively and silently falls back
// to its default on anything else, so the wrapper owns the spelling.
const STOCK_LAYOUTS = {
  grid: 'Grid',
  overlay: 'Overlay',
  stack: 'Stack',
  prominent: 'Prominent',
  focus: 'Focus',
} as const satisfies Record<WidgetLayout, string>;

export type StockLayout = (typeof STOCK_LAYOUTS)[WidgetLayout];

export const toStockLayout = (layout: WidgetLayout = 'grid'): StockLayout => STOCK_LAYOUTS[layout];
