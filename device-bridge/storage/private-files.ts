// Files the bridge keeps on disk (databases, the service lockout, the virtual
// printer's output) hold personal data or security state: they are created
// 0600 inside 0700 directories whatever the process umask is (modes are set
// explicitly with chmod, since open() and mkdir() modes are masked), and small
// state files are replaced atomically (write temp + fsync + rename + fsync the
// directory) so a power cut leaves the old file or the new one, never half.
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/**
 * Creates `dir` (and missing parents) and makes it 0700. A directory another
 * user owns (/tmp) keeps its mode: the files in it are 0600 all the same.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  try {
    chmodSync(dir, PRIVATE_DIR_MODE);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'EPERM') throw cause;
  }
}

/** Makes each existing file 0600 (a SQLite file and its -wal/-shm once they exist). */
export function makePrivate(...files: readonly string[]): void {
  for (const file of files) if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE);
}

/** A SQLite database's own files: the database, its WAL and shared-memory index, its rollback journal. */
export const sqliteFilesOf = (file: string): readonly string[] => [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];

/** Writes `text` to `file` atomically and durably, 0600 in a 0700 directory. */
export function writeFileAtomic(file: string, text: string): void {
  const dir = dirname(file);
  ensurePrivateDir(dir);
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', PRIVATE_FILE_MODE);
  try {
    chmodSync(temp, PRIVATE_FILE_MODE);
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  // The rename itself must reach the disk: fsync the directory entry.
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

/**
 * Before opening a SQLite file: its directory 0700 (created when `createDir`;
 * a missing one is otherwise left for SQLite to refuse, saying where), the file
 * created 0600 if missing (SQLite gives the -wal and -shm files the database
 * file's mode). `:memory:` and '' (temporary databases) have no file.
 */
export function preparePrivateDatabase(file: string, createDir = false): void {
  if (file === ':memory:' || file === '') return;
  if (!createDir && !existsSync(dirname(file))) return;
  ensurePrivateDir(dirname(file));
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  makePrivate(...sqliteFilesOf(file));
}

/**
 * After opening it: `secure_delete` (a deleted row's bytes are overwritten, not
 * left readable in free pages: print journal surnames, patients), and its files
 * 0600 again in case the WAL came with another mode.
 */
export function securePrivateDatabase(db: { pragma(source: string): unknown }, file: string): void {
  db.pragma('secure_delete = ON');
  if (file !== ':memory:' && file !== '') makePrivate(...sqliteFilesOf(file));
}
