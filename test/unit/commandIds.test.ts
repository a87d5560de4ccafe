import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { clusterCommands, languageCommands } from '../../client/src/cluster/model/commandIds';
import { repoRoot, typeScriptFiles } from '../helpers/sources';

const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[] };
};

describe('command ids', () => {
  it('package.json contributes exactly the commands commandIds.ts names', () => {
    const named = [...Object.values(languageCommands), ...Object.values(clusterCommands)].sort();
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, named);
  });

  it('no source of the extension or the server spells a command id but commandIds.ts', () => {
    const ids = manifest.contributes.commands.map((c) => c.command);
    const sources = [...typeScriptFiles('client/src'), ...typeScriptFiles('server/src')];
    const spelled = sources
      .filter((file) => !file.endsWith('/commandIds.ts'))
      .flatMap((file) => {
        const text = readFileSync(resolve(repoRoot, file), 'utf8');
        return ids.filter((id) => text.includes(`'${id}'`)).map((id) => `${file}: ${id}`);
      });
    assert.deepEqual(spelled, []);
  });
});
