// React's useSyncExternalStore in a few lines. preact/compat has one, but
// importing it puts the whole compat layer (~1.6 KB gzip) into the JavaScript
// before the first screen (tests/integration/ui-bundle-size.test.ts).
// `read` must return the same value while nothing changed (journey-view.ts caches).
import { useEffect, useRef, useState } from 'preact/hooks';

export function useExternalStore<T>(subscribe: (onChange: () => void) => () => void, read: () => T): T {
  const value = read();
  const [, rerender] = useState(0);
  const shown = useRef(value);
  shown.current = value;
  useEffect(() => {
    const check = () => {
      if (!Object.is(read(), shown.current)) rerender((n) => n + 1);
    };
    const unsubscribe = subscribe(check);
    // A change between this render and the subscription is not missed.
    check();
    return unsubscribe;
  }, [subscribe, read]);
  return value;
}
