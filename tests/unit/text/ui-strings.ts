// The Russian text the app shows, read out of its sources: every string literal, template piece and JSX text that
// contains a Cyrillic letter, in the renderer, shared/ and the core (whose messages reach the renderer). Comments and
// English log lines are not read: they contain no Cyrillic, or are not literals.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface UiString { file: string; line: number; text: string }

const ROOT = join(import.meta.dirname, '..', '..', '..');
export const UI_SOURCE_DIRS = ['renderer/src', 'shared', 'electron/core'];
/** SQL schema (its comments may quote Russian examples): never shown to anyone. */
const NOT_UI = /[\\/]cache[\\/]migrations[\\/]/;
const CYRILLIC = /[\u0400-\u04FF]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') && !NOT_UI.test(path) ? [path] : [];
  });
}

/** The Cyrillic-bearing literals of one source text (a template's `${…}` parts are code, not text: left out). */
export function russianStringsOf(fileName: string, source: string): UiString[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true,
    fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: UiString[] = [];
  const visit = (node: ts.Node): void => {
    let text: string | null = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' … ');
    else if (ts.isJsxText(node)) text = node.text;
    if (text !== null && CYRILLIC.test(text)) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
      out.push({ file: fileName, line: line + 1, text: text.trim() });
    }
    if (!ts.isTemplateExpression(node)) ts.forEachChild(node, visit);
    else node.templateSpans.forEach((s) => ts.forEachChild(s.expression, visit));
  };
  visit(file);
  return out;
}

/** Every Russian string of the UI sources, with its file (relative to the repository) and line. */
export function russianUiStrings(): UiString[] {
  return UI_SOURCE_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir)))
    .flatMap((path) => {
      const source = readFileSync(path, 'utf8');
      // Most files hold no Russian at all: not worth a parse.
      return CYRILLIC.test(source) ? russianStringsOf(relative(ROOT, path), source) : [];
    });
}
