// A small Vite plugin that builds kiosk-ui/sw.ts into dist/kiosk-ui/sw.js after
// the UI bundle, with the list of files to precache (hashed assets and
// index.html with a content revision) injected as `__WB_MANIFEST`.
// (vite-plugin-pwa does the same through workbox-build, whose rollup could not
// be installed when this was written; it can now: README, "Why these packages".)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'vite';

const PRECACHE = /\.(js|css|html|woff2|svg|png)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export function serviceWorkerBuild(swEntry: string): Plugin {
  let outDir = '';
  return {
    name: 'kiosk-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const manifest = filesUnder(outDir)
        .filter((file) => PRECACHE.test(file) && !file.endsWith('sw.js'))
        .map((file) => {
          const url = `/${relative(outDir, file).split('\\').join('/')}`;
          // Hashed file names carry their own revision; the rest get one from their content.
          const hashed = /-[A-Za-z0-9_-]{8,}\.\w+$/.test(url);
          return { url, revision: hashed ? null : createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16) };
        });
      await build({
        entryPoints: [swEntry],
        outfile: join(outDir, 'sw.js'),
        bundle: true,
        minify: true,
        format: 'iife',
        target: 'es2022',
        define: { __WB_MANIFEST: JSON.stringify(manifest), 'process.env.NODE_ENV': '"production"' },
        logLevel: 'warning',
      });
    },
  };
}
