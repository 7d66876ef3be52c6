// The PC/SC host: a small child process that owns @pokusew/pcsclite and
// speaks JSON over Node's IPC channel with the bridge (pcsc-card-reader.ts).
// It is a separate process on purpose: the binding's constructor loops
// forever while pcscd is absent, and a native addon may crash; the bridge
// kills and restarts this process instead of hanging or dying with it.
// Plain JavaScript so it runs under bare `node`, without the TypeScript loader.
//
// Child → parent: {event: 'fatal', reason: 'no-driver', message} | {event: 'ready'}
//   | {event: 'error', message} | {event: 'reader', name} | {event: 'reader-end', name}
//   | {event: 'status', name, present, mute} | {id, ok: true, value} | {id, ok: false, message}
// Parent → child: {id, op: 'connect' | 'transmit' | 'disconnect', reader, apdu?, protocol?}
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const send = (message) => {
  if (process.connected) process.send(message);
};

let pcsclite;
try {
  pcsclite = require('@pokusew/pcsclite');
} catch (cause) {
  send({ event: 'fatal', reason: 'no-driver', message: String(cause && cause.message ? cause.message : cause) });
  process.exit(0);
}

const readers = new Map();
const context = pcsclite();
send({ event: 'ready' });

context.on('error', (error) => {
  send({ event: 'error', message: error.message });
  shutdown();
});

context.on('reader', (reader) => {
  readers.set(reader.name, reader);
  reader.on('error', (error) => send({ event: 'reader-error', name: reader.name, message: error.message }));
  reader.on('end', () => {
    readers.delete(reader.name);
    send({ event: 'reader-end', name: reader.name });
  });
  reader.on('status', (status) =>
    send({
      event: 'status',
      name: reader.name,
      present: (status.state & reader.SCARD_STATE_PRESENT) !== 0,
      mute: (status.state & reader.SCARD_STATE_MUTE) !== 0,
    }),
  );
  send({ event: 'reader', name: reader.name });
});

process.on('message', (message) => {
  const { id, op } = message;
  const reader = readers.get(message.reader);
  const answer = (error, value) => send(error ? { id, ok: false, message: error.message ?? String(error) } : { id, ok: true, value });
  if (!reader) return answer(new Error(`no reader named ${message.reader}`));
  if (op === 'connect') {
    reader.connect({ share_mode: reader.SCARD_SHARE_EXCLUSIVE }, (error, protocol) => answer(error, protocol));
  } else if (op === 'transmit') {
    reader.transmit(Buffer.from(message.apdu, 'hex'), 4096, message.protocol, (error, response) =>
      answer(error, response ? response.toString('hex') : ''),
    );
  } else if (op === 'disconnect') {
    reader.disconnect(reader.SCARD_LEAVE_CARD, (error) => answer(error, null));
  } else {
    answer(new Error(`unknown operation ${op}`));
  }
});

let shuttingDown = false;
function shutdown() {
  if (shuttingDown) return;
  shuttingDown = true;
  for (const reader of readers.values()) {
    try {
      reader.close();
    } catch {
      // already closed
    }
  }
  try {
    context.close();
  } catch {
    // already closed
  }
  setTimeout(() => process.exit(0), 50);
}

// The bridge closed the channel (it is stopping, or it died): release PC/SC and go.
process.on('disconnect', shutdown);
process.on('SIGTERM', shutdown);
