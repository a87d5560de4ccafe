import type { OutputFormat } from '../args';
import type { LintRun } from '../lint';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatSarif } from './sarif';
import { formatText } from './text';

/** One function per `--format` value, each turning a finished run into the whole output. */
export const formatters: Record<OutputFormat, (run: LintRun) => string> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
};
