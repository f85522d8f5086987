/**
 * Maps a path in the parsed spec back to a line and column in its YAML source,
 * so that every problem can be reported where the user wrote it.
 */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { PathSegment } from './issues.js';

export interface Position {
  line: number;
  column: number;
}

/**
 * Position of the value at `path`; with `key: true`, of the key that names it.
 * When the path leaves the document (a missing field), the position of the
 * deepest key that exists is returned: that is where the field should go.
 */
export function locate(doc: Document, lc: LineCounter, path: readonly PathSegment[], key = false): Position {
  let node: Node | null = doc.contents;
  let last: Node | null = node;
  let lastKey: Node | null = null;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    let next: Node | null = null;
    let nextKey: Node | null = null;
    if (isMap(node)) {
      for (const pair of node.items) {
        const k = pair.key as Node | null;
        if (isScalar(k) && String(k.value) === String(seg)) {
          nextKey = k;
          next = (pair.value as Node | null) ?? k;
          break;
        }
      }
    } else if (isSeq(node) && typeof seg === 'number') {
      next = (node.items[seg] as Node | undefined) ?? null;
    }
    if (next === null) break;
    node = next;
    last = next;
    lastKey = nextKey;
    if (i === path.length - 1 && key && nextKey) return at(lc, nextKey);
  }
  const target = lastKey !== null && last !== null && !isScalar(last) && path.length > 0 ? lastKey : last;
  return at(lc, target);
}

function at(lc: LineCounter, node: Node | null): Position {
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = lc.linePos(offset);
  return { line, column: col };
}
