// Import boundaries of the kiosk, checked by `npm run lint` (part of `npm test`).
// Each rule's `comment` is what the lint prints next to the offending import,
// so it says the rule in plain words and what to do instead.
//
// Parser: swc. dependency-cruiser reads TypeScript through the `typescript`
// package's JavaScript API, which TypeScript 7 (the native compiler this repo
// uses) no longer ships; swc parses the same syntax, type-only imports
// included (they count: a type import still ties the UI to the bridge).

/** Tests, test support and the Vite plugin may import anything. */
const NOT_PRODUCT_CODE = '\\.test\\.tsx?$|/test-support/|^kiosk-ui/service-worker-build\\.ts$';

/** The rooms the browser may load. */
const BROWSER_ROOMS = '^(kiosk-ui|device-bridge/contract|device-bridge/domain|assets)/';
const SHARED_ROOMS = '^device-bridge/(contract|domain)/';

/** npm packages the UI uses that run in a browser (add here, after checking, before using another). */
const BROWSER_PACKAGES =
  '(^|/)node_modules/(preact|xstate|i18next|workbox-window|workbox-precaching|workbox-routing|workbox-core|uqr|zod|@fontsource/[^/]+)/';

const NPM = ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'ui-imports-only-browser-rooms',
      severity: 'error',
      comment:
        'kiosk-ui may import only kiosk-ui/, device-bridge/contract/, device-bridge/domain/ and assets/. ' +
        'Bridge internals stay in the bridge: take the type or schema from device-bridge/contract/.',
      from: { path: '^kiosk-ui/', pathNot: NOT_PRODUCT_CODE },
      to: { dependencyTypes: ['local'], pathNot: BROWSER_ROOMS },
    },
    {
      name: 'ui-no-node-builtins',
      severity: 'error',
      comment: 'kiosk-ui runs in Chromium: it may not import Node built-ins (node:fs, node:path, …).',
      from: { path: '^kiosk-ui/', pathNot: NOT_PRODUCT_CODE },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'ui-browser-packages-only',
      severity: 'error',
      comment:
        'kiosk-ui may import only the browser packages listed in .dependency-cruiser.cjs (BROWSER_PACKAGES). ' +
        'Check that a new package runs in a browser, then add it there.',
      from: { path: '^kiosk-ui/', pathNot: NOT_PRODUCT_CODE },
      to: { dependencyTypes: NPM, pathNot: BROWSER_PACKAGES },
    },
    {
      name: 'contract-and-domain-import-neither-half',
      severity: 'error',
      comment:
        'device-bridge/contract/ and device-bridge/domain/ are shared by the UI and the bridge: ' +
        'they import only each other (and zod), never kiosk-ui/ or another part of device-bridge/.',
      from: { path: SHARED_ROOMS, pathNot: NOT_PRODUCT_CODE },
      to: { dependencyTypes: ['local'], pathNot: SHARED_ROOMS },
    },
    {
      name: 'contract-and-domain-only-zod',
      severity: 'error',
      comment:
        'device-bridge/contract/ and device-bridge/domain/ run in the browser and in Node: ' +
        'their only package is zod, and no Node built-in.',
      from: { path: SHARED_ROOMS, pathNot: NOT_PRODUCT_CODE },
      to: { dependencyTypes: [...NPM, 'core'], pathNot: '(^|/)node_modules/zod/' },
    },
    {
      name: 'bridge-does-not-import-ui',
      severity: 'error',
      comment: 'device-bridge/ never imports kiosk-ui/: what both sides need lives in device-bridge/contract/.',
      from: { path: '^device-bridge/', pathNot: NOT_PRODUCT_CODE },
      to: { path: '^kiosk-ui/' },
    },
    {
      name: 'scheduler-no-device-code',
      severity: 'error',
      comment:
        'Scheduler adapters (device-bridge/scheduler/) talk to booking backends only: ' +
        'they import nothing from device-bridge/printer/ or device-bridge/readers/.',
      from: { path: '^device-bridge/scheduler/', pathNot: NOT_PRODUCT_CODE },
      to: { path: '^device-bridge/(printer|readers)/' },
    },
    {
      name: 'no-import-cycles-in-bridge',
      severity: 'error',
      comment:
        'Import cycle inside device-bridge/ (type-only imports count too): ' +
        'move what both files need into a third module, or turn one import around.',
      from: { path: '^device-bridge/' },
      to: { circular: true, path: '^device-bridge/' },
    },
  ],
  options: {
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|test-results|var)/' },
    moduleSystems: ['es6', 'cjs'],
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {},
  },
};
