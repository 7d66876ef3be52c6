// A screen or a part of one most patients never need (service mode, the
// letter keypad, the volunteer dialog) loads on first use, so the JavaScript
// before the first screen stays within its budget
// (tests/integration/ui-bundle-size.test.ts). `preload()` fetches it in the
// background after start-up, so showing it rarely waits on the disk.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>, Fallback: ComponentType<P> | null = null) {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const fetchPart = () => (pending ??= load().then((component) => (loaded = component)));

  function LazyPart(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      let live = true;
      if (!Component) void fetchPart().then((c) => live && setComponent(() => c));
      return () => {
        live = false;
      };
    }, [Component]);
    if (Component) return <Component {...props} />;
    return Fallback ? <Fallback {...props} /> : null;
  }
  return Object.assign(LazyPart, { preload: () => void fetchPart() });
}
