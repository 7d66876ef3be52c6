// The virtual printer's output at rest (issue 18, item 6): 0600 files in a
// 0700 directory whatever the umask, and only the last `keepTickets` tickets'
// text and PNGs kept.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openTicketOutput } from './ticket-output';

let root: string;
let umask: number;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ticket-output-'));
  umask = process.umask(0o022);
});
afterEach(() => {
  process.umask(umask);
  rmSync(root, { recursive: true, force: true });
});

const at = (i: number) => new Date(Date.UTC(2026, 10, 23, 7, 0, i)).toISOString();
const previewOf = (i: number) => `ticket-${at(i).replace(/[:.]/g, '-')}-${i}.png`;

describe('the virtual printer output', () => {
  test('keeps the last keepTickets tickets: older PNGs deleted, tickets.txt cut to its last entries', async () => {
    const dir = join(root, 'printer');
    const output = openTicketOutput(dir, 3);
    for (let i = 1; i <= 7; i++) await output.write(`==== ${at(i)} ====\nПациент: Тестова-${i} А. А.\n\n`, previewOf(i), () => Buffer.from(`png ${i}`));
    expect(readdirSync(dir).filter((n) => n.endsWith('.png')).sort()).toEqual([5, 6, 7].map(previewOf));
    const text = readFileSync(join(dir, 'tickets.txt'), 'utf8');
    expect(text.match(/^==== /gm)).toHaveLength(3);
    expect(text.startsWith(`==== ${at(5)} ====\n`)).toBe(true);
    expect(text).not.toContain('Тестова-4');
    expect(text).toContain('Тестова-7');
  });

  test('is 0600 in a 0700 directory', async () => {
    const dir = join(root, 'printer');
    const output = openTicketOutput(dir);
    const png = await output.write(`==== ${at(1)} ====\nx\n\n`, previewOf(1), () => Buffer.from('png'));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(png).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'tickets.txt')).mode & 0o777).toBe(0o600);
  });
});
