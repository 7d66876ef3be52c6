// What the virtual printer leaves on disk: each ticket's decoded text appended
// to tickets.txt and a PNG of the paper. Tickets carry a surname and initials,
// so the output is private (0600 files in a 0700 directory, whatever the umask:
// storage/private-files.ts) and kept only for the last `keepTickets` tickets
// (config `virtualPrinter.keepTickets`): older PNGs are deleted and tickets.txt
// is cut to its last `keepTickets` entries (rewritten atomically).
import { chmodSync, existsSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE, writeFileAtomic } from '../../storage/private-files';

export const DEFAULT_KEEP_TICKETS = 200;
const ENTRY_START = '==== ';
const PREVIEW = /^ticket-.*\.png$/;

export interface TicketOutput {
  /** Appends `entry` (starting `==== `) to tickets.txt, writes `png` as `previewName`, then drops what is over the retention; returns the PNG's path. */
  write(entry: string, previewName: string, png: () => Buffer): Promise<string>;
}

export function openTicketOutput(dir: string, keepTickets = DEFAULT_KEEP_TICKETS): TicketOutput {
  ensurePrivateDir(dir);
  const textFile = join(dir, 'tickets.txt');

  const trimText = (): void => {
    if (!existsSync(textFile)) return;
    const text = readFileSync(textFile, 'utf8');
    const starts: number[] = [];
    for (let at = text.indexOf(ENTRY_START); at !== -1; at = text.indexOf(`\n${ENTRY_START}`, at + 1)) starts.push(at === 0 ? 0 : at + 1);
    if (starts.length > keepTickets) writeFileAtomic(textFile, text.slice(starts[starts.length - keepTickets]));
  };

  const trimPreviews = (): void => {
    // ISO timestamps in the names: sorted by name is oldest first.
    const previews = readdirSync(dir).filter((name) => PREVIEW.test(name)).sort();
    for (const name of previews.slice(0, Math.max(0, previews.length - keepTickets))) unlinkSync(join(dir, name));
  };

  return {
    async write(entry, previewName, png) {
      await appendFile(textFile, entry, { encoding: 'utf8', mode: PRIVATE_FILE_MODE });
      chmodSync(textFile, PRIVATE_FILE_MODE);
      const file = join(dir, previewName);
      await writeFile(file, png(), { mode: PRIVATE_FILE_MODE });
      chmodSync(file, PRIVATE_FILE_MODE);
      trimText();
      trimPreviews();
      return file;
    },
  };
}
