// Screens most patients never see (service mode, my appointments, cancel, the
// waiting list) load on first use, so the JavaScript before the attract screen
// stays within its budget. They are fetched in the background after start-up,
// so opening one does not wait on the disk. (Parts of screens load the same
// way: components/lazy-part.tsx.)
import type { ComponentType } from 'preact';
import { lazyPart } from '../components/lazy-part';
import type { ScreenProps } from './screen-props';

export const lazyScreen = (load: () => Promise<ComponentType<ScreenProps>>, Fallback: ComponentType<ScreenProps>) => lazyPart(load, Fallback);
