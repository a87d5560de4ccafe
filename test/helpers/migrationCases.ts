import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Endpoints manifests the conversion must turn into slices the apiserver accepts. */
export interface MigrationCase {
  name: string;
  text: string;
}

export const migrationFixtures = resolve(__dirname, '../../../test/fixtures/migration');

/** The fixture files, plus generated cases no one would write by hand. */
export function migrationCases(): MigrationCase[] {
  const files = readdirSync(migrationFixtures)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(migrationFixtures, f), 'utf8') }));
  return [...files, large(), longName()];
}

/** 250 ready addresses: three slices at the default size of 100. */
function large(): MigrationCase {
  const addresses = Array.from(
    { length: 250 },
    (_, i) => `      - ip: 10.6.${Math.floor(i / 200)}.${(i % 200) + 1}`,
  );
  const text = [
    'apiVersion: v1',
    'kind: Endpoints',
    'metadata:',
    '  name: mig-large',
    'subsets:',
    '  - addresses:',
    ...addresses,
    '    ports:',
    '      - port: 80',
    '',
  ];
  return { name: 'generated: 250 addresses', text: text.join('\n') };
}

/** The longest name a Service can have (63 characters): the slice names grow past it. */
function longName(): MigrationCase {
  const name = `mig-${'a'.repeat(59)}`;
  const text = [
    'apiVersion: v1',
    'kind: Endpoints',
    'metadata:',
    `  name: ${name}`,
    'subsets:',
    '  - addresses: [{ip: 10.7.0.1}, {ip: "fd00::1"}]',
    '    ports: [{port: 80}]',
    '',
  ];
  return { name: 'generated: 63-character name', text: text.join('\n') };
}
