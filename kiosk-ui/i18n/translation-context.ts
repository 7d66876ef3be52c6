import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { TFunction } from 'i18next';

export const TranslationContext = createContext<TFunction | null>(null);

export function useT(): TFunction {
  const t = useContext(TranslationContext);
  if (!t) throw new Error('useT() outside <TranslationContext.Provider>');
  return t;
}
