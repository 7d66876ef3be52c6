import '../i18n/service-strings';
import { SERVICE_FAULTS, type ServiceNotice } from '../journey/service-mode';
import { OutboxSummary } from '../components/outbox-summary';
import { ScreenFrame } from '../components/screen-frame';
import { useT } from '../i18n/translation-context';
import type { ScreenProps } from './screen-props';
import type { TFunction } from 'i18next';
import type { RecentLogEntry } from '../../device-bridge/contract';
import { clinicTimeZone } from '../journey/selectors';
import { clockTime } from '../i18n/clock-time';

/** The bridge's recent warning in words clinic IT reads: by its event, the printer's state in Russian; the raw detail after it. */
function errorText(t: TFunction, entry: RecentLogEntry): string {
  const state = entry.detail ? t(`service.printerState.${entry.detail}`, { defaultValue: entry.detail }) : '';
  return entry.event ? t(`service.event.${entry.event}`, { state, defaultValue: t('service.event.other') }) : t('service.event.other');
}

function noticeText(t: TFunction, notice: ServiceNotice): string {
  switch (notice.kind) {
    case 'printed':
      return t('service.result.printed');
    case 'print-failed':
      return t('service.result.printFailed', { state: t(`service.printerState.${notice.state}`, { defaultValue: notice.state }) });
    case 'fault-set':
      return t('service.result.faultSet', { fault: t(`service.fault.${notice.fault}`) });
    case 'reloaded':
      return t('service.result.reloaded', { applied: notice.applied, restart: notice.restartRequired });
    case 'reload-failed':
      return `${t('service.result.reloadFailed')} ${notice.problems.join('; ')}`;
    case 'failed':
      return t('service.result.failed', { error: notice.error });
  }
}

/** The newest journal entries with a reprint button: as many as fit beside the status in landscape (the rest: GET /api/service/journal). */
const JOURNAL_SHOWN = 3;

/** What clinic IT needs at the kiosk: every device's state, the last errors, and the few actions that fix things. */
export function ServicePanelScreen({ view, send }: ScreenProps) {
  const t = useT();
  const { service, serviceNotice, kiosk } = view.context;
  const busy = view.state !== 'service.panel';
  const status = service?.status;
  const printerState = status?.printer.status.state;
  return (
    <ScreenFrame name="servicePanel" title={t('service.title')} clinicName={kiosk?.clinic.name} onHome={() => send({ type: 'SERVICE_EXIT' })} homeLabel={t('service.exit')}>
      <div class="service-panel">
        <div class="service-panel__status">
          {serviceNotice && (
            <p class={`feedback ${serviceNotice.kind === 'printed' || serviceNotice.kind === 'fault-set' || serviceNotice.kind === 'reloaded' ? 'feedback--ok' : 'feedback--warning'}`} role="status">
              {noticeText(t, serviceNotice)}
            </p>
          )}
          {status && (
            <dl class="summary" data-testid="service-status">
              <div class="summary__row">
                <dt>{t('service.kiosk')}</dt>
                <dd>
                  {status.kiosk.kioskId} · {t('service.version', { version: status.kiosk.version })}
                </dd>
              </div>
              <div class="summary__row">
                <dt>{t('service.printer')}</dt>
                <dd data-testid="service-printer">
                  {t(`service.printerState.${printerState}`, { defaultValue: printerState })} · {status.printer.model}
                  {status.printer.virtual ? ` · ${t('service.virtual')}` : ''}
                </dd>
              </div>
              <div class="summary__row">
                <dt>{t('service.scheduler')}</dt>
                <dd>
                  {status.scheduler.reachable ? t('service.reachable', { ms: Math.round(status.scheduler.latencyMs) }) : (status.scheduler.detail ?? t('service.unreachable'))}
                </dd>
              </div>
              <div class="summary__row">
                <dt>{t('service.cardReader')}</dt>
                <dd>{t(`service.cardState.${status.readers.card.state}`, { defaultValue: status.readers.card.state })}</dd>
              </div>
              {status.speech && (
                <div class="summary__row">
                  <dt>{t('service.speech')}</dt>
                  <dd data-testid="service-speech">{t(`service.speechState.${status.speech.state}`, status.speech)}</dd>
                </div>
              )}
              <div class="summary__row">
                <dt>{t('service.training')}</dt>
                <dd data-testid="service-training">{status.training.active ? t('service.trainingOn') : t('service.trainingOff')}</dd>
              </div>
              <div class="summary__row">
                <dt>{t('service.lastErrors')}</dt>
                <dd data-testid="service-errors">
                  {status.lastErrors.length === 0 ? (
                    t('service.noErrors')
                  ) : (
                    <ul class="service-errors">
                      {status.lastErrors.slice(0, 3).map((entry) => (
                        <li key={`${entry.time}-${entry.event ?? entry.message}`}>
                          <span class="service-errors__time">{clockTime(entry.time, clinicTimeZone(kiosk))}</span> {errorText(t, entry)}
                          {entry.detail && entry.event !== 'printer-status' && <span class="service-errors__detail"> ({t('service.errorDetail', { detail: entry.detail })})</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                </dd>
              </div>
            </dl>
          )}
          {status?.outbox && <OutboxSummary outbox={status.outbox} />}
        </div>
        <div class="service-panel__actions">
          <div class="choice-pair">
            <button type="button" class="button button--primary" disabled={busy} onClick={() => send({ type: 'SERVICE_ACTION', action: { kind: 'test-print' } })}>
              {t('service.testPrint')}
            </button>
            <button type="button" class="button button--secondary" disabled={busy} onClick={() => send({ type: 'SERVICE_ACTION', action: { kind: 'reload' } })}>
              {t('service.reload')}
            </button>
          </div>
          {status?.printer.virtual && (
            <>
              <h2 class="section-title">{t('service.virtualFaults')}</h2>
              <div class="day-strip" role="group" aria-label={t('service.virtualFaults')}>
                {SERVICE_FAULTS.map((fault) => (
                  <button key={fault} type="button" class="day" disabled={busy} onClick={() => send({ type: 'SERVICE_ACTION', action: { kind: 'fault', fault } })}>
                    <span class="day__name">{t(`service.fault.${fault}`)}</span>
                  </button>
                ))}
              </div>
            </>
          )}
          {service && service.journal.length > 0 && (
            <>
              <h2 class="section-title">{t('service.journal')}</h2>
              <ul class="appointment-list">
                {service.journal.slice(0, JOURNAL_SHOWN).map((entry) => (
                  <li key={entry.id} class="appointment">
                    <div class="appointment__facts">
                      <div class="appointment__who">
                        {entry.bookingNumber} · {t(`service.outcome.${entry.outcome}`, { defaultValue: entry.outcome })}
                      </div>
                    </div>
                    <div class="appointment__actions">
                      <button type="button" class="button button--secondary" disabled={busy} onClick={() => send({ type: 'SERVICE_ACTION', action: { kind: 'reprint', entryId: entry.id } })}>
                        {t('service.reprint')}
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            </>
          )}
          <button type="button" class="button button--secondary button--wide" disabled={busy} onClick={() => send({ type: 'SERVICE_REFRESH' })}>
            {t('service.refresh')}
          </button>
        </div>
      </div>
    </ScreenFrame>
  );
}
