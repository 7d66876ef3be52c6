// A name that may wrap in large text («Оторинола-ринголог»): shown with soft
// hyphens, while assistive technology (and a search of the page's text) gets
// the plain word once — soft hyphens would otherwise be read, or matched, as
// part of it.
import { hyphenateRu } from '../i18n/hyphenate-ru';

export function Hyphenated({ text }: { readonly text: string }) {
  const shown = hyphenateRu(text);
  if (shown === text) return <>{text}</>;
  return (
    <>
      <span aria-hidden="true">{shown}</span>
      <span class="visually-hidden">{text}</span>
    </>
  );
}
