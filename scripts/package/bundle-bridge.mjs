// Builds the bridge as plain JavaScript for the packaged kiosk (issue 14, item 5):
// ESM, cli.mjs next to cli.ts in the staged tree, so `kiosk start` no longer compiles
// TypeScript at every start. What the bridge imports with `await import()` (the other
// `kiosk` commands in device-bridge/cli.ts, serialport, …) goes to chunks beside it
// (cli-*.mjs, esbuild's code splitting): `kiosk start` then neither reads nor
// compiles code it does not run. The pure-JavaScript npm packages are bundled in too:
// loading fastify, zod and prom-client from hundreds of small files took longer
// than the bridge's own start. External, loaded from the shipped production
// node_modules: native modules (built for Node 24 there), pino (its transports run
// in worker threads that load files by path), pngjs (required on first use by
// device-bridge/printer/driver/raster.ts), and every file spawned as its own
// process (device-bridge/readers/pcsc-host.mjs, forked by readers/pcsc-card-reader.ts).
//
// The bridge finds its data files relative to each module (`new URL('./models/',
// import.meta.url)` in printer/printer-profile.ts, `../config/…` in config-loader.ts).
// Bundled, every module would share the bundle's URL; so each source's
// `import.meta.url` is rewritten to the URL its file has in the installed tree,
// which mirrors the repository's layout. The data files are then shipped at their
// repository paths (scripts/package/stage-tree.mjs) and nothing in device-bridge/
// has to know it is bundled.
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { basename, dirname, relative, sep } from 'node:path';
import { build } from 'esbuild';

/**
 * npm packages left out of the bundle: the only ones (with their dependencies) the
 * package's node_modules keeps. @pokusew/pcsclite is loaded by readers/pcsc-host.mjs.
 */
export const EXTERNAL_PACKAGES = ['better-sqlite3', 'serialport', '@serialport/*', 'usb', '@node-usb/*', '@pokusew/pcsclite', 'pino', 'pino-*', 'thread-stream', 'pngjs'];

/** Packages bundled code requires inside try/catch and does without (ws's optional speed-ups). */
const OPTIONAL_REQUIRES = ['bufferutil', 'utf-8-validate'];

/** Where the bundle lands, relative to the package root (/opt/clinic-kiosk). */
export const BUNDLE_PATH = 'device-bridge/cli.mjs';

const sourceUrlPlugin = (repoRoot) => ({
  name: 'kiosk-source-url',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.(ts|tsx|mts|js|mjs)$/ }, async (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = relative(repoRoot, args.path).split(sep).join('/');
      const loader = args.path.endsWith('.tsx') ? 'tsx' : /\.m?ts$/.test(args.path) ? 'ts' : 'js';
      return { contents: text.replaceAll('import.meta.url', `__kioskSourceUrl(${JSON.stringify(rel)})`), loader };
    });
  },
});

// Node's built-ins imported from ESM get an ESM facade that reads every export, and
// reading node:http's lazily loads undici (tens of ms at start). Required instead,
// through the banner's require(), they load as the CommonJS dependencies' do.
const builtinsAsRequirePlugin = {
  name: 'kiosk-builtins-as-require',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[a-z_:/]+$/ }, (args) =>
      args.kind === 'import-statement' && isBuiltin(args.path) ? { path: args.path, namespace: 'kiosk-builtin' } : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'kiosk-builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

// Node's built-ins that bundled packages require at load time but use only in code
// `kiosk start` does not run: fastify's server.js (http2 for `http2: true`, https for
// TLS, dns for a host name), ws (tls, https: client connections; zlib: compressed
// messages, which the kiosk UI does not ask for). Loading http2 alone
// took 6–25 ms of every start. Each is a stand-in that requires the real module at
// its first use; reading the module's keys (destructuring, `import *`) loads it too.
const LAZY_BUILTINS = new Set(['http2', 'https', 'tls', 'dns', 'zlib']);

const lazyBuiltinsPlugin = {
  name: 'kiosk-lazy-builtins',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^(node:)?[a-z0-9_]+$/ }, (args) =>
      args.kind === 'require-call' && LAZY_BUILTINS.has(args.path.replace(/^node:/, '')) && args.namespace === 'file'
        ? { path: args.path.replace(/^node:/, ''), namespace: 'kiosk-lazy-builtin' }
        : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'kiosk-lazy-builtin' }, (args) => ({
      contents: [
        `let loaded;`,
        `const real = () => (loaded ??= require(${JSON.stringify(`node:${args.path}`)}));`,
        `module.exports = new Proxy({}, {`,
        `  get: (_, key) => real()[key],`,
        `  has: (_, key) => key in real(),`,
        `  ownKeys: () => Reflect.ownKeys(real()),`,
        `  getOwnPropertyDescriptor: (_, key) => {`,
        `    const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);`,
        `    return descriptor && { ...descriptor, configurable: true };`,
        `  },`,
        `});`,
      ].join('\n'),
      loader: 'js',
    }));
  },
};

// prom-client's index requires its Pushgateway (https, zlib) and its cluster
// aggregator (node:cluster, which loads child_process and dgram) up front; the bridge
// uses neither. They become getters that load them when read. The build fails if
// prom-client's index no longer has these lines, rather than silently loading them again.
const PROM_CLIENT_LAZY = ["exports.Pushgateway = require('./lib/pushgateway');", "exports.AggregatorRegistry = require('./lib/cluster');"];

const promClientLazyPlugin = {
  name: 'kiosk-prom-client-lazy',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]node_modules[\\/]prom-client[\\/]index\.js$/ }, async (args) => {
      let text = await readFile(args.path, 'utf8');
      for (const line of PROM_CLIENT_LAZY) {
        if (!text.includes(line)) throw new Error(`${args.path}: expected \`${line}\` (scripts/package/bundle-bridge.mjs)`);
        const [, name, from] = /^exports\.(\w+) = require\(('[^']+')\);$/.exec(line);
        text = text.replace(line, `Object.defineProperty(exports, '${name}', { enumerable: true, get: () => require(${from}) });`);
      }
      return { contents: text, loader: 'js' };
    });
  },
};

// The bundle and its chunks sit one directory below the package root, like device-bridge/cli.ts in
// the repository (every output file gets this banner, so chunks must not go deeper).
// Bundled CommonJS packages call require() for Node's built-ins: give the ESM bundle one.
const banner = [
  '// Built by scripts/package/bundle-bridge.mjs from device-bridge/cli.ts; do not edit.',
  "import { createRequire as __kioskCreateRequire } from 'node:module';",
  'const require = __kioskCreateRequire(import.meta.url);',
  "const __kioskRoot = new URL('../', import.meta.url);",
  'const __kioskSourceUrl = (path) => new URL(path, __kioskRoot).href;',
].join('\n');

/**
 * Bundles device-bridge/cli.ts into `outfile` (an .mjs), its chunks into the same
 * directory. Returns the bare package names the bundle imports, so the caller can
 * check each one is in the production node_modules.
 */
export async function bundleBridge({ repoRoot, outfile }) {
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: ['device-bridge/cli.ts'],
    outdir: dirname(outfile),
    entryNames: basename(outfile, '.mjs'),
    chunkNames: 'cli-[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    external: EXTERNAL_PACKAGES,
    keepNames: true,
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    banner: { js: banner },
    plugins: [sourceUrlPlugin(repoRoot), builtinsAsRequirePlugin, lazyBuiltinsPlugin, promClientLazyPlugin],
    metafile: true,
    logLevel: 'warning',
  });
  const externals = new Set();
  for (const input of Object.values(result.metafile.inputs)) {
    for (const imported of input.imports) {
      if (imported.external && !isBuiltin(imported.path) && imported.path !== '<runtime>' && !OPTIONAL_REQUIRES.includes(imported.path)) {
        externals.add(packageNameOf(imported.path));
      }
    }
  }
  return { externals: [...externals].sort() };
}

function packageNameOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
