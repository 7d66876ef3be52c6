// The screens «Позвать волонтёра» can be pressed on: the dead ends that show the
// button (kiosk-ui/screens/*-screen.tsx) and every patient screen whose help
// dialog offers it (kiosk-ui/components/help-dialog.tsx). The UI sends only
// these; the bridge counts any other name as `other` in
// kiosk_assistance_calls_total (a newer UI still gets its volunteer, and
// /metrics keeps a handful of series whatever a caller sends).
export const ASSISTANCE_SCREENS = [
  'attract',
  'identify',
  'confirmIdentity',
  'specialty',
  'slot',
  'review',
  'busy',
  'done',
  'failed',
  'noSlots',
  'waitingList',
  'appointments',
  'confirmCancel',
  'birthDate',
  'checkIn',
] as const;

export type AssistanceScreen = (typeof ASSISTANCE_SCREENS)[number];

/** The metrics label of a call from `screen`: its own name when known, `other` otherwise. */
export type AssistanceScreenLabel = AssistanceScreen | 'other';

export function isAssistanceScreen(screen: string): screen is AssistanceScreen {
  return (ASSISTANCE_SCREENS as readonly string[]).includes(screen);
}

export const assistanceScreenLabel = (screen: string): AssistanceScreenLabel => (isAssistanceScreen(screen) ? screen : 'other');
