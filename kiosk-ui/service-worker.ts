// The UI shell is cached by a Workbox service worker so a kiosk whose bridge
// restarts (or whose disk is slow) still paints at once. A new version waits
// and activates only on the attract screen: never in the middle of a patient's session.
import { Workbox } from 'workbox-window';
import type { JourneyActor } from './journey/use-journey';

export function registerServiceWorker(actor: JourneyActor): void {
  if (!('serviceWorker' in navigator)) return;
  const workbox = new Workbox('/sw.js');
  let waiting = false;

  const activateWhenIdle = () => {
    if (waiting && actor.getSnapshot().matches('attract')) {
      waiting = false;
      workbox.messageSkipWaiting();
    }
  };

  workbox.addEventListener('waiting', () => {
    waiting = true;
    activateWhenIdle();
  });
  // The new worker took over: load the new shell (we are on the attract screen).
  workbox.addEventListener('controlling', (event) => {
    if (event.isUpdate) window.location.reload();
  });
  actor.subscribe(activateWhenIdle);
  void workbox.register();
}
