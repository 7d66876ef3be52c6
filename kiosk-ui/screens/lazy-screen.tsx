// Screens most patients never see (service mode, my appointments, cancel, the
// waiting list) load on first use, so the JavaScript before the attract screen
// stays within its budget. They are fetched in the background after start-up,
// so opening one does not wait on the disk.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from './screen-props';

export function lazyScreen(load: () => Promise<ComponentType<ScreenProps>>, Fallback: ComponentType<ScreenProps>) {
  let loaded: ComponentType<ScreenProps> | null = null;
  let pending: Promise<ComponentType<ScreenProps>> | null = null;
  const fetchScreen = () => (pending ??= load().then((component) => (loaded = component)));

  function LazyScreen(props: ScreenProps) {
    const [Component, setComponent] = useState<ComponentType<ScreenProps> | null>(() => loaded);
    useEffect(() => {
      if (!Component) void fetchScreen().then((c) => setComponent(() => c));
    }, [Component]);
    return Component ? <Component {...props} /> : <Fallback {...props} />;
  }
  return Object.assign(LazyScreen, { preload: () => void fetchScreen() });
}
