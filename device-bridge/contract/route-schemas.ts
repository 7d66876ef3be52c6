// Which schema checks which part of each route's request (contract/routes.ts
// has the routes, contract/requests.ts the schemas). The bridge parses params,
// query and body with these before any handler runs, in one place
// (device-bridge/api/route-helpers.ts); a failed check answers 400 `invalid-request`.
import type { z } from 'zod';
import {
  appointmentParams,
  assistanceCallRequest,
  bookingParams,
  bookRequest,
  checkInRequest,
  daySlotsParams,
  demoCardRequest,
  doctorFilter,
  holdRequest,
  journalEntryParams,
  journalQuery,
  memoPrintRequest,
  serviceLoginRequest,
  specialtyParams,
  startSessionRequest,
  virtualCardInsertRequest,
  virtualPrinterFaultSchema,
  waitingListRequest,
} from './requests';
import { leaveRequestBody } from './outbox-requests';
import type { RouteName } from './routes';
import { speechRequest } from './speech-request';

export interface RouteSchemas {
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
}

export const routeSchemas = {
  startSession: { body: startSessionRequest },
  listDoctors: { params: specialtyParams },
  listDays: { params: specialtyParams, query: doctorFilter },
  listDaySlots: { params: daySlotsParams, query: doctorFilter },
  listSlots: { params: specialtyParams, query: doctorFilter },
  hold: { body: holdRequest },
  book: { body: bookRequest },
  printTicket: { params: bookingParams },
  cancelAppointment: { params: appointmentParams },
  joinWaitingList: { body: waitingListRequest },
  leaveRequest: { body: leaveRequestBody },
  checkIn: { body: checkInRequest },
  callAssistance: { body: assistanceCallRequest },
  printMemo: { body: memoPrintRequest },
  insertDemoCard: { body: demoCardRequest },
  serviceLogin: { body: serviceLoginRequest },
  serviceJournal: { query: journalQuery },
  serviceReprint: { params: journalEntryParams },
  serviceSetFault: { body: virtualPrinterFaultSchema },
  virtualCardInsert: { body: virtualCardInsertRequest },
  speak: { body: speechRequest },
} as const satisfies Partial<Record<RouteName, RouteSchemas>>;

export type SchemasOf<N extends RouteName> = N extends keyof typeof routeSchemas ? (typeof routeSchemas)[N] : {};
