/**
 * The public face of the pure language service. The server, the CLI and the tests import from
 * here only; everything under this folder is free of editor, LSP runtime and file-system code.
 */
export * from './types';
export * from './settings';
export { createLanguageService } from './languageService';
export type { LanguageService } from './languageService';
export { diagnosticCodes } from './validation/codes';
export type { DiagnosticCodeInfo } from './validation/codes';
