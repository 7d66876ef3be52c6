// «Какой у вас документ?»: the 16-digit ЕНП is the default; a patient with a
// temporary certificate or an old-style policy switches the keypad here, in
// one tap, with the number of digits on each button so the choice is obvious.
import type { TypedPolicyKind } from '../../device-bridge/domain/oms-policy';
import { useT } from '../i18n/translation-context';

const KINDS: readonly TypedPolicyKind[] = ['enp', 'temporary', 'old'];

export function PolicyKindChoice({ kind, disabled, onPick }: { readonly kind: TypedPolicyKind; readonly disabled: boolean; readonly onPick: (kind: TypedPolicyKind) => void }) {
  const t = useT();
  return (
    <div class="policy-kinds" role="group" aria-labelledby="policy-kinds-label">
      <span id="policy-kinds-label" class="policy-kinds__label">
        {t('identify.kind.label')}
      </span>
      <div class="policy-kinds__options">
        {KINDS.map((k) => (
          <button key={k} type="button" class="policy-kind" aria-pressed={kind === k} disabled={disabled} onClick={() => onPick(k)}>
            <span class="policy-kind__name">{t(`identify.kind.${k}`)}</span>
            <span class="policy-kind__detail">{t(`identify.kind.${k}Detail`)}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
