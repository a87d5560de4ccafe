import { parseDocument } from 'yaml';
import { kubectlYaml } from '../yaml/yamlDocument';

/**
 * A string written as a YAML scalar that kubectl reads back as the same string: plain when
 * kubectl's reader keeps it a string (`web`, `10.1.2.3`), double-quoted otherwise (`"true"`,
 * `"010"`, `"0o10"`, `"on"`).
 * Flow indicators are quoted too, so the result is valid inside `[...]` and `{...}` as well.
 */
export function yamlScalar(value: string): string {
  if (value !== '' && !/[,[\]{}#&*!|>'"%@`]/.test(value) && !/^[-?:]/.test(value) && value.trim() === value) {
    const doc = parseDocument(value, kubectlYaml);
    if (doc.errors.length === 0 && doc.contents !== null && doc.toJS() === value) return value;
  }
  return JSON.stringify(value);
}

/** Escapes text for a snippet's literal part (`$`, `}` and `\` are special there). */
export function snippetText(value: string): string {
  return value.replace(/[\\$}]/g, (ch) => `\\${ch}`);
}

/** A snippet choice `${n|a,b|}`, whose separators need escaping too. */
export function snippetChoice(tabStop: number, values: readonly string[]): string {
  return `\${${tabStop}|${values.map((v) => v.replace(/[\\,|$}]/g, (ch) => `\\${ch}`)).join(',')}|}`;
}
