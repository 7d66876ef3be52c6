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
        `  set: (_, key, value) => Reflect.set(real(), key, value),`,
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

// Bundled packages that require, at load time, modules the bridge uses late or never.
// Each `require` named here becomes one made at first use (esbuild still bundles the
// module; its code just runs later). The build fails if a package no longer has the
// exact text, rather than silently loading the module at start again.
const LAZY_REQUIRES = [
  {
    // The Pushgateway (https, zlib) and the cluster aggregator (node:cluster, which loads
    // child_process and dgram): the bridge uses neither.
    file: 'prom-client/index.js',
    replace: [
      ["exports.Pushgateway = require('./lib/pushgateway');", "Object.defineProperty(exports, 'Pushgateway', { enumerable: true, get: () => require('./lib/pushgateway') });"],
      ["exports.AggregatorRegistry = require('./lib/cluster');", "Object.defineProperty(exports, 'AggregatorRegistry', { enumerable: true, get: () => require('./lib/cluster') });"],
    ],
  },
  {
    // Ajv and fast-json-stringify compile JSON schemas; no bridge route has one (they
    // validate with zod, device-bridge/api/route-helpers.ts), yet fastify() loaded both.
    file: 'fastify/lib/schema-controller.js',
    replace: [
      [
        "    const ValidatorSelector = require('@fastify/ajv-compiler')\n    compilersFactory.buildValidator = ValidatorSelector()",
        "    let buildValidator\n    compilersFactory.buildValidator = (...args) => (buildValidator ??= require('@fastify/ajv-compiler')())(...args)",
      ],
      [
        "    const SerializerSelector = require('@fastify/fast-json-stringify-compiler')\n    compilersFactory.buildSerializer = SerializerSelector()",
        "    let buildSerializer\n    compilersFactory.buildSerializer = (...args) => (buildSerializer ??= require('@fastify/fast-json-stringify-compiler')())(...args)",
      ],
    ],
  },
  {
    // duplexify (with readable-stream) serves only injectWS, the plugin's test helper.
    file: '@fastify/websocket/index.js',
    replace: [["const Duplexify = require('duplexify')", "function Duplexify (...args) { return new (require('duplexify'))(...args) }"]],
  },
  {
    // glob lists the UI's files only with `wildcard: false` (device-bridge/api/server.ts keeps the default).
    file: '@fastify/static/index.js',
    replace: [["const { glob } = require('glob')", "const glob = (...args) => require('glob').glob(...args)"]],
  },
];

const lazyRequiresPlugin = {
  name: 'kiosk-lazy-requires',
  setup(pluginBuild) {
    for (const { file, replace } of LAZY_REQUIRES) {
      const filter = new RegExp(`[\\\\/]node_modules[\\\\/]${file.replace(/[.]/g, '\\.').replace(/\//g, '[\\\\/]')}$`);
      pluginBuild.onLoad({ filter }, async (args) => {
        let text = await readFile(args.path, 'utf8');
        for (const [from, to] of replace) {
          if (!text.includes(from)) throw new Error(`${args.path}: expected \`${from}\` (LAZY_REQUIRES in scripts/package/bundle-bridge.mjs)`);
          text = text.replace(from, to);
        }
        return { contents: text, loader: 'js' };
      });
    }
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
    plugins: [sourceUrlPlugin(repoRoot), builtinsAsRequirePlugin, lazyBuiltinsPlugin, lazyRequiresPlugin],
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
