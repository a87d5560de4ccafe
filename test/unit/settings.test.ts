import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import {
  defaultSettings,
  fieldValidationModes,
  kubernetesVersions,
  normalizeSettings,
  settingsSection,
} from '../../server/src/service';

interface ConfigurationProperty {
  type?: string;
  enum?: string[];
  default?: unknown;
  minimum?: number;
  scope?: string;
}

const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, ConfigurationProperty> } };
};
const properties = manifest.contributes.configuration.properties;

/** The settings as package.json names them: nested groups (`migration`) become dotted keys. */
function flatten(value: object, prefix = ''): [string, unknown][] {
  return Object.entries(value).flatMap(([key, inner]) =>
    typeof inner === 'object' && inner !== null
      ? flatten(inner as object, `${prefix}${key}.`)
      : [[`${prefix}${key}`, inner]],
  );
}

function property(key: string): ConfigurationProperty {
  const found = properties[`${settingsSection}.${key}`];
  assert.ok(found, `package.json has no ${settingsSection}.${key}`);
  return found;
}

/** The JSON-schema type package.json must declare for a setting with this default. */
function schemaType(value: unknown): string {
  return typeof value === 'number' ? 'integer' : typeof value;
}

describe('settings in package.json and in the service', () => {
  it('every service setting is contributed with the same default and type', () => {
    for (const [key, value] of flatten(defaultSettings)) {
      const contributed = property(key);
      assert.equal(contributed.default, value, key);
      assert.equal(contributed.type, schemaType(value), key);
      assert.equal(
        contributed.scope,
        'resource',
        `${key} is read per document, so it must be resource-scoped`,
      );
    }
  });

  it('every contributed endpointslices setting is known to the service or is client-only', () => {
    const clientOnly = new Set(['kubeconfig', 'trace.server', 'cluster.dnsDomain']);
    for (const key of Object.keys(properties)) {
      assert.ok(key.startsWith(`${settingsSection}.`), `${key} is outside the ${settingsSection} section`);
      const name = key.slice(settingsSection.length + 1);
      const known = new Set(flatten(defaultSettings).map(([k]) => k));
      assert.ok(known.has(name) || clientOnly.has(name), `${key} is unknown to the service`);
    }
  });

  it('the enums match the typed lists', () => {
    assert.deepEqual(property('kubernetesVersion').enum, [...kubernetesVersions]);
    assert.deepEqual(property('fieldValidation').enum, [...fieldValidationModes]);
  });

  it('the minimum of maxEndpointsPerSlice is what normalizeSettings accepts', () => {
    const { minimum } = property('maxEndpointsPerSlice');
    assert.equal(minimum, 1);
    assert.equal(normalizeSettings({ maxEndpointsPerSlice: minimum }).maxEndpointsPerSlice, minimum);
    assert.equal(
      normalizeSettings({ maxEndpointsPerSlice: 0 }).maxEndpointsPerSlice,
      defaultSettings.maxEndpointsPerSlice,
    );
  });

  it('the migration settings are read from their nested group, one by one', () => {
    assert.deepEqual(
      normalizeSettings({ migration: { maxEndpointsPerSlice: 50, skipMirror: 'yes' } }).migration,
      {
        maxEndpointsPerSlice: 50,
        skipMirror: false,
      },
    );
    assert.equal(property('migration.maxEndpointsPerSlice').minimum, 1);
  });

  it('normalizeSettings keeps good values and replaces bad ones one by one', () => {
    assert.deepEqual(normalizeSettings(undefined), defaultSettings);
    assert.deepEqual(
      normalizeSettings({ kubernetesVersion: '1.35', fieldValidation: 'Nope', advisories: 'yes' }),
      {
        ...defaultSettings,
        kubernetesVersion: '1.35',
      },
    );
  });
});
