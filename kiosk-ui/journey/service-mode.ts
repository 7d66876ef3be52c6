// Service mode for clinic IT and volunteers, entered from the attract screen by
// a long press in the corner and a PIN. Its bridge calls and its actions, kept
// apart from the patient's; its states are service-machine.ts.
import type {
  ApiError,
  ConfigReloadReport,
  JournalEntry,
  ServiceApiError,
  PinLogin,
  ServiceReprintResult,
  ServiceStatus,
  TestPrintResult,
} from '../../device-bridge/contract';

export type ServiceResult<T> = { ok: true; value: T } | { ok: false; error: ServiceApiError | ApiError };

/** Faults the service screen can put the virtual printer into (a demo or a volunteer's practice). */
export const SERVICE_FAULTS = ['none', 'paper-near-end', 'paper-out', 'cover-open'] as const;
export type ServiceFault = (typeof SERVICE_FAULTS)[number];

export interface ServiceBridge {
  /** IT's PIN opens service mode (a token); the volunteer PIN switches training mode instead. */
  serviceLogin(pin: string): Promise<ServiceResult<PinLogin>>;
  serviceLogout(token: string): Promise<void>;
  serviceStatus(token: string): Promise<ServiceResult<ServiceStatus>>;
  serviceJournal(token: string): Promise<ServiceResult<JournalEntry[]>>;
  serviceTestPrint(token: string): Promise<ServiceResult<TestPrintResult>>;
  serviceSetFault(token: string, fault: ServiceFault): Promise<ServiceResult<unknown>>;
  serviceReloadConfig(token: string): Promise<ServiceResult<ConfigReloadReport>>;
  serviceReprint(token: string, entryId: number): Promise<ServiceResult<ServiceReprintResult>>;
}

export type ServiceAction =
  | { readonly kind: 'test-print' }
  | { readonly kind: 'fault'; readonly fault: ServiceFault }
  | { readonly kind: 'reload' }
  | { readonly kind: 'reprint'; readonly entryId: number };

/** What the last service action did, in words for the screen (the key of a `service.result.*` string). */
export type ServiceNotice =
  | { readonly kind: 'printed' }
  | { readonly kind: 'print-failed'; readonly state: string }
  | { readonly kind: 'fault-set'; readonly fault: ServiceFault }
  | { readonly kind: 'reloaded'; readonly applied: number; readonly restartRequired: number }
  | { readonly kind: 'reload-failed'; readonly problems: readonly string[] }
  | { readonly kind: 'failed'; readonly error: string };

export interface ServiceSnapshot {
  readonly status: ServiceStatus;
  readonly journal: readonly JournalEntry[];
}

export async function loadService(bridge: ServiceBridge, token: string): Promise<ServiceResult<ServiceSnapshot>> {
  const [status, journal] = await Promise.all([bridge.serviceStatus(token), bridge.serviceJournal(token)]);
  if (!status.ok) return status;
  return { ok: true, value: { status: status.value, journal: journal.ok ? journal.value : [] } };
}

export async function runServiceAction(bridge: ServiceBridge, token: string, action: ServiceAction): Promise<ServiceResult<ServiceNotice>> {
  switch (action.kind) {
    case 'test-print': {
      const done = await bridge.serviceTestPrint(token);
      if (!done.ok) return done;
      return { ok: true, value: done.value.print.outcome === 'printed' ? { kind: 'printed' } : { kind: 'print-failed', state: done.value.print.status.state } };
    }
    case 'reprint': {
      const done = await bridge.serviceReprint(token, action.entryId);
      if (!done.ok) return done;
      return { ok: true, value: done.value.print.outcome === 'printed' ? { kind: 'printed' } : { kind: 'print-failed', state: done.value.print.status.state } };
    }
    case 'fault': {
      const done = await bridge.serviceSetFault(token, action.fault);
      return done.ok ? { ok: true, value: { kind: 'fault-set', fault: action.fault } } : done;
    }
    case 'reload': {
      const done = await bridge.serviceReloadConfig(token);
      if (done.ok) return { ok: true, value: { kind: 'reloaded', applied: done.value.applied.length, restartRequired: done.value.restartRequired.length } };
      if (done.error.kind === 'config-invalid') {
        return { ok: true, value: { kind: 'reload-failed', problems: done.error.problems.map((p) => `${p.path}: ${p.message}`) } };
      }
      return done;
    }
  }
}
