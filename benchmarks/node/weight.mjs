// Widget weight: what a host page downloads for Mosaic next to the main entry of livekit-client and
// @daily-co/daily-js (pinned in package-lock.json, installed by `npm ci`). For each: the file as
// published, and the same entry bundled + minified by esbuild (what an app bundler would ship),
// each raw and gzipped (level 9). Run from the repository root after the widget is built.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const widgetDir = join(here, '../../widget/target/classes/mosaic-widget');

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kib = (n) => (n / 1024).toFixed(1);

function packageInfo(name) {
  // Read from node_modules directly: some packages do not export ./package.json.
  const dir = join(here, 'node_modules', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return { dir, pkg };
}

/** esbuild bundle of `import * as api from name`, minified, for browsers: everything the entry pulls in. */
async function bundled(name) {
  const result = await build({
    stdin: { contents: `import * as api from '${name}'; globalThis.__api = api;`, resolveDir: here, loader: 'js' },
    bundle: true, minify: true, write: false, format: 'iife', platform: 'browser', target: 'es2020',
    logLevel: 'silent', legalComments: 'none', define: { 'process.env.NODE_ENV': '"production"' },
  });
  return Buffer.from(result.outputFiles[0].contents);
}

function file(path) {
  if (!existsSync(path)) {
    console.error(`missing ${path}: build the widget first (mvn -B -DskipTests package, or ./mosaic bench weight)`);
    process.exit(1);
  }
  return readFileSync(path);
}

const rows = [];
const add = (what, where, bytes) => rows.push({ what, where, raw: bytes.length, gzip: gz(bytes) });

const loader = file(join(widgetDir, 'mosaic.js'));
const app = file(join(widgetDir, 'mosaic-app.js'));
const css = existsSync(join(widgetDir, 'mosaic-app.css')) ? readFileSync(join(widgetDir, 'mosaic-app.css')) : Buffer.alloc(0);
add('Mosaic loader `mosaic.js`', 'host page', loader);
add('Mosaic app `mosaic-app.js` + `.css`', 'iframe', Buffer.concat([app, css]));
add('Mosaic total', 'host + iframe', Buffer.concat([loader, app, css]));

for (const name of ['livekit-client', '@daily-co/daily-js']) {
  const { dir, pkg } = packageInfo(name);
  add(`${name} ${pkg.version}: published \`${pkg.main}\``, 'host page', readFileSync(join(dir, pkg.main)));
  add(`${name} ${pkg.version}: entry bundled + minified`, 'host page', await bundled(name));
}

const mosaicLoader = rows[0].gzip;
const mosaicTotal = rows[2].gzip;
const width = Math.max(...rows.map((r) => r.what.length));
console.log('Widget weight (bytes are exact; KiB = 1024 B; gzip level 9).\n');
console.log(`| ${'bundle'.padEnd(width)} | runs in       | minified KiB | gzipped KiB | gzipped ÷ Mosaic loader | gzipped ÷ Mosaic total |`);
console.log(`| ${'-'.repeat(width)} | ------------- | -----------: | ----------: | ----------------------: | ---------------------: |`);
for (const r of rows) {
  console.log(`| ${r.what.padEnd(width)} | ${r.where.padEnd(13)} | ${kib(r.raw).padStart(12)} | ${kib(r.gzip).padStart(11)} | `
    + `${(r.gzip / mosaicLoader).toFixed(1).padStart(22)}× | ${(r.gzip / mosaicTotal).toFixed(2).padStart(21)}× |`);
}
console.log('\nlivekit-client runs entirely in the host page. daily-js\'s entry is a loader too: at call time it fetches its '
  + 'call machine bundle from Daily\'s CDN, which is not in the npm package and is not counted here.');
