/**
 * A document of a file (ARCHITECTURE.md, "Glossary"): one `---` document of a YAML file or one
 * value of a JSON stream, with its place in the file and the syntax it is read in. Code calls it
 * a chunk because the `yaml` package's `Document` is a parsed document.
 */
export interface Chunk {
  /** 0-based position among the file's documents. */
  index: number;
  /** 0-based line where the chunk starts in the file. */
  startLine: number;
  text: string;
  format: 'yaml' | 'json';
  /** For JSON: the first syntax error, as an offset in `text`; kubectl reads nothing past it. */
  jsonError?: JsonError;
}

export interface JsonError {
  offset: number;
  message: string;
  /**
   * Stray text after a value of ours (`{…}}`): it belongs to no object, and it is reported
   * because it stops kubectl's reading of a file that holds our objects.
   */
  afterOurs?: boolean;
}
