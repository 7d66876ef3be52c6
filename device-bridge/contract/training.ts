// Training mode's one route (device-bridge/api/training-routes.ts): the on-screen demo card.
import type { InvalidRequest } from './invalid-request';

export type TrainingApiError =
  | InvalidRequest
  /** 409: the kiosk is not in training mode; demo cards exist only there. */
  | { readonly kind: 'training-off' }
  /** 404: no demo patient with that number. */
  | { readonly kind: 'demo-patient-not-found' }
  /** 503: the sandbox refused (should not happen: it is in memory). */
  | { readonly kind: 'unavailable'; readonly cause: string };
