// Bundles the two widget entry points into target/classes/mosaic-widget/, which the widget jar
// carries and the server serves under /mosaic/. Prints each bundle's minified and gzipped size.
import { build } from 'esbuild';
import { copyFileSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const outdir = 'target/classes/mosaic-widget';

// One version for the whole project: the Maven build passes its own (parent pom), and package.json must
// name the same release, so Mosaic.version, the jars and the npm package never disagree.
const packageVersion = JSON.parse(readFileSync('package.json', 'utf8')).version;
const version = process.env.MOSAIC_VERSION || packageVersion;
if (version.replace(/-SNAPSHOT$/, '') !== packageVersion) {
  throw new Error(`widget/package.json says version ${packageVersion} but the Maven build is ${version}: change both`);
}

const common = {
  bundle: true,
  minify: true,
  sourcemap: false,
  target: 'es2020',
  logLevel: 'warning',
  legalComments: 'none',
  define: { MOSAIC_VERSION: JSON.stringify(version) }
};

await build({ ...common, entryPoints: { mosaic: 'src/loader/index.js' }, format: 'iife', outdir });
await build({ ...common, entryPoints: { 'mosaic-app': 'src/app/main.js' }, format: 'iife', outdir });
// The media worker of end-to-end encrypted rooms, a classic worker script (the app loads it from /mosaic/).
await build({ ...common, entryPoints: { 'mosaic-e2ee-worker': 'src/e2ee/e2ee-worker.js' }, format: 'iife', outdir });

// The public API's types, served beside the loader for editors and TypeScript users.
copyFileSync('types/mosaic.d.ts', `${outdir}/mosaic.d.ts`);

for (const file of ['mosaic.js', 'mosaic-app.js', 'mosaic-app.css', 'mosaic-e2ee-worker.js']) {
  const bytes = readFileSync(`${outdir}/${file}`);
  console.log(
    `${file.padEnd(16)} ${String(bytes.length).padStart(7)} B minified, ${String(gzipSync(bytes, { level: 9 }).length).padStart(6)} B gzipped`
  );
}
