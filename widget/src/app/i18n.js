// Every string the meeting app shows, per locale. Add a locale by adding a catalogue.

const catalogues = {
  en: {
    connecting: 'Connecting…',
    startingMedia: 'Starting camera and microphone…',
    inMeeting: 'In the meeting',
    alone: 'Waiting for others to join',
    reconnecting: 'Connection lost. Reconnecting…',
    disconnected: 'Disconnected from the meeting server',
    left: 'You left the meeting',
    joinFailed: 'Could not join: {message}',
    noMedia: 'Camera or microphone unavailable: you can still see and hear others',
    notEmbedded: 'This page shows a Mosaic meeting inside another site. Open the site that invited you.',
    you: '{name} (you)',
    mute: 'Mute microphone',
    unmute: 'Unmute microphone',
    stopVideo: 'Turn camera off',
    startVideo: 'Turn camera on',
    leave: 'Leave meeting',
    enableSound: 'Click to enable sound',
    micOff: 'Microphone off',
    toolbar: 'Meeting controls',
    gallery: 'Participants',
  },
  fr: {
    connecting: 'Connexion…',
    startingMedia: 'Démarrage de la caméra et du micro…',
    inMeeting: 'Dans la réunion',
    alone: 'En attente des autres participants',
    reconnecting: 'Connexion perdue. Reconnexion…',
    disconnected: 'Déconnecté du serveur de réunion',
    left: 'Vous avez quitté la réunion',
    joinFailed: 'Impossible de rejoindre : {message}',
    noMedia: 'Caméra ou micro indisponible : vous pouvez quand même voir et entendre les autres',
    notEmbedded: 'Cette page affiche une réunion Mosaic dans un autre site. Ouvrez le site qui vous a invité.',
    you: '{name} (vous)',
    mute: 'Couper le micro',
    unmute: 'Activer le micro',
    stopVideo: 'Couper la caméra',
    startVideo: 'Activer la caméra',
    leave: 'Quitter la réunion',
    enableSound: 'Cliquez pour activer le son',
    micOff: 'Micro coupé',
    toolbar: 'Commandes de la réunion',
    gallery: 'Participants',
  },
};

/** Picks the best catalogue for a locale such as 'fr-CA'; English when none fits. */
export function translator(locale) {
  const lang = String(locale || 'en').toLowerCase().split('-')[0];
  const strings = catalogues[lang] || catalogues.en;
  /** @param {keyof typeof catalogues.en} key @param {Record<string,string>} [vars] */
  return (key, vars = {}) => (strings[key] ?? catalogues.en[key] ?? key).replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? '');
}

export const supportedLocales = Object.keys(catalogues);
