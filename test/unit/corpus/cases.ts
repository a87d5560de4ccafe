import { endpointsCases } from './endpointsCases';
import { metadataCases } from './metadataCases';
import { kubectlYamlCases } from './kubectlYamlCases';
import type { CorpusCase } from './model';
import { sliceAddressCases } from './sliceAddressCases';
import { sliceOtherCases } from './sliceOtherCases';

export type { CorpusCase } from './model';

/** Every create case of spec §6, EndpointSlice first. */
export const corpusCases: readonly CorpusCase[] = [
  ...sliceAddressCases,
  ...sliceOtherCases,
  ...endpointsCases,
  ...metadataCases,
  ...kubectlYamlCases,
];

/** §6 rows that need an update request against a stored object; the engine emulates creates. */
export const updateOnlyCases: Readonly<Record<string, string>> = {
  'ES-54': 'addressType changed by an update (immutable field)',
  'ES-55': 'an update that leaves a stored non-standard address unchanged (ratcheting)',
  'EP-27': 'a PUT to a missing Endpoints name creates it',
};

/** Where the fixtures live, relative to the repository root. */
export const fixtureDirectory = 'test/fixtures/corpus';

/**
 * The file a fidelity run sends for a case: a comment line naming it (and the field-validation
 * mode when it is not kubectl's default), then the manifest exactly as the engine sees it.
 */
export function fixtureText(c: CorpusCase): string {
  const mode =
    c.fieldValidation && c.fieldValidation !== 'Strict' ? `# fieldValidation: ${c.fieldValidation}\n` : '';
  return `# ${c.id}: ${c.description}\n${mode}${c.manifest}`;
}
