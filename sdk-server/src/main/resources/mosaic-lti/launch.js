// The LTI launch page is a host page like any other: it mounts the meeting with the join token the
// server put in the page (never in a URL). An external file, so the page's CSP needs no inline script.
(() => {
  const el = document.getElementById('meeting');
  const { room, token, title, locale } = el.dataset;
  const meeting = Mosaic.mount(el, { room, token, title, ...(locale ? { locale } : {}) });
  meeting.on('left', () => {
    el.dataset.state = 'left';
  });
  window.mosaicLti = { meeting };
})();
