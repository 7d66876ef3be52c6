#!/usr/bin/env node
// Comments cite files that exist: every repo-relative path written in a comment
// of a .ts/.tsx/.mjs/.cjs file (`device-bridge/printer/driver/raster.ts`, `docs/…md`,
// `kiosk-ui/journey/`) must name a file or folder of this repository. A moved or
// deleted file otherwise leaves comments pointing a newcomer nowhere.
// Prints `file:line: path` for each one that does not exist; exit code 1 then.
//
// Only paths that start with a top-level folder of the repo count, plus the
// project notes' "domain" folder, which is not in the repo (its fact sheets the
// code relies on are copied under docs/domain/). Paths with wildcards or
// placeholders (`*`, `<…>`, `{…}`) are patterns, not citations.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const repo = process.cwd();
const SKIP_DIRS = new Set(['node_modules', 'dist', 'test-results', 'playwright-report', 'var', '.git', '.tsbuild']);

const topLevel = readdirSync(repo).filter((name) => !SKIP_DIRS.has(name) && statSync(join(repo, name)).isDirectory());
const roots = [...new Set([...topLevel, 'domain'])].map((name) => name.replace(/[.]/g, '\\.'));
const PATH = new RegExp(`(?<![\\w./@-])(?:${roots.join('|')})/[\\w./@-]*`, 'g');

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP_DIRS.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(tsx?|mjs|cjs)$/.test(entry.name) ? [path] : [];
  });
}

/**
 * The comments of a TypeScript source, each with the line it starts on. A small
 * lexer: strings, template literals and regular expressions are skipped so that
 * `'http://…'` or `/\/\//` are not taken for comments.
 */
export function commentsOf(source) {
  const comments = [];
  let line = 1;
  let lastSignificant = '';
  const templateDepth = [];
  let i = 0;
  const advance = (to) => {
    for (; i < to; i++) if (source[i] === '\n') line++;
  };
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      comments.push({ line, text: source.slice(i + 2, stop) });
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      comments.push({ line, text: source.slice(i + 2, stop - 2) });
      advance(stop);
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      advance(j + 1);
      lastSignificant = 'a';
    } else if (c === '`' || (c === '}' && templateDepth.at(-1) === 0)) {
      if (c === '}') templateDepth.pop();
      let j = i + 1;
      while (j < source.length && source[j] !== '`' && !(source[j] === '$' && source[j + 1] === '{')) {
        j += source[j] === '\\' ? 2 : 1;
      }
      if (source[j] === '$') {
        templateDepth.push(0);
        advance(j + 2);
      } else {
        advance(j + 1);
        lastSignificant = 'a';
      }
    } else if (c === '/' && (lastSignificant === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(lastSignificant))) {
      // A regular expression literal (a `/` where a value starts).
      let j = i + 1;
      let inClass = false;
      while (j < source.length && source[j] !== '\n' && (inClass || source[j] !== '/')) {
        if (source[j] === '[') inClass = true;
        else if (source[j] === ']') inClass = false;
        j += source[j] === '\\' ? 2 : 1;
      }
      advance(j + 1);
      lastSignificant = 'a';
    } else {
      if (c === '{' && templateDepth.length > 0) templateDepth[templateDepth.length - 1]++;
      if (c === '}' && templateDepth.length > 0) templateDepth[templateDepth.length - 1]--;
      if (!/\s/.test(c)) lastSignificant = /[\w$)\]]/.test(c) ? 'a' : c;
      advance(i + 1);
    }
  }
  return comments;
}

/** Repo-relative paths cited in one comment, without trailing punctuation or `:line` suffixes. */
export function citedPaths(text) {
  const paths = [];
  for (const match of text.matchAll(PATH)) {
    const after = text.slice(match.index + match[0].length);
    if (/^[*<{]/.test(after) || match[0].includes('*')) continue;
    const path = match[0].replace(/[.]+$/, '');
    if (path.endsWith('/') && after.startsWith('…')) continue;
    paths.push(path);
  }
  return paths;
}

const missing = [];
for (const file of sourceFiles(repo)) {
  const source = readFileSync(file, 'utf8');
  for (const comment of commentsOf(source)) {
    for (const path of citedPaths(comment.text)) {
      if (!existsSync(join(repo, path))) missing.push(`${relative(repo, file)}:${comment.line}: ${path}`);
    }
  }
}

if (missing.length > 0) {
  console.error('Comments cite paths that do not exist in the repo:');
  for (const line of missing) console.error(`  ${line}`);
  process.exit(1);
}
console.log('Comment paths: every cited file exists.');
