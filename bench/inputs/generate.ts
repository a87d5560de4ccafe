import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random, compactSlice, deployment, editMarker, endpointSlice, endpoints, service } from './manifests';

/** One editor input: the file, its documents, and where the benchmark types. */
export interface EditorInput {
  name: string;
  description: string;
  path: string;
  uri: string;
  text: string;
  documents: string[];
  /** The document that receives the one-character edits. */
  editedIndex: number;
  /** Where the next character goes (0-based); moves right after every insertion. */
  editLine: number;
  editCharacter: number;
  lines: number;
  bytes: number;
}

const separator = '---\n';

/** Each document has its own seed, so regenerating one (with the edit marker) changes nothing else. */
const seeded = (base: number, index: number): Random => new Random(base * 100_003 + index);

function assemble(
  dir: string,
  name: string,
  description: string,
  documents: string[],
  editedIndex: number,
): EditorInput {
  const text = documents.join(separator);
  const before = documents.slice(0, editedIndex).join(separator) + (editedIndex > 0 ? separator : '');
  const edited = documents[editedIndex] ?? '';
  const markerLine = edited.split('\n').findIndex((line) => line.includes(editMarker));
  if (markerLine < 0) throw new Error(`${name}: document ${editedIndex} has no edit marker`);
  const lineText = edited.split('\n')[markerLine] ?? '';
  const path = join(dir, name);
  writeFileSync(path, text);
  return {
    name,
    description,
    path,
    uri: `file://${path}`,
    text,
    documents,
    editedIndex,
    editLine: before.split('\n').length - 1 + markerLine,
    // Inside the quotes, just before the closing one: typing extends the value.
    editCharacter: lineText.lastIndexOf('"'),
    lines: text.split('\n').length - 1,
    bytes: Buffer.byteLength(text),
  };
}

/** One EndpointSlice at the API's limit of 1000 endpoints. */
export function sliceAtLimit(dir: string): EditorInput {
  const documents = [endpointSlice(seeded(1, 0), 0, { endpoints: 1000, editable: true })];
  return assemble(
    dir,
    'slice-1000.yaml',
    'one EndpointSlice with 1000 endpoints (the API limit)',
    documents,
    0,
  );
}

/**
 * 500 documents of about 18 KB each (~9 MB): three EndpointSlices to one Endpoints, 25-95
 * endpoints each, as a dump of a busy cluster or a generated GitOps file holds them. The edit
 * lands in document 250, an EndpointSlice.
 */
export function fiveHundredDocuments(dir: string): EditorInput {
  return slicesAndEndpoints(dir, 'docs-500.yaml', { seed: 2, endpoints: [25, 95] });
}

/**
 * The large dump: 500 documents of about 30 KB each (~15 MB), the same mix with 60-140
 * endpoints each, as `kubectl get endpointslices,endpoints -A -o yaml` split into documents gives
 * for a large cluster. Measured for opening; the edit lands in document 250, an EndpointSlice.
 */
export function largeDump(dir: string): EditorInput {
  return slicesAndEndpoints(dir, 'dump-15mb.yaml', { seed: 4, endpoints: [60, 140] });
}

/** 500 documents, three EndpointSlices to one Endpoints; the edit in document 250, a slice. */
function slicesAndEndpoints(
  dir: string,
  name: string,
  { seed, endpoints: [least, most] }: { seed: number; endpoints: [number, number] },
): EditorInput {
  const edited = 250;
  const documents: string[] = [];
  for (let i = 0; i < 500; i++) {
    const random = seeded(seed, i);
    const options = { endpoints: random.int(least, most), editable: i === edited };
    documents.push(
      i % 4 === 3 && i !== edited ? endpoints(random, i, options) : endpointSlice(random, i, options),
    );
  }
  const description = `500 documents (3/4 EndpointSlice, 1/4 Endpoints, ${least}-${most} endpoints each)`;
  return assemble(dir, name, description, documents, edited);
}

/** 50,000 lines cycling Service, Deployment, EndpointSlice, Endpoints; the edit is in the middle slice. */
export function mixedKinds(dir: string): EditorInput {
  const build = (i: number, editable: boolean): string => {
    const random = seeded(3, i);
    switch (i % 4) {
      case 0:
        return service(random, i);
      case 1:
        return deployment(random, i);
      case 2:
        return endpointSlice(random, i, { endpoints: random.int(5, 30), editable });
      default:
        return endpoints(random, i, { endpoints: random.int(3, 15), editable });
    }
  };
  const documents: string[] = [];
  let lines = 0;
  while (lines < 50_000) {
    const document = build(documents.length, false);
    documents.push(document);
    lines += document.split('\n').length;
  }
  let edited = Math.floor(documents.length / 2);
  while (edited % 4 !== 2) edited++;
  documents[edited] = build(edited, true);
  return assemble(
    dir,
    'mixed-50k.yaml',
    '50,000 lines of Services, Deployments, EndpointSlices and Endpoints',
    documents,
    edited,
  );
}

export interface Corpus {
  dir: string;
  files: number;
  documents: number;
  bytes: number;
}

/**
 * The CLI corpus: a repository-like tree of `dirs` × `filesPerDir` files, each holding 1-20
 * documents of all four kinds (slices of 3-40 endpoints).
 */
export function cliCorpus(dir: string, dirs = 40, filesPerDir = 25): Corpus {
  let documents = 0;
  let bytes = 0;
  for (let d = 0; d < dirs; d++) {
    const sub = join(dir, `team-${d.toString().padStart(2, '0')}`, 'manifests');
    mkdirSync(sub, { recursive: true });
    for (let f = 0; f < filesPerDir; f++) {
      const random = seeded(4, d * filesPerDir + f);
      const parts: string[] = [];
      const docs = random.int(1, 20);
      for (let i = 0; i < docs; i++) {
        const roll = random.next();
        const index = documents + i;
        if (roll < 0.4) parts.push(endpointSlice(random, index, { endpoints: random.int(3, 40) }));
        else if (roll < 0.55) parts.push(endpoints(random, index, { endpoints: random.int(2, 20) }));
        else if (roll < 0.8) parts.push(service(random, index));
        else parts.push(deployment(random, index));
      }
      const text = parts.join(separator);
      writeFileSync(join(sub, `app-${f.toString().padStart(2, '0')}.yaml`), text);
      documents += docs;
      bytes += Buffer.byteLength(text);
    }
  }
  return { dir, files: dirs * filesPerDir, documents, bytes };
}

/** `count` files of one EndpointSlice with `endpoints` endpoints each, in one directory. */
export function sliceFiles(dir: string, count = 2000, endpointCount = 20): Corpus {
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const text = compactSlice(seeded(5, i), i, endpointCount);
    writeFileSync(join(dir, `slice-${i.toString().padStart(4, '0')}.yaml`), text);
    bytes += Buffer.byteLength(text);
  }
  return { dir, files: count, documents: count, bytes };
}
