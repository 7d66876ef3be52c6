// Renders the one screen that matches the journey's state. No screen keeps
// state of its own that outlives a session: the machine's context is the truth.
import type { i18n } from 'i18next';
import type { ComponentType } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { loadLanguage } from './i18n/i18n';
import { IdleDialog } from './components/idle-dialog';
import { lazyPart } from './components/lazy-part';
import { TranslationContext } from './i18n/translation-context';
import { ActorContext } from './journey/actor-context';
import { at } from './journey/journey-view';
import { isTraining } from './journey/selectors';
import type { JourneyActor } from './journey/use-journey';
import { useJourney } from './journey/use-journey';
import { AttractScreen } from './screens/attract-screen';
import { BusyScreen } from './screens/busy-screen';
import { ConfirmIdentityScreen } from './screens/confirm-identity-screen';
import { DoneScreen } from './screens/done-screen';
import { FailedScreen } from './screens/failed-screen';
import { IdentifyScreen, OtherPolicyScreen } from './screens/identify-screen';
import { ReviewScreen } from './screens/review-screen';
import { lazyScreen } from './screens/lazy-screen';
import type { ScreenProps } from './screens/screen-props';

const Loading = (props: ScreenProps) => <BusyScreen {...props} message="app.loading" />;
const AppointmentsScreen = lazyScreen(() => import('./screens/appointments-screen').then((m) => m.AppointmentsScreen), Loading);
const ConfirmCancelScreen = lazyScreen(() => import('./screens/confirm-cancel-screen').then((m) => m.ConfirmCancelScreen), Loading);
const NoSlotsScreen = lazyScreen(() => import('./screens/no-slots-screen').then((m) => m.NoSlotsScreen), Loading);
const WaitingListScreen = lazyScreen(() => import('./screens/waiting-list-screen').then((m) => m.WaitingListScreen), Loading);
const ServiceLoginScreen = lazyScreen(() => import('./screens/service-login-screen').then((m) => m.ServiceLoginScreen), Loading);
const ServicePanelScreen = lazyScreen(() => import('./screens/service-panel-screen').then((m) => m.ServicePanelScreen), Loading);
/** The booking screens come after identification: fetched in the background at start-up, never before the attract screen. */
const SpecialtyScreen = lazyScreen(() => import('./screens/specialty-screen').then((m) => m.SpecialtyScreen), Loading);
const SlotScreen = lazyScreen(() => import('./screens/slot-screen').then((m) => m.SlotScreen), Loading);
/** «Помощь уже идёт», its signal and chime: only for a patient who calls a volunteer. */
const AssistanceDialog = lazyPart(() => import('./assistance/assistance-dialog').then((m) => m.AssistanceDialog));
/** Training mode's show-me guide: volunteers only, so patients at a real kiosk never load it. */
const ShowMeGuide = lazyPart(() => import('./components/show-me-guide').then((m) => m.ShowMeGuide));

/** Fetches the rarely used screens (and the volunteer dialog) once the first screen is up. */
export function preloadScreens(): void {
  for (const screen of [SpecialtyScreen, SlotScreen, AppointmentsScreen, ConfirmCancelScreen, NoSlotsScreen, WaitingListScreen, ServiceLoginScreen, ServicePanelScreen]) screen.preload();
  AssistanceDialog.preload();
  OtherPolicyScreen.preload();
}

export function App({ actor, i18n }: { readonly actor: JourneyActor; readonly i18n: i18n }) {
  const view = useJourney(actor);
  const { language, largeText, highContrast, idleWarning, assistanceScreen } = view.context;
  // A language other than Russian loads on first use; until then the screen stays Russian.
  const [loaded, setLoaded] = useState<ReadonlySet<string>>(() => new Set(['ru']));
  useEffect(() => {
    if (!loaded.has(language)) void loadLanguage(i18n, language).then(() => setLoaded((s) => new Set(s).add(language)));
  }, [i18n, language, loaded]);
  const shown = loaded.has(language) ? language : 'ru';
  const t = useMemo(() => i18n.getFixedT(shown), [i18n, shown]);

  // Display modes live on <html> so every rem and colour follows them.
  useEffect(() => {
    const root = document.documentElement;
    root.lang = shown;
    root.classList.toggle('large-text', largeText);
    root.classList.toggle('high-contrast', highContrast);
  }, [shown, largeText, highContrast]);

  // 20 mm on this kiosk's panel (config screen.dpi); targets never go below it.
  const minTouchPx = view.context.kiosk?.minTouchPx;
  useEffect(() => {
    if (minTouchPx) document.documentElement.style.setProperty('--touch-min', `${minTouchPx}px`);
  }, [minTouchPx]);

  // Training mode: a band on every screen, in a colour the real kiosk never uses, so nobody takes a sample booking for real.
  const training = isTraining(view.context.kiosk);
  const showMe = training && view.context.showMe;
  useEffect(() => {
    document.documentElement.classList.toggle('training', training);
  }, [training]);

  const props: ScreenProps = { view, send: actor.send.bind(actor) };
  return (
    <ActorContext.Provider value={actor}>
      <TranslationContext.Provider value={t}>
        {training && (
          <div class="training-banner" data-testid="training-banner">
            <p class="training-banner__text" role="status">
              {t('training.banner')}
            </p>
            <button type="button" class="training-banner__toggle" aria-pressed={showMe} onClick={() => actor.send({ type: 'TOGGLE_SHOW_ME' })}>
              {t('training.showMe')}
            </button>
          </div>
        )}
        <CurrentScreen {...props} />
        {training && showMe && <ShowMeGuide version={view.state} />}
        {assistanceScreen !== null && (
          <AssistanceDialog assistance={view.context.kiosk?.assistance} language={shown} onClose={() => actor.send({ type: 'CLOSE_ASSISTANCE' })} />
        )}
        {idleWarning && at(view, 'session') && <IdleDialog />}
      </TranslationContext.Provider>
    </ActorContext.Provider>
  );
}

const LoadingSpecialties = (props: ScreenProps) => <BusyScreen {...props} message="app.loading" step="specialty" />;
const LoadingSlots = (props: ScreenProps) => <BusyScreen {...props} message="app.loading" step="slot" />;
const Printing = (props: ScreenProps) => <BusyScreen {...props} message="printing.progress" step="ticket" />;

/** Which screen shows which state of the journey (journey-view.ts names them). */
const SCREENS: Record<string, ComponentType<ScreenProps>> = {
  'session.ending': AttractScreen,
  'service.leaving': AttractScreen,
  'service.busy': AttractScreen,
  'service.login': ServiceLoginScreen,
  'service.verifying': ServiceLoginScreen,
  'session.identify': IdentifyScreen,
  'session.identifying': IdentifyScreen,
  'session.confirmIdentity': ConfirmIdentityScreen,
  'session.loadingSpecialties': LoadingSpecialties,
  'session.specialty': SpecialtyScreen,
  'session.loadingSlots': LoadingSlots,
  'session.holding': LoadingSlots,
  'session.slot': SlotScreen,
  'session.review': ReviewScreen,
  'session.booking': ReviewScreen,
  'session.printing': Printing,
  'session.done': DoneScreen,
  'session.noSlots': NoSlotsScreen,
  'session.joiningWaitingList': NoSlotsScreen,
  'session.waitingListJoined': WaitingListScreen,
  'session.loadingAppointments': Loading,
  'session.appointments': AppointmentsScreen,
  'session.reprinting': AppointmentsScreen,
  'session.confirmCancel': ConfirmCancelScreen,
  'session.cancelling': ConfirmCancelScreen,
  'session.busy': Loading,
};

function CurrentScreen(props: ScreenProps) {
  const { view } = props;
  const Screen = at(view, 'attract') ? AttractScreen : (SCREENS[view.state] ?? (at(view, 'service') ? ServicePanelScreen : FailedScreen));
  return <Screen {...props} />;
}
