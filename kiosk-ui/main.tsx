// Composition root of the UI: i18n, the bridge client, the journey actor, and
// the wiring of device events into it.
import '@fontsource/golos-text/cyrillic-400.css';
import '@fontsource/golos-text/cyrillic-600.css';
import '@fontsource/golos-text/latin-400.css';
import '@fontsource/golos-text/latin-600.css';
import './styles.css';
import { render } from 'preact';
import { createActor } from 'xstate';
import { installAccessibilityWakeUp } from './accessibility/speech-mode';
import { App, preloadScreens } from './app';
import { createBridgeClient } from './bridge-client/bridge-client';
import { createI18n } from './i18n/i18n';
import { journeyEventFromBridge, listenForWedgeScans } from './identity/device-events';
import { journeyWithBridge } from './journey/wire-bridge';

async function main(): Promise<void> {
  const i18n = await createI18n('ru');
  const bridge = createBridgeClient();
  const actor = createActor(
    journeyWithBridge(bridge, {
      clearBrowserStorage: () => {
        localStorage.clear();
        sessionStorage.clear();
      },
    }),
  );
  actor.start();

  const kiosk = await bridge.kioskInfo();
  if (kiosk.ok) actor.send({ type: 'KIOSK_INFO', kiosk: kiosk.value });
  bridge.subscribe((event) => journeyEventFromBridge(actor, event));
  listenForWedgeScans(actor);
  // The first key of a tactile keypad loads speech mode and keypad navigation (accessibility/).
  installAccessibilityWakeUp(actor);

  // Every touch anywhere counts as the patient still being here.
  document.addEventListener('pointerdown', () => actor.send({ type: 'ACTIVITY' }), { capture: true });
  // A kiosk has no context menu (long press) and no pinch zoom.
  document.addEventListener('contextmenu', (event) => event.preventDefault());

  const root = document.getElementById('app');
  if (!root) throw new Error('index.html has no #app element');
  render(<App actor={actor} i18n={i18n} />, root);
  setTimeout(preloadScreens, 2000);
  // The service worker (and workbox-window) load after the first paint.
  if (import.meta.env.PROD) void import('./service-worker').then(({ registerServiceWorker }) => registerServiceWorker(actor));
}

void main();
