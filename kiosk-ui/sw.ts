// The kiosk's service worker: Workbox precaching of the UI shell (the list of
// files is injected at build time), the shell for every navigation, and a new
// version that waits until the page asks it to take over (on the attract screen).
// API calls and /healthz are never cached: they are live data.
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

interface PrecacheEntry {
  readonly url: string;
  readonly revision: string | null;
}

/** Replaced at build time with the files to precache (kiosk-ui/service-worker-build.ts). */
declare const __WB_MANIFEST: PrecacheEntry[];

const worker = self as unknown as {
  skipWaiting(): Promise<void>;
  addEventListener(type: 'message', listener: (event: { data?: { type?: string } }) => void): void;
};

cleanupOutdatedCaches();
precacheAndRoute(__WB_MANIFEST);
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//, /^\/healthz/] }));

worker.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void worker.skipWaiting();
});
