import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The shape of the engine's house (one engine, three doors; see "Architecture in a few lines" in the README), checked on the real import graph of src/.
 * Every import counts, `import type` too: a cycle through types alone still ties two modules together.
 *
 * Rules:
 * 1. No import cycle anywhere in src/.
 * 2. src/engine/kernel/ imports only itself, src/shared/ and packages: it knows no domain.
 * 3. General code imports no domain ("up"): src/engine/db/ (opening the workspace, migrations, workspace-wide tables)
 *    imports only the kernel, itself and shared; the tabular ML toolkit in src/engine/ml/ imports only the kernel,
 *    itself and shared. ml/handlers.ts and ml/train-table-job.ts are the ML domain's own door and job, not toolkit.
 *    Helpers more than one domain needs (seeded randomness, memos, export files) live in the kernel, not in the first
 *    domain that needed them.
 * 4. Only src/engine/router.ts imports a handler file (`handlers.ts` or `*-handlers.ts`); ESLint says so too. Logic
 *    that a job or another domain needs lives in a module of its own, not in a handler file.
 */

const root = path.resolve(__dirname, '../../..');
const src = path.join(root, 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Module names a file imports: import and export declarations (type-only too) and dynamic import() of a literal. */
function importedNames(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      names.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) names.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

const compilerOptions: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  resolveJsonModule: true,
};

/** The graph of src/: each file to the files under src/ it imports (packages and other folders left out). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(src)) {
    const targets = new Set<string>();
    for (const name of importedNames(file)) {
      // Packages and assets (styles, images) are not part of the graph.
      if (!name.startsWith('.') || /\.(css|svg|png|json|html)(\?.*)?$/.test(name)) continue;
      const resolved = ts.resolveModuleName(name, file, compilerOptions, ts.sys).resolvedModule?.resolvedFileName;
      if (!resolved) throw new Error(`${rel(file)} imports ${name}, which does not resolve`);
      if (resolved.startsWith(src + path.sep) && /\.tsx?$/.test(resolved)) targets.add(path.normalize(resolved));
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

const rel = (file: string): string => path.relative(root, file).split(path.sep).join('/');

/** Strongly connected components of more than one file (or a file importing itself), by Tarjan's algorithm. */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const strongConnect = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        strongConnect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component);
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) strongConnect(node);
  return found;
}

/** One concrete loop inside a component, for a message a person can follow: a → b → … → a. */
function oneLoop(graph: Map<string, string[]>, component: string[]): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of graph.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const loop = [node];
        while (loop[0] !== start) loop.unshift(previous.get(loop[0]!)!);
        return [...loop, start].map(rel);
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return component.map(rel);
}

const engineFolder = (file: string): string | undefined => {
  const parts = rel(file).split('/');
  return parts[0] === 'src' && parts[1] === 'engine' && parts.length > 3 ? parts[2] : undefined;
};
const isShared = (file: string): boolean => rel(file).startsWith('src/shared/');
const isHandlerFile = (file: string): boolean => /(^|[/-])handlers\.ts$/.test(rel(file));

/** Imports that break a layering rule, as "importer -> imported". */
function layerBreaks(graph: Map<string, string[]>): string[] {
  const allowed: Record<string, (target: string) => boolean> = {
    kernel: (target) => isShared(target) || engineFolder(target) === 'kernel',
    db: (target) => isShared(target) || ['kernel', 'db'].includes(engineFolder(target) ?? ''),
    ml: (target) => isShared(target) || ['kernel', 'ml'].includes(engineFolder(target) ?? ''),
  };
  const mlDomain = new Set(['src/engine/ml/handlers.ts', 'src/engine/ml/train-table-job.ts']);
  const breaks: string[] = [];
  for (const [file, targets] of graph) {
    const folder = engineFolder(file);
    const rule = folder && !mlDomain.has(rel(file)) ? allowed[folder] : undefined;
    for (const target of targets) {
      if (rule && !rule(target)) breaks.push(`${rel(file)} -> ${rel(target)}`);
      if (isHandlerFile(target) && rel(file) !== 'src/engine/router.ts') breaks.push(`${rel(file)} -> ${rel(target)} (only router.ts imports handlers)`);
    }
  }
  return breaks.sort();
}

describe('import graph of src/', () => {
  const graph = importGraph();

  it('reads the whole source tree', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get(path.join(src, 'engine/router.ts'))?.some(isHandlerFile)).toBe(true);
  });

  it('has no import cycle', () => {
    const loops = cycles(graph).map((component) => `${component.length} files tied together, for example:\n    ${oneLoop(graph, component).join('\n    -> ')}`);
    if (loops.length > 0) console.error(`Import cycles in src/:\n  ${loops.join('\n\n  ')}`);
    expect(loops).toEqual([]);
  });

  it('keeps the kernel and the general layers free of domains, and handler files behind the router', () => {
    const breaks = layerBreaks(graph);
    if (breaks.length > 0) console.error(`Imports against the layering rules:\n  ${breaks.join('\n  ')}`);
    expect(breaks).toEqual([]);
  });

  it('finds a cycle and a layering break when there is one', () => {
    const a = path.join(src, 'engine/kernel/a.ts');
    const b = path.join(src, 'engine/segments/handlers.ts');
    const fake = new Map([
      [a, [b]],
      [b, [a]],
    ]);
    expect(cycles(fake)).toHaveLength(1);
    expect(oneLoop(fake, [a, b])).toEqual(['src/engine/kernel/a.ts', 'src/engine/segments/handlers.ts', 'src/engine/kernel/a.ts']);
    expect(layerBreaks(fake)).toEqual([
      'src/engine/kernel/a.ts -> src/engine/segments/handlers.ts',
      'src/engine/kernel/a.ts -> src/engine/segments/handlers.ts (only router.ts imports handlers)',
    ]);
  });
});
