// Show-me mode («Подсказки», training mode only): the control a patient is
// expected to touch next gets a pulsing yellow ring and a short caption, so a
// volunteer can let the patient tap while the kiosk guides. Screens say which
// control that is with `data-show-me="<step>"` (the step names the caption,
// `showMe.<step>`); when a screen marks several, the first enabled one in
// document order wins, so a screen can mark "Continue" only once it is usable.
// Loaded on first use (lazy-part.tsx): patients at a real kiosk never fetch it.
import { useLayoutEffect, useState } from 'preact/hooks';
import { useT } from '../i18n/translation-context';

const TARGET_CLASS = 'show-me-target';

interface Placement {
  readonly step: string;
  readonly top: number;
  readonly left: number;
  readonly below: boolean;
}

function findTarget(): HTMLElement | null {
  for (const element of document.querySelectorAll<HTMLElement>('[data-show-me]')) {
    const disabled = element instanceof HTMLButtonElement && element.disabled;
    const box = element.getBoundingClientRect();
    if (!disabled && box.width > 0 && box.height > 0) return element;
  }
  return null;
}

/** `version` changes with every state of the journey: the guide looks again after each render. */
export function ShowMeGuide({ version }: { readonly version: unknown }) {
  const t = useT();
  const [placement, setPlacement] = useState<Placement | null>(null);

  useLayoutEffect(() => {
    let target: HTMLElement | null = null;
    const place = () => {
      const next = findTarget();
      if (next !== target) {
        target?.classList.remove(TARGET_CLASS);
        next?.classList.add(TARGET_CLASS);
        target = next;
      }
      if (!next) return setPlacement(null);
      const box = next.getBoundingClientRect();
      // The caption goes where there is more room: below the control, or above it.
      const below = box.top + box.height / 2 < window.innerHeight / 2;
      const fresh: Placement = {
        step: next.dataset.showMe ?? '',
        top: Math.round(below ? box.bottom + 16 : box.top - 16),
        left: Math.round(Math.min(Math.max(box.left + box.width / 2, 220), window.innerWidth - 220)),
        below,
      };
      // The caption's own render is a mutation too: an unchanged placement must not render again.
      setPlacement((old) =>
        old && old.step === fresh.step && old.top === fresh.top && old.left === fresh.left && old.below === fresh.below ? old : fresh,
      );
    };
    place();
    // Lazy screens and parts arrive a moment later; the layout may shift with them.
    const observer = new MutationObserver(place);
    observer.observe(document.getElementById('app') ?? document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'data-show-me'] });
    window.addEventListener('resize', place);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', place);
      target?.classList.remove(TARGET_CLASS);
    };
  }, [version]);

  if (!placement) return null;
  return (
    <p
      class={`show-me-caption${placement.below ? ' show-me-caption--below' : ' show-me-caption--above'}`}
      role="status"
      data-testid="show-me-caption"
      data-step={placement.step}
      style={{ top: `${placement.top}px`, left: `${placement.left}px` }}
    >
      {t(`showMe.${placement.step}`)}
    </p>
  );
}
