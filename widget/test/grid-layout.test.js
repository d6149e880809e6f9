import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  gridLayout,
  gridRects,
  speakerLayout,
  clampVisible,
  MIN_TILE_HEIGHT
} from '../src/app/ui/gallery/grid-layout.js';

const overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('picks the grid with the largest total tile area', () => {
  // [width, height, count] → [cols, rows]
  const table = [
    [1280, 720, 1, 1, 1],
    [1280, 720, 2, 2, 1],
    [1280, 720, 3, 2, 2],
    [1280, 720, 4, 2, 2],
    [1280, 720, 9, 3, 3],
    [400, 900, 3, 1, 3], // a tall, narrow frame stacks tiles
    [1920, 400, 4, 4, 1] // a wide, short frame lines them up
  ];
  for (const [width, height, count, cols, rows] of table) {
    const l = gridLayout({ width, height, count });
    assert.deepEqual([l.cols, l.rows], [cols, rows], `${width}x${height} with ${count} tiles`);
    assert.equal(l.pages, 1);
  }
});

test('tiles are 16:9 and fit the box', () => {
  for (const count of [1, 2, 3, 5, 8, 13, 25]) {
    const l = gridLayout({ width: 1200, height: 800, count, gap: 6 });
    assert.ok(Math.abs(l.tileWidth / l.tileHeight - 16 / 9) < 0.02, `aspect for ${count}`);
    assert.ok(l.cols * l.tileWidth + (l.cols - 1) * 6 <= 1200);
    assert.ok(l.rows * l.tileHeight + (l.rows - 1) * 6 <= 800);
  }
});

test('pages when tiles would be smaller than the minimum height', () => {
  const l = gridLayout({ width: 1280, height: 400, count: 30 });
  assert.ok(l.tileHeight >= MIN_TILE_HEIGHT, `tile height ${l.tileHeight}`);
  assert.ok(l.pageSize < 25, `page of ${l.pageSize}`);
  assert.equal(l.pages, Math.ceil(30 / l.pageSize));
});

test('a class of 25 fits one 5x5 page of an ordinary frame (the demo page, a 720p window)', () => {
  for (const [width, height] of [
    [1088, 549], // the demo page's tile area
    [1088, 509], // the same with the pager below it
    [1280, 720],
    [1920, 1000]
  ]) {
    const l = gridLayout({ width, height, count: 25 });
    assert.deepEqual([l.cols, l.rows, l.pages], [5, 5, 1], `25 tiles in ${width}x${height}`);
    assert.ok(l.tileHeight >= MIN_TILE_HEIGHT, `tile height ${l.tileHeight} in ${width}x${height}`);
  }
  // 49 make two pages of 25 (you and 24 others, then 24 more), not nine pages of six.
  const l = gridLayout({ width: 1088, height: 549, count: 49 });
  assert.deepEqual([l.pageSize, l.pages], [25, 2]);
});

test('25 tiles a page by default, up to 49 when asked, never more', () => {
  const big = { width: 7000, height: 4000, count: 60 };
  assert.equal(gridLayout(big).pageSize, 25);
  assert.equal(gridLayout({ ...big, maxVisible: 49 }).pageSize, 49);
  assert.equal(gridLayout({ ...big, maxVisible: 100 }).pageSize, 49);
  assert.equal(clampVisible(0), 1);
  assert.equal(clampVisible('x'), 25);
});

test('narrow frames use the 150 px minimum tile height', () => {
  const l = gridLayout({ width: 480, height: 640, count: 12 });
  assert.ok(l.tileHeight >= 150 || l.rows === 1, `tile height ${l.tileHeight}`);
});

test('empty or zero-sized boxes give an empty grid', () => {
  assert.equal(gridLayout({ width: 0, height: 500, count: 3 }).pageSize, 0);
  assert.equal(gridLayout({ width: 500, height: 500, count: 0 }).pages, 0);
  assert.deepEqual(gridRects(gridLayout({ width: 500, height: 500, count: 0 }), 0, 500, 500), []);
});

test('placed tiles never overlap and stay inside the box', () => {
  for (const [w, h, n] of [
    [1280, 720, 3],
    [1280, 720, 7],
    [800, 1000, 5],
    [1024, 600, 25],
    [640, 360, 2]
  ]) {
    const l = gridLayout({ width: w, height: h, count: n });
    const rects = gridRects(l, n, w, h);
    assert.equal(rects.length, Math.min(n, l.pageSize));
    for (const [i, a] of rects.entries()) {
      assert.ok(a.x >= 0 && a.y >= 0 && a.x + a.width <= w && a.y + a.height <= h, `tile ${i} inside ${w}x${h}`);
      for (const b of rects.slice(i + 1))
        assert.ok(!overlaps(a, b), `${JSON.stringify(a)} overlaps ${JSON.stringify(b)}`);
    }
  }
});

test('the grid fills the box along its limiting side', () => {
  const w = 1280,
    h = 720,
    n = 4;
  const l = gridLayout({ width: w, height: h, count: n, gap: 6 });
  const rects = gridRects(l, n, w, h, 6);
  const right = Math.max(...rects.map((r) => r.x + r.width)) - Math.min(...rects.map((r) => r.x));
  const bottom = Math.max(...rects.map((r) => r.y + r.height)) - Math.min(...rects.map((r) => r.y));
  assert.ok(right >= w - 2 || bottom >= h - 2, `block ${right}x${bottom} in ${w}x${h}`);
});

test('speaker layout: a stage above a strip of thumbnails', () => {
  const s = speakerLayout({ width: 1280, height: 720, count: 4 });
  assert.equal(s.strip.length, 3);
  for (const t of s.strip) assert.ok(!overlaps(t, s.stage));
  assert.ok(s.stage.height > s.strip[0].height * 2);
  assert.equal(s.pages, 1);
  const alone = speakerLayout({ width: 1280, height: 720, count: 1 });
  assert.equal(alone.strip.length, 0);
  assert.equal(alone.stage.width, 1280);
});

test('speaker layout pages thumbnails that do not fit the strip', () => {
  const s = speakerLayout({ width: 600, height: 500, count: 12 });
  assert.ok(s.pageSize < 11);
  assert.equal(s.pages, Math.ceil(11 / s.pageSize));
});

test('a short embed still shows several tiles rather than one a page', () => {
  const l = gridLayout({ width: 600, height: 300, count: 3 });
  assert.equal(l.pages, 1);
});
