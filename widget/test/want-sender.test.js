import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WantSender, WANT_COALESCE_MS } from '../src/app/media/want-sender.js';

/** Timers we fire by hand. */
function clock() {
  const timers = new Map();
  let next = 1;
  return {
    setTimer: (f, ms) => {
      timers.set(next, { f, ms });
      return next++;
    },
    clearTimer: (id) => timers.delete(id),
    fire() {
      const due = [...timers.values()];
      timers.clear();
      for (const t of due) t.f();
    },
    get pending() {
      return timers.size;
    },
    get delays() {
      return [...timers.values()].map((t) => t.ms);
    }
  };
}

const want = (...entries) =>
  entries.map((e) => {
    const [participantId, layer] = e.split(':');
    return { participantId, source: 'camera', layer };
  });

function sender() {
  const c = clock();
  const sent = [];
  const s = new WantSender((w) => sent.push(w.map((x) => `${x.participantId}:${x.layer}`).join(' ')), c);
  return { s, c, sent };
}

test('changes within one window go as one message: the last wish', () => {
  const { s, c, sent } = sender();
  s.update(want('a:audio-only', 'b:audio-only')); // the feeds at join
  s.update(want('a:low', 'b:audio-only')); // the first layout
  s.update(want('a:low', 'b:low')); // a second tile placed
  assert.equal(c.pending, 1, 'one timer for the whole burst');
  assert.deepEqual(c.delays, [WANT_COALESCE_MS]);
  assert.deepEqual(sent, []);
  c.fire();
  assert.deepEqual(sent, ['a:low b:low']);
});

test('an unchanged wish is never sent again, even after going round', () => {
  const { s, c, sent } = sender();
  s.update(want('a:low'));
  c.fire();
  s.update(want('a:medium')); // a resize crosses a threshold...
  s.update(want('a:low')); // ...and comes back before the window closes
  c.fire();
  s.update(want('a:low'));
  c.fire();
  assert.deepEqual(sent, ['a:low']);
  assert.equal(c.pending, 0);
});

test('a stream of changes still sends once a window, not never (a window being dragged)', () => {
  const { s, c, sent } = sender();
  for (const layer of ['low', 'medium', 'high']) {
    s.update(want(`a:${layer}`));
    s.update(want(`a:${layer}`, 'b:low'));
    c.fire();
  }
  assert.deepEqual(sent, ['a:low b:low', 'a:medium b:low', 'a:high b:low']);
});

test('reset forgets what was sent and drops what was pending', () => {
  const { s, c, sent } = sender();
  s.update(want('a:low'));
  c.fire();
  s.update(want('a:high'));
  s.reset();
  assert.equal(c.pending, 0);
  s.update(want('a:low'));
  c.fire();
  assert.deepEqual(sent, ['a:low', 'a:low'], 'after a reset the same wish is told to the new session');
});

test('cancel drops what is pending but remembers what the server was told', () => {
  const { s, c, sent } = sender();
  s.update(want('a:low'));
  c.fire();
  s.update(want('a:high'));
  s.cancel();
  assert.equal(c.pending, 0);
  s.update(want('a:low'));
  c.fire();
  assert.deepEqual(sent, ['a:low']);
});

test('flush sends at once what is pending (and nothing when nothing is)', () => {
  const { s, c, sent } = sender();
  s.flush();
  s.update(want('a:low'));
  s.flush();
  assert.equal(c.pending, 0);
  assert.deepEqual(sent, ['a:low']);
});

test('by default the real timers run it, called as plain functions (as a browser requires)', async () => {
  const real = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
  // A browser's timers throw "Illegal invocation" when called as another object's method.
  globalThis.setTimeout = function (f, ms) {
    if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
    return real.setTimeout(f, ms);
  };
  globalThis.clearTimeout = function (t) {
    if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
    return real.clearTimeout(t);
  };
  try {
    const sent = [];
    const s = new WantSender((w) => sent.push(w), { delayMs: 5 });
    s.update(want('a:low'));
    await new Promise((resolve) => real.setTimeout(resolve, 30));
    assert.equal(sent.length, 1);
    s.update(want('a:high'));
    s.cancel();
  } finally {
    Object.assign(globalThis, real);
  }
});
