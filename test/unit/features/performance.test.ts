import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLanguageService, defaultSettings } from '../../../server/src/service';
import { webService, workspaceWith } from '../../helpers/workspace';

/**
 * A guard against accidentally quadratic editing features, not a benchmark: on a slice with
 * 1000 endpoints (about 3000 lines) completion and hover take a few milliseconds each here, and
 * the bound leaves a wide margin for slow machines.
 */
const service = createLanguageService();
const endpoints = Array.from(
  { length: 1000 },
  (_, i) => `  - addresses: ["10.${i >> 8}.${i & 255}.1"]\n    conditions:\n      ready: true`,
).join('\n');
const text = `apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: web-1\n  labels:\n    kubernetes.io/service-name: web\naddressType: IPv4\nendpoints:\n${endpoints}\nports:\n  - name: \n`;
const lastLine = text.split('\n').length - 2;

function averageMs(run: () => unknown, times = 5): number {
  run();
  const start = performance.now();
  for (let i = 0; i < times; i++) run();
  return (performance.now() - start) / times;
}

describe('editing features on a 1000-endpoint slice', () => {
  const workspace = workspaceWith({ 'service.yaml': webService });

  it('completes, hovers and outlines well within a keystroke', () => {
    const complete = averageMs(() =>
      service.complete(text, { line: lastLine, character: 10 }, defaultSettings, workspace),
    );
    const hover = averageMs(() =>
      service.hover(text, { line: 8, character: 20 }, defaultSettings, workspace),
    );
    const symbols = averageMs(() => service.documentSymbols(text));
    assert.ok(complete < 250, `completion took ${complete.toFixed(1)} ms`);
    assert.ok(hover < 500, `hover took ${hover.toFixed(1)} ms`);
    assert.ok(symbols < 1000, `symbols took ${symbols.toFixed(1)} ms`);
  });
});
