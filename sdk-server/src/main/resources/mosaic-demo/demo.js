// The demo page is a host site like any other: it gets a token, then mounts the widget.
(() => {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  if (params.get('room')) $('room').value = params.get('room');
  $('name').value = params.get('name') || `Guest ${Math.floor(Math.random() * 900 + 100)}`;

  async function demoToken(room, name) {
    const res = await fetch('/api/dev/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ room, name })
    });
    if (res.status === 404) return null; // not in dev mode: a token must be pasted
    const body = await res.json();
    if (!res.ok) throw new Error(body.message);
    return body.token;
  }

  $('join-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const room = $('room').value.trim();
    const name = $('name').value.trim();
    $('form-message').textContent = '';
    try {
      const token = $('token').value.trim() || (await demoToken(room, name));
      if (!token) {
        $('token-label').hidden = false;
        $('form-message').textContent =
          'This server is not in dev mode: paste a join token issued with the app secret.';
        return;
      }
      $('join-form').hidden = true;
      // The form above already asked for the name, so the widget's own pre-join screen is skipped.
      const meeting = Mosaic.mount('#meeting', {
        room,
        token,
        displayName: name,
        prejoin: false,
        testMode: params.get('testMode') === '1',
        // ?camera=720p: a 720p camera (the widget keeps only the sizes it knows).
        cameraResolution: params.get('camera') || undefined
      });
      for (const name of [
        'connectionState',
        'joined',
        'participantJoined',
        'participantLeft',
        'participantUpdated',
        'activeSpeaker',
        'chat',
        'handRaised',
        'layoutChanged',
        'e2ee',
        'error',
        'left'
      ]) {
        meeting.on(name, (detail) => {
          const li = document.createElement('li');
          li.textContent = `${name} ${JSON.stringify(detail)}`;
          $('events').append(li);
        });
      }
    } catch (e) {
      $('form-message').textContent = `Could not get a token: ${e.message}`;
    }
  });
})();
