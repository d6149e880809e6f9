// Types the widget's JSDoc shares, for TypeScript's checker only (`npm run typecheck`, docs/building.md):
// esbuild never reads this file and nothing here reaches the bundles. Global on purpose, so a JSDoc
// comment can name them without an import.

/** The translation function of the app's i18n (app/ui/i18n.js): a key and the values it interpolates. */
type Translate = (key: string, vars?: Record<string, any>) => string;

/** An event to the host page (app/host/bridge.js), by name, with its detail. */
type EmitToHost = (name: string, detail?: any) => void;

/** A participant as the server describes it in `joined`, `participantJoined` and `roleChanged` (docs/protocol.md). */
interface ParticipantInfo {
  id: string;
  name: string;
  userId?: string;
  role?: 'host' | 'participant' | 'viewer';
  media?: { audio?: boolean; video?: boolean; screen?: boolean; hand?: boolean };
}

interface Window {
  /** What the browser tests read and trigger inside the iframe (app/main.js). */
  mosaicDiagnostics?: Record<string, (...args: any[]) => any>;
}

/** The project's version (Maven's, e.g. 0.1.0-SNAPSHOT), put in by esbuild's `define` (build.mjs). */
declare const MOSAIC_VERSION: string;

/** The global scope of a worker; the checker reads the app with the DOM's types, where it is missing. */
declare var WorkerGlobalScope: { prototype: object; new (): object } | undefined;
