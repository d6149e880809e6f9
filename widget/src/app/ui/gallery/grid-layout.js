// Gallery geometry as pure functions: which grid, how big the tiles, where each one goes.
// Knows nothing of the DOM or WebRTC so it can be table-tested (see test/grid-layout.test.js).

/** Tiles on one page unless the host page asks otherwise. */
export const DEFAULT_MAX_VISIBLE = 25;
/** The hard cap: a 7×7 page. Beyond this tiles get too small to recognise anyone. */
export const MAX_VISIBLE_CAP = 49;
const MAX_COLUMNS = 7;
/** Below this height (CSS px) tiles go to further pages, in frames at least 500 px wide. */
export const MIN_TILE_HEIGHT = 90;

/**
 * Searches column counts for the grid whose 16:9 tiles cover the most area, as Jitsi's tile view does,
 * among the grids that show the most tiles at no less than the minimum tile height. When not every tile
 * fits, the grid holds one page and the rest go to further pages.
 * @param {object} o
 * @param {number} o.width    usable width in CSS px
 * @param {number} o.height   usable height in CSS px
 * @param {number} o.count    tiles to show in total
 * @param {number} [o.maxVisible] tiles per page at most (1..49, default 25)
 * @param {number} [o.gap]    space between tiles in px
 * @param {number} [o.aspect] tile width / height
 * @returns {{cols: number, rows: number, tileWidth: number, tileHeight: number, pageSize: number, pages: number}}
 */
export function gridLayout({ width, height, count, maxVisible = DEFAULT_MAX_VISIBLE, gap = 6, aspect = 16 / 9 }) {
  const cap = clampVisible(maxVisible);
  if (!(count > 0) || !(width > 0) || !(height > 0)) {
    return { cols: 0, rows: 0, tileWidth: 0, tileHeight: 0, pageSize: 0, pages: 0 };
  }
  // The smallest tile still worth a page of its own: 90 px (a 160x90 face with its name) so that a
  // class of 25 fits one 5x5 page of an ordinary frame, as in Zoom's gallery, where Jitsi's 200 px
  // paged a 520-px-high embed every 6 tiles; 150 px in narrow (phone) frames. Lowered in short frames
  // so that one still holds two rows rather than a single tile.
  const minTileHeight = Math.min(width < 500 ? 150 : MIN_TILE_HEIGHT, Math.max(60, Math.floor((height - gap) / 2)));
  // Rows that fit at the minimum tile height; at least one so a tiny frame still shows someone.
  const rowsThatFit = Math.max(1, Math.floor((height + gap) / (minTileHeight + gap)));
  let best = null;
  for (let cols = 1; cols <= Math.min(MAX_COLUMNS, count, cap); cols++) {
    const rows = Math.max(1, Math.min(Math.ceil(count / cols), Math.floor(cap / cols), rowsThatFit));
    const visible = Math.min(count, cols * rows);
    const tile = fit(aspect, (width - gap * (cols - 1)) / cols, (height - gap * (rows - 1)) / rows);
    // Tiles below the minimum height are unrecognisable: such a grid is used only as a last resort.
    if (tile.height < minTileHeight && cols > 1) continue;
    const area = tile.width * tile.height * visible;
    const candidate = {
      cols,
      rows,
      tileWidth: tile.width,
      tileHeight: tile.height,
      pageSize: cols * rows,
      visible,
      area
    };
    // Showing more people beats bigger tiles: never page someone away just to enlarge the others.
    if (!best || visible > best.visible || (visible === best.visible && area > best.area)) best = candidate;
  }
  // A page holds what the grid can show; pages only exist when some tiles do not fit on one.
  const pageSize = Math.min(best.pageSize, count);
  const { cols, rows } = shrinkToContent(best.cols, best.rows, pageSize);
  const tile = fit(aspect, (width - gap * (cols - 1)) / cols, (height - gap * (rows - 1)) / rows);
  return {
    cols,
    rows,
    tileWidth: Math.floor(tile.width),
    tileHeight: Math.floor(tile.height),
    pageSize: best.pageSize,
    pages: Math.ceil(count / best.pageSize)
  };
}

/**
 * Places `count` tiles of a grid layout inside a `width`×`height` box: rows top to bottom, the last
 * row centred when it is not full, the whole block centred.
 * @returns {{x: number, y: number, width: number, height: number}[]}
 */
export function gridRects(layout, count, width, height, gap = 6) {
  const { cols, tileWidth: w, tileHeight: h } = layout;
  const n = Math.min(count, layout.pageSize);
  if (!n) return [];
  const rows = Math.ceil(n / cols);
  const blockHeight = rows * h + (rows - 1) * gap;
  const top = Math.floor((height - blockHeight) / 2);
  const rects = [];
  for (let i = 0; i < n; i++) {
    const row = Math.floor(i / cols);
    const inRow = row === rows - 1 ? n - row * cols : cols;
    const rowWidth = inRow * w + (inRow - 1) * gap;
    const left = Math.floor((width - rowWidth) / 2);
    rects.push({ x: left + (i % cols) * (w + gap), y: top + row * (h + gap), width: w, height: h });
  }
  return rects;
}

/**
 * Speaker layout: one large stage tile on top and a strip of small tiles below it. The strip holds as
 * many 16:9 thumbnails as fit; the rest go to pages.
 * @returns {{stage: {x:number,y:number,width:number,height:number}, strip: {x:number,y:number,width:number,height:number}[], pageSize: number, pages: number}}
 */
export function speakerLayout({ width, height, count, gap = 6, aspect = 16 / 9, maxVisible = DEFAULT_MAX_VISIBLE }) {
  const others = Math.max(0, count - 1);
  const stripHeight = others ? Math.max(60, Math.min(150, Math.floor(height * 0.2))) : 0;
  const stageBox = { width, height: height - (others ? stripHeight + gap : 0) };
  const stageTile = fit(aspect, stageBox.width, stageBox.height);
  const stage = {
    x: Math.floor((width - stageTile.width) / 2),
    y: Math.floor((stageBox.height - stageTile.height) / 2),
    width: Math.floor(stageTile.width),
    height: Math.floor(stageTile.height)
  };
  const thumbWidth = Math.floor(stripHeight * aspect);
  const pageSize = others
    ? Math.max(1, Math.min(clampVisible(maxVisible) - 1, Math.floor((width + gap) / (thumbWidth + gap))))
    : 0;
  const shown = Math.min(others, pageSize);
  const rowWidth = shown * thumbWidth + Math.max(0, shown - 1) * gap;
  const left = Math.floor((width - rowWidth) / 2);
  const strip = [];
  for (let i = 0; i < shown; i++) {
    strip.push({ x: left + i * (thumbWidth + gap), y: height - stripHeight, width: thumbWidth, height: stripHeight });
  }
  return { stage, strip, pageSize, pages: pageSize ? Math.ceil(others / pageSize) : 0 };
}

/** Keeps `maxVisible` within 1..49. */
export function clampVisible(maxVisible) {
  const n = Math.floor(Number(maxVisible));
  return Number.isFinite(n) ? Math.min(MAX_VISIBLE_CAP, Math.max(1, n)) : DEFAULT_MAX_VISIBLE;
}

/** Drops empty rows (and columns) when a page holds fewer tiles than the grid has cells. */
function shrinkToContent(cols, rows, n) {
  const c = Math.min(cols, n);
  return { cols: c, rows: Math.min(rows, Math.ceil(n / c)) };
}

function fit(aspect, boxWidth, boxHeight) {
  const width = Math.max(0, Math.min(boxWidth, boxHeight * aspect));
  return { width, height: width / aspect };
}
