// A pseudo-terminal pair (socat) standing in for a serial / USB-CDC barcode
// scanner: the bridge opens one end as its configured scanner, a test writes
// what a scanner sends into the other. Real serial I/O, no mock.
import { spawn, type ChildProcess } from 'node:child_process';

export interface PtyPair {
  readonly process: ChildProcess;
  /** The end the bridge opens (`serial://${a}`). */
  readonly a: string;
  /** The scanner's end. */
  readonly b: string;
  close(): void;
}

/** Starts `socat -d -d pty,raw,echo=0 pty,raw,echo=0` and returns the two device paths it prints. */
export function ptyPair(): Promise<PtyPair> {
  return new Promise((resolve, reject) => {
    const child = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const paths: string[] = [];
    let log = '';
    child.stderr!.on('data', (chunk) => {
      log += chunk;
      for (const match of String(chunk).matchAll(/PTY is (\/dev\/\S+)/g)) paths.push(match[1]!);
      if (paths.length === 2) resolve({ process: child, a: paths[0]!, b: paths[1]!, close: () => void child.kill('SIGTERM') });
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`socat exited (${code}): ${log}`)));
  });
}
