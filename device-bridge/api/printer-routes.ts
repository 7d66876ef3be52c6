// Printer service routes: the print journal (service mode lists recent tickets
// and reprints one) and, when the printer is `virtual://`, its fault switch so
// tests and the service mode can take the paper out or drop the link.
import type { FastifyReply } from 'fastify';
import type { PrintJournal } from '../journal/print-journal';
import { virtualPrinterFaultSchema, type VirtualPrinter } from '../printer/virtual-printer';
import type { PrinterApiError, PrinterApiResult, ReprintResult } from './contract';
import { parseBody, type RouteRegistrar } from './route-helpers';

const HTTP_STATUS: Record<PrinterApiError['kind'], number> = {
  'invalid-request': 400,
  'journal-entry-not-found': 404,
  'not-virtual-printer': 404,
};

function reply<T>(res: FastifyReply, result: PrinterApiResult<T>): FastifyReply {
  return res.code(result.ok ? 200 : HTTP_STATUS[result.error.kind]).send(result);
}

const entryIdOf = (raw: string): number | null => (/^\d{1,15}$/.test(raw) ? Number(raw) : null);

export interface PrinterRoutesOptions {
  readonly journal: PrintJournal;
  /** Null unless the configured printer is `virtual://`. */
  readonly virtualPrinter: VirtualPrinter | null;
}

export function printerRoutes({ journal, virtualPrinter }: PrinterRoutesOptions): RouteRegistrar {
  return (app) => {
    app.get<{ Querystring: { limit?: string } }>('/api/journal', async (request, res) => {
      const limit = Number(request.query.limit ?? 50);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
        return reply(res, { ok: false, error: { kind: 'invalid-request', field: 'limit', message: '1…500' } });
      }
      return reply(res, { ok: true, value: journal.listRecent(limit) });
    });

    app.get<{ Params: { id: string } }>('/api/journal/:id', async (request, res) => {
      const entryId = entryIdOf(request.params.id);
      if (entryId === null) return reply(res, { ok: false, error: { kind: 'invalid-request', field: 'id', message: 'a journal entry number' } });
      const entry = journal.get(entryId);
      return reply(res, entry ? { ok: true, value: entry } : { ok: false, error: { kind: 'journal-entry-not-found', entryId } });
    });

    app.post<{ Params: { id: string } }>('/api/journal/:id/reprint', async (request, res) => {
      const entryId = entryIdOf(request.params.id);
      if (entryId === null) return reply(res, { ok: false, error: { kind: 'invalid-request', field: 'id', message: 'a journal entry number' } });
      const result = await journal.reprint(entryId);
      if (!result.ok) return reply(res, result);
      return reply<ReprintResult>(res, { ok: true, value: { entry: result.value.entry, print: result.value.outcome } });
    });

    app.get('/api/virtual-printer/fault', async (_request, res) =>
      reply(res, virtualPrinter ? { ok: true, value: virtualPrinter.fault() } : { ok: false, error: { kind: 'not-virtual-printer' } }),
    );

    app.post('/api/virtual-printer/fault', async (request, res) => {
      if (!virtualPrinter) return reply(res, { ok: false, error: { kind: 'not-virtual-printer' } });
      const body = parseBody(virtualPrinterFaultSchema, request.body);
      if (!body.ok) return reply(res, { ok: false, error: body.error.kind === 'invalid-request' ? body.error : { kind: 'invalid-request', field: 'fault', message: 'invalid' } });
      virtualPrinter.setFault(body.value);
      return reply(res, { ok: true, value: virtualPrinter.fault() });
    });
  };
}
