// What JSON.parse lets through silently in a config layer: a key given twice
// (JSON.parse keeps the last, so a site file's fix can be undone by a stale
// line further down), a "__proto__" key (merging it would set an object's
// prototype, see deepMerge in device-bridge/config-loader.ts), and nesting so
// deep that the recursive merge and validation would overflow the stack.
//
// A scanner over text that JSON.parse has already accepted: it only needs to
// tell keys from values and track where it is. Iterative, so its own depth
// is bounded by MAX_CONFIG_DEPTH and not by the stack.
import type { ConfigProblem } from './contract/service';

/** No config section is nested more than a few levels; 64 leaves room and stays far from the stack's limit. */
export const MAX_CONFIG_DEPTH = 64;

type Frame = { readonly kind: 'object'; readonly path: string; readonly keys: Set<string>; key: string | null } | { readonly kind: 'array'; readonly path: string; index: number };

/** Problems of a layer's structure, each with its field path; `file` names the layer in the message. Expects valid JSON. */
export function checkJsonLayerText(text: string, file: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const stack: Frame[] = [];
  let expectKey = false;
  let line = 1;
  /** Dotted path of the value about to be read (`printer.url`, `assistance.screens[2]`); '' at the top. */
  const childPath = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    if (top.kind === 'array') return `${top.path}[${top.index}]`;
    return top.path ? `${top.path}.${top.key ?? ''}` : (top.key ?? '');
  };
  const shown = (path: string) => path || '(root)';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    else if (c === '{' || c === '[') {
      if (stack.length >= MAX_CONFIG_DEPTH) {
        problems.push({ path: shown(childPath()), message: `nested deeper than ${MAX_CONFIG_DEPTH} levels in ${file} (line ${line}): no kiosk config is that deep` });
        return problems;
      }
      const path = childPath();
      stack.push(c === '{' ? { kind: 'object', path, keys: new Set(), key: null } : { kind: 'array', path, index: 0 });
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      stack.pop();
      expectKey = false;
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'array') top.index++;
      expectKey = top?.kind === 'object';
    } else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top?.kind === 'object') {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        top.key = key;
        const path = childPath();
        if (key === '__proto__') {
          problems.push({ path: shown(path), message: `a "__proto__" key in ${file} (line ${line}) is not a config field and is refused` });
        } else if (top.keys.has(key)) {
          problems.push({ path: shown(path), message: `the key "${key}" is given twice in ${file} (line ${line}): JSON would silently keep the last one; remove one of them` });
        }
        top.keys.add(key);
        expectKey = false;
      }
      i = end;
    }
  }
  return problems;
}
