// Injected by the join benchmark into every document of the joiner's browser before its own scripts
// run (CDP Page.addScriptToEvaluateOnNewDocument). Inside the meeting iframe it polls
// window.mosaicDiagnostics.remoteVideo() every 10 ms from the first moment the app exposes it, and
// records when 1, 2, … remote participants first had decoded video, so the timing does not depend on
// how fast WebDriver gets into the frame.
(() => {
  if (!location.pathname.startsWith('/embed/')) return;
  const now = () => performance.timeOrigin + performance.now();
  const state = { reached: {}, polls: 0, firstPoll: null, lateStart: false, remote: null };
  Object.defineProperty(window, '__mosaicBench', { value: state });
  const started = now();
  const tick = async () => {
    try {
      if (window.mosaicDiagnostics) {
        const remote = await window.mosaicDiagnostics.remoteVideo();
        state.polls++;
        if (state.firstPoll === null) state.firstPoll = now();
        state.remote = remote;
        const decoding = remote.filter((r) => r.framesDecoded > 0).length;
        // Video already decoding at the very first look would mean the clock started late: reported.
        if (state.polls === 1 && decoding > 0) state.lateStart = true;
        for (let k = 1; k <= decoding; k++) if (!(k in state.reached)) state.reached[k] = now();
      }
    } catch (e) {
      // the meeting is still starting
    }
    if (now() - started < 30000) setTimeout(tick, 10);
  };
  tick();
})();
