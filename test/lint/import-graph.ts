// The import graph of the TypeScript sources, for the no-cycle test: every relative import,
// `import type`, `export … from` and dynamic `import()` of a file (read with the TypeScript
// pre-processor, so type-only imports count too), resolved the way the bundlers resolve them
// (extension-less, .js → .ts, directory → index). Bare package names are not edges.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** File (repository-relative, '/'-separated) → the files it imports. */
export type ImportGraph = Map<string, string[]>;

const SOURCE = /\.(ts|tsx|mts|cts)$/;
const CANDIDATE_SUFFIXES = ['', '.ts', '.tsx', '.mts', '/index.ts', '/index.tsx'];

/** The relative module specifiers a source text imports or re-exports (type-only ones included). */
export function importSpecifiers(text: string): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map((file) => file.fileName).filter((name) => name.startsWith('./') || name.startsWith('../'));
}

/** The file a relative specifier of `from` names, among `exists`, or null (e.g. a .sql or .json asset). */
export function resolveSpecifier(from: string, specifier: string, exists: (file: string) => boolean): string | null {
  const base = join(dirname(from), specifier).split('\\').join('/');
  const stems = base.endsWith('.js') ? [base.slice(0, -3), base] : [base];
  for (const stem of stems) {
    for (const suffix of CANDIDATE_SUFFIXES) {
      const candidate = stem + suffix;
      if (SOURCE.test(candidate) && exists(candidate)) return candidate;
    }
  }
  return null;
}

/** The graph over in-memory sources (file → text); lets a test plant a cycle. */
export function graphOf(sources: ReadonlyMap<string, string>): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const [file, text] of sources) {
    const targets = importSpecifiers(text)
      .map((specifier) => resolveSpecifier(file, specifier, (candidate) => sources.has(candidate)))
      .filter((target): target is string => target !== null);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every TypeScript source under the given folders of `root` (tests included), by relative path. */
export function readSources(root: string, folders: readonly string[]): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory)) {
      if (entry === 'node_modules' || entry.startsWith('.')) continue;
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (SOURCE.test(entry) && !entry.endsWith('.d.ts')) {
        sources.set(relative(root, path).split('\\').join('/'), readFileSync(path, 'utf8'));
      }
    }
  };
  for (const folder of folders) {
    const directory = resolve(root, folder);
    if (existsSync(directory)) walk(directory);
  }
  return sources;
}

/**
 * The cycles of the graph: each strongly connected component of more than one file (or a
 * file importing itself), as one concrete loop through it, e.g. [a, b, c, a].
 */
export function findCycles(graph: ImportGraph): string[][] {
  // Tarjan's algorithm, iterative so a deep import chain cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const target = edges[frame.next++];
        if (!graph.has(target)) continue;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = component.length === 1 && (graph.get(member) ?? []).includes(member);
        if (component.length > 1 || selfLoop) components.push(component);
      }
    }
  }
  return components.map((component) => loopThrough(graph, new Set(component)));
}

/** One concrete loop inside a strongly connected component (breadth-first back to its first file). */
function loopThrough(graph: ImportGraph, component: Set<string>): string[] {
  const first = [...component].sort()[0];
  const previous = new Map<string, string>();
  const queue = [first];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const target of graph.get(node) ?? []) {
      if (!component.has(target)) continue;
      if (target === first) {
        const path: string[] = [];
        for (let step: string | undefined = node; step !== undefined && step !== first; step = previous.get(step)) path.unshift(step);
        return [first, ...path, first];
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [first, first];
}
