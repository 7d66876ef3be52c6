// espeak-ng as the bridge's speech engine: started per prompt, without a shell,
// the text on stdin (never in an argument or a shell string, so no text can
// become an option or a command), WAV on stdout. Offline by design: espeak-ng
// needs no network and ships in Debian (README "Accessibility").
import { spawn } from 'node:child_process';
import type { Result } from '../contract/result';
import { err, ok } from '../contract/result';
import { withTrueSizes } from './wav';

export interface VoiceSettings {
  /** espeak-ng voice name, e.g. `ru`, `en-us`. */
  readonly voice: string;
  /** Words per minute. */
  readonly rate: number;
  /** espeak-ng amplitude (100 = normal). */
  readonly volume: number;
}

export interface SpeechSynth {
  /** The WAV of `text`, or why espeak-ng gave none (the detail never holds the text). */
  synthesize(text: string, settings: VoiceSettings): Promise<Result<Buffer, string>>;
  /** `espeak-ng --version`'s first line, or why it cannot run. */
  version(): Promise<Result<string, string>>;
}

export interface EspeakOptions {
  /** The program; `espeak-ng` from PATH unless a test or packaging says otherwise. */
  readonly command?: string;
  /** A synthesis that takes longer is killed and counts as a failure. */
  readonly timeoutMs?: number;
}

/** More than any screen's prompt makes (about 45 s of speech at 22 kHz): a runaway process is stopped there. */
const MAX_WAV_BYTES = 8 * 1024 * 1024;

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: Buffer;
}

function run(command: string, args: readonly string[], input: string | null, timeoutMs: number): Promise<Result<Run, string>> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { shell: false, stdio: ['pipe', 'pipe', 'ignore'], timeout: timeoutMs, killSignal: 'SIGKILL' });
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: Result<Run, string>) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    child.on('error', (error: NodeJS.ErrnoException) => finish(err(error.code === 'ENOENT' ? `${command} is not installed (not found on PATH)` : `${command} could not start: ${error.code ?? error.message}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_WAV_BYTES) {
        child.kill('SIGKILL');
        return finish(err(`${command} produced more than ${MAX_WAV_BYTES} bytes`));
      }
      chunks.push(chunk);
    });
    child.on('close', (code, signal) => finish(ok({ code, signal, stdout: Buffer.concat(chunks) })));
    // A process that died before reading its input closes stdin under us: that is reported by `close`, not thrown.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

export function createEspeakSynth(options: EspeakOptions = {}): SpeechSynth {
  const command = options.command ?? 'espeak-ng';
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    async synthesize(text, settings) {
      // -b 1: the input is UTF-8; --stdin: the text comes on standard input, never as an argument.
      const args = ['-v', settings.voice, '-s', String(settings.rate), '-a', String(settings.volume), '-b', '1', '--stdin', '--stdout'];
      const ran = await run(command, args, `${text}\n`, timeoutMs);
      if (!ran.ok) return ran;
      const { code, signal, stdout } = ran.value;
      if (signal) return err(`${command} was stopped by ${signal}${signal === 'SIGKILL' ? ` (over ${timeoutMs} ms)` : ''}`);
      if (code !== 0) return err(`${command} exited with code ${code}`);
      const wav = withTrueSizes(stdout);
      return wav ? ok(wav) : err(`${command} gave no WAV audio (${stdout.length} bytes)`);
    },
    async version() {
      const ran = await run(command, ['--version'], null, timeoutMs);
      if (!ran.ok) return ran;
      if (ran.value.code !== 0) return err(`${command} --version exited with code ${ran.value.code ?? ran.value.signal}`);
      return ok(engineName(ran.value.stdout.toString('utf8').split('\n', 1)[0] ?? '') || command);
    },
  };
}

/**
 * «eSpeak NG 1.51» from `--version`'s first line («eSpeak NG text-to-speech: 1.51  Data at: /usr/lib/…»): the
 * service panel and /health name the engine and its version, not a data path nobody at the kiosk needs.
 */
export function engineName(line: string): string {
  const named = /^(.*?)\s+text-to-speech:\s*(\S+)/.exec(line.trim());
  if (named) return `${named[1]} ${named[2]}`;
  return line.replace(/\s+Data at:.*$/, '').trim();
}
