// POST /api/speech: the text a screen says → WAV from espeak-ng (speech-service.ts).
// No session (the attract screen's idle question speaks too); the kiosk token
// and the Host/Origin guard apply as to every mutating call (api/server.ts).
// The answer is never cached by the browser and never logged with its text.
import { SPEECH_CONTENT_TYPE } from '../contract/speech';
import { handle, type RouteRegistrar } from '../api/route-helpers';
import type { SpeechService } from './speech-service';

export function speechRoutes(speech: Pick<SpeechService, 'speak'>): RouteRegistrar {
  return (app) =>
    handle(app, 'speak', async ({ body }) => speech.speak(body.text, body.language, body.cache), {
      headers: () => ({ 'cache-control': 'no-store' }),
      sendValue: (reply, wav) => reply.type(SPEECH_CONTENT_TYPE).send(wav),
    });
}
