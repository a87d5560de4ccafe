/**
 * The public face of the pure language service. The server, the CLI and the tests import from
 * here only; everything under this folder is free of editor, LSP runtime and file-system code.
 */
export * from './types';
export * from './settings';
export * from './languageTypes';
export { createLanguageService } from './languageService';
export type { LanguageService, ValidateOptions } from './languageService';
export { diagnosticCodes } from './validation/codes';
export type { DiagnosticCodeInfo } from './validation/codes';
export { ChunkedText, chunksOf, textOf } from './source/chunkedText';
export type { ChunkedSource, TextSource } from './source/chunkedText';
export { WorkspaceIndex } from './workspace/workspaceIndex';
export { crossFileAdvice } from './workspace/crossFile';
export { serviceManifestIn, workspaceRoutingAt } from './workspace/routingFacts';
export type { FileSummary, ServiceInfo, SliceInfo, EndpointsInfo } from './workspace/types';
export type { MigrationOptions } from './migration/convert';
export type { ConvertedObject, MigrationResult } from './migration/convertText';
export * from './protocol';
export * from './fileProtocol';
