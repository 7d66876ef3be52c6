// How the памятка came out, where its button was on the attract screen: "take
// it", or why the printer did not print and where to get one instead. Loaded
// on the first tap (attract-screen.tsx), with its strings.
import type { PrinterStatus, PrintResult } from '../../device-bridge/contract';
import '../i18n/memo-strings';
import { useT } from '../i18n/translation-context';

/** Why the printer did not print, in the patient's words (`memo.reason.*`). */
const memoReason = (status: PrinterStatus): string =>
  status.state === 'paper-out' || status.state === 'cover-open' || status.state === 'offline' ? status.state : 'other';

export function MemoNotice({ result, onDismiss }: { readonly result: PrintResult; readonly onDismiss: () => void }) {
  const t = useT();
  const printed = result.outcome === 'printed';
  return (
    <div class={`attract__memo feedback ${printed ? 'feedback--ok' : 'feedback--warning'}`} role={printed ? 'status' : 'alert'}>
      {result.outcome === 'printed' ? (
        <p class="attract__memo-title">{t('memo.printed')}</p>
      ) : (
        <div>
          <p class="attract__memo-title">{t('memo.failed', { reason: t(`memo.reason.${memoReason(result.status)}`) })}</p>
          <p>{t('memo.failedHint')}</p>
        </div>
      )}
      <button type="button" class="button button--secondary" onClick={onDismiss}>
        {t('memo.dismiss')}
      </button>
    </div>
  );
}
