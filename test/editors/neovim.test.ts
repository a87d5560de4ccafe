import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';

// Neovim's built-in LSP client against `endpointslice-language-server --stdio` (dist/server.js),
// configured with the README's own snippet, on the e2e fixture workspace. Needs Debian's
// `neovim` (.ci/run installs it when missing) and `npm run build`.
const root = resolve(__dirname, '../../..');
const timeoutMs = 90_000;

interface Found {
  line: number;
  col: number;
  code: string;
  source: string;
  message: string;
}

interface NeovimResults {
  errors: string[];
  client?: string;
  invalid?: Found[];
  editing?: Found[];
  completion?: string[];
  hover?: string;
  actions?: string[];
  fixed_line?: string;
  after_fix?: Found[];
}

/** The README's Neovim configuration: the first ```lua block after the neovim-config marker. */
export function readmeNeovimConfig(readme: string): string {
  const marker = readme.indexOf('<!-- neovim-config -->');
  assert.ok(marker >= 0, 'README.md has no <!-- neovim-config --> marker');
  const block = /```lua\n([\s\S]*?)```/.exec(readme.slice(marker));
  assert.ok(block?.[1], 'no ```lua block after the marker');
  return block[1];
}

/** Neovim 0.7 (Debian 12) predates vim.lsp.start (0.8); the README's snippet gets the same from the older calls. */
const startPolyfill = `
if vim.lsp.start == nil then
  local started = {}
  vim.lsp.start = function(config)
    local key = config.name .. '|' .. config.root_dir
    started[key] = started[key] or vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(vim.api.nvim_get_current_buf(), started[key])
    return started[key]
  end
end
`;

function runNeovim(
  workspace: string,
  bin: string,
  config: string,
  resultFile: string,
): Promise<number | null> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      'nvim',
      [
        '--headless',
        '-u',
        'NONE',
        '-i',
        'NONE',
        '--cmd',
        'filetype on',
        '-c',
        `luafile ${config}`,
        '-c',
        `luafile ${join(root, 'test/editors/neovim-driver.lua')}`,
      ],
      {
        cwd: workspace,
        env: {
          ...process.env,
          PATH: `${bin}:${process.env.PATH ?? ''}`,
          ENDPOINTSLICES_NVIM_RESULT: resultFile,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`nvim did not finish within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolvePromise(code);
    });
  });
}

describe('Neovim with the README configuration', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'endpointslices-nvim-'));
  let results: NeovimResults;
  after(() => rmSync(scratch, { recursive: true, force: true }));

  before(async () => {
    const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    assert.equal(nvim.status, 0, 'nvim is not installed: apt-get install neovim (.ci/run does it)');
    const workspace = join(scratch, 'workspace');
    cpSync(join(root, 'test/e2e/workspace'), workspace, { recursive: true });
    // The command the README names, on PATH as `npm install -g` puts it.
    const bin = join(scratch, 'bin');
    mkdirSync(bin);
    symlinkSync(join(root, 'dist/server.js'), join(bin, 'endpointslice-language-server'));
    const config = join(scratch, 'config.lua');
    writeFileSync(config, startPolyfill + readmeNeovimConfig(readFileSync(join(root, 'README.md'), 'utf8')));
    const resultFile = join(scratch, 'results.json');
    await runNeovim(workspace, bin, config, resultFile);
    results = JSON.parse(readFileSync(resultFile, 'utf8')) as NeovimResults;
    assert.deepEqual(results.errors, []);
  });

  it('attaches the server to YAML buffers and shows the apiserver diagnostics', () => {
    assert.equal(results.client, 'endpointslices');
    const codes = (results.invalid ?? []).map((d) => `${d.line}:${d.code}`).sort();
    assert.deepEqual(codes, [
      '13:port-protocol-unsupported',
      '14:port-name-duplicate',
      '9:address-wrong-family',
      '9:ip-special-range',
    ]);
    assert.ok((results.invalid ?? []).every((d) => d.source === 'endpointslices'));
  });

  it('completes port names from a Service in a file that is not open', () => {
    assert.ok(
      results.completion?.includes('http') && results.completion.includes('metrics'),
      JSON.stringify(results.completion),
    );
  });

  it('shows the documentation of a field on hover', () => {
    assert.match(results.hover ?? '', /addressType/);
  });

  it('offers the quick fix for addressType, and applying it clears the error', () => {
    assert.ok(results.actions?.includes('Change to "IPv4"'), JSON.stringify(results.actions));
    assert.equal(results.fixed_line, 'addressType: IPv4');
    assert.ok(results.editing?.some((d) => d.line === 7));
    assert.ok(!results.after_fix?.some((d) => d.line === 7), JSON.stringify(results.after_fix));
  });
});
