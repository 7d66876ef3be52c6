// The chip-card reader over PC/SC: pcscd + @pokusew/pcsclite. The native
// binding is an optional dependency and runs in a child process
// (pcsc-host.mjs): its constructor loops forever while pcscd is absent, and a
// native addon may crash, so the bridge talks to it over IPC and restarts it
// instead of hanging or dying with it. A machine without the binding, without
// pcscd or without a reader gets a status value ("no reader"), never an
// exception, and the kiosk keeps working with the keypad.
//
// Parts: card-reader.ts (the interface), pcsc-host-client.ts (the child
// process), pcsc-card-read.ts (one read of a card); this file follows pcscd,
// the readers and the card, and turns them into statuses and read outcomes.
import { connect } from 'node:net';
import type { Logger } from 'pino';
import type { CardReader, CardReaderStatus, CardReadOutcome } from './card-reader';
import type { OmsCardLayout } from './oms-card-apdu';
import { readCard } from './pcsc-card-read';
import { spawnPcscHost, type PcscHost } from './pcsc-host-client';

export interface PcscCardReaderOptions {
  /** `""`: the first reader that is not a vsmartcard virtual one; otherwise a case-insensitive part of the reader's name. */
  readonly reader: string;
  readonly layout: OmsCardLayout;
  readonly logger: Logger;
  /** How often to look for pcscd again while it does not answer. */
  readonly retryMs?: number;
  /** A read that takes longer than this is given up as unreadable. */
  readonly readTimeoutMs?: number;
  /** pcscd's socket (pcsc-lite honours PCSCLITE_CSOCK_NAME too). */
  readonly socketPath?: string;
  /** Starts the PC/SC host; null when the binding is not installed. Unit tests pass a fake. */
  readonly startHost?: () => PcscHost | null;
}

export const DEFAULT_PCSCD_SOCKET = '/run/pcscd/pcscd.comm';
/** Readers vsmartcard's vpcd adds to pcscd. Used only when the config names them. */
export const VIRTUAL_READER_PREFIX = 'Virtual PCD';
const REMOVAL_GRACE_MS = 2000;
const HOST_READY_MS = 5000;
/** After the host is ready, how long to wait for the configured reader to show up before calling start-up settled. */
const READER_LISTING_MS = 300;

/** Whether a PC/SC reader name is the one the config asks for. */
export function readerMatches(pattern: string, name: string): boolean {
  if (pattern.trim() === '') return !name.startsWith(VIRTUAL_READER_PREFIX);
  return name.toLowerCase().includes(pattern.trim().toLowerCase());
}

export function createPcscCardReader(options: PcscCardReaderOptions): CardReader {
  const { logger } = options;
  const retryMs = options.retryMs ?? 3000;
  const readTimeoutMs = options.readTimeoutMs ?? 10_000;
  const socketPath = options.socketPath ?? process.env.PCSCLITE_CSOCK_NAME ?? DEFAULT_PCSCD_SOCKET;
  const startHost = options.startHost ?? spawnPcscHost;
  const statusListeners = new Set<(status: CardReaderStatus) => void>();
  const readListeners = new Set<(outcome: CardReadOutcome) => void>();

  let current: CardReaderStatus = { state: 'unavailable', reason: 'no-service', detail: 'starting' };
  let closed = false;
  let markSettled: () => void = () => undefined;
  const settled = new Promise<void>((resolve) => {
    const bound = setTimeout(resolve, HOST_READY_MS + READER_LISTING_MS + 1000);
    bound.unref();
    markSettled = () => {
      clearTimeout(bound);
      resolve();
    };
  });
  let retryTimer: NodeJS.Timeout | undefined;
  let host: PcscHost | null = null;
  let active: ActiveReader | null = null;

  interface ActiveReader {
    readonly name: string;
    readonly host: PcscHost;
    present: boolean;
    reading: boolean;
    gone: boolean;
    /** Resolvers waiting for the card to be seen gone. */
    readonly absentWaiters: Set<() => void>;
  }

  const setStatus = (status: CardReaderStatus) => {
    if (JSON.stringify(status) === JSON.stringify(current)) return;
    current = status;
    logger.info({ event: 'card-reader-status', state: status.state, ...('reader' in status ? { reader: status.reader } : {}) }, 'card reader status');
    for (const listener of statusListeners) listener(status);
  };
  const emitRead = (outcome: CardReadOutcome) => {
    logger.info(
      { event: 'card-read', outcome: outcome.kind === 'read' ? 'read' : outcome.reason, ...(outcome.kind === 'failed' ? { detail: outcome.detail } : {}) },
      'card read finished',
    );
    for (const listener of readListeners) listener(outcome);
  };

  const scheduleRetry = () => {
    if (closed) return;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void start(), retryMs);
    retryTimer.unref();
  };

  async function start(): Promise<void> {
    if (closed || host) return;
    if (!(await socketAnswers(socketPath))) {
      setStatus({ state: 'unavailable', reason: 'no-service', detail: `pcscd does not answer on ${socketPath}` });
      markSettled();
      scheduleRetry();
      return;
    }
    if (closed || host) return;
    const started = startHost();
    if (!started) {
      setStatus({ state: 'unavailable', reason: 'no-driver', detail: 'the PC/SC binding (@pokusew/pcsclite) is not installed' });
      markSettled();
      return; // a module does not appear at runtime: no retry
    }
    const h = started;
    host = h;
    let ready = false;
    const readyTimer = setTimeout(() => {
      // The binding spins while pcscd is gone (it vanished after the probe): stop it and try again later.
      if (!ready) void h.stop();
    }, HOST_READY_MS);
    h.onExit((detail) => {
      clearTimeout(readyTimer);
      if (host !== h) return;
      host = null;
      dropActive();
      if (closed) return;
      if (current.state !== 'unavailable' || current.reason !== 'no-driver') {
        setStatus({ state: 'unavailable', reason: 'no-service', detail: `PC/SC host stopped: ${detail}` });
        scheduleRetry();
      }
      markSettled();
    });
    h.onEvent((event) => {
      if (closed || host !== h) return;
      switch (event.event) {
        case 'ready': {
          ready = true;
          clearTimeout(readyTimer);
          setStatus({ state: 'no-reader' });
          // The reader list follows 'ready' at once; give it a moment before calling start-up settled.
          const listing = setTimeout(markSettled, READER_LISTING_MS);
          listing.unref();
          return;
        }
        case 'fatal':
          setStatus({ state: 'unavailable', reason: 'no-driver', detail: event.message });
          markSettled();
          return;
        case 'error':
          logger.warn({ event: 'pcsc-error', detail: event.message }, 'PC/SC error; reconnecting');
          return;
        case 'reader':
          if (!active && readerMatches(options.reader, event.name)) adopt(h, event.name);
          return;
        case 'reader-end':
          if (active?.name === event.name) {
            dropActive();
            setStatus({ state: 'no-reader' });
          }
          return;
        case 'reader-error':
          if (active?.name === event.name) logger.warn({ event: 'card-reader-error', detail: event.message }, 'card reader error');
          return;
        case 'status':
          if (active?.name === event.name) onCardStatus(active, event.present, event.mute);
          return;
      }
    });
  }

  function adopt(h: PcscHost, name: string): void {
    active = { name, host: h, present: false, reading: false, gone: false, absentWaiters: new Set() };
    setStatus({ state: 'ready', reader: name });
    markSettled();
  }

  function dropActive(): void {
    if (!active) return;
    active.gone = true;
    for (const resolve of active.absentWaiters) resolve();
    active = null;
  }

  function onCardStatus(reader: ActiveReader, present: boolean, mute: boolean): void {
    const wasPresent = reader.present;
    reader.present = present;
    if (!present) {
      for (const resolve of reader.absentWaiters) resolve();
      reader.absentWaiters.clear();
      if (!reader.reading) setStatus({ state: 'ready', reader: reader.name });
      return;
    }
    if (wasPresent) return;
    if (mute) {
      // The chip did not answer the reset: most often the card is in the wrong way round.
      setStatus({ state: 'card-present', reader: reader.name });
      emitRead({ kind: 'failed', reason: 'card-unreadable', detail: 'the card does not answer (mute)' });
      return;
    }
    void read(reader);
  }

  async function read(reader: ActiveReader): Promise<void> {
    reader.reading = true;
    setStatus({ state: 'reading', reader: reader.name });
    let outcome: CardReadOutcome;
    try {
      outcome = await withTimeout(readCard(reader.host, reader.name, options.layout), readTimeoutMs, {
        kind: 'failed',
        reason: 'card-unreadable',
        detail: `no answer within ${readTimeoutMs} ms`,
      });
      if (outcome.kind === 'failed' && outcome.detail.startsWith('transport:')) outcome = await classifyTransportFailure(reader, outcome.detail);
    } finally {
      reader.reading = false;
    }
    if (closed) return;
    if (reader.gone || active !== reader) {
      emitRead({ kind: 'failed', reason: 'no-reader', detail: 'the reader went away during the read' });
      return;
    }
    setStatus(reader.present ? { state: 'card-present', reader: reader.name } : { state: 'ready', reader: reader.name });
    emitRead(outcome);
  }

  /** A transport failure mid-read: a card pulled out shows up as absent within pcscd's poll; anything else is unreadable. */
  async function classifyTransportFailure(reader: ActiveReader, detail: string): Promise<CardReadOutcome> {
    if (reader.present && !reader.gone) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, REMOVAL_GRACE_MS);
        reader.absentWaiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    if (reader.gone) return { kind: 'failed', reason: 'no-reader', detail };
    return reader.present ? { kind: 'failed', reason: 'card-unreadable', detail } : { kind: 'failed', reason: 'card-removed', detail };
  }

  void start();

  return {
    status: () => current,
    settled,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    onRead(listener) {
      readListeners.add(listener);
      return () => readListeners.delete(listener);
    },
    async close() {
      closed = true;
      markSettled();
      clearTimeout(retryTimer);
      dropActive();
      const h = host;
      host = null;
      await h?.stop();
    },
  };
}

function socketAnswers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ path });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(1000, () => done(false));
  });
}

function withTimeout<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    void work.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}
