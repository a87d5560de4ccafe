import { analyse, startsWithBareKey } from './sectionAnalyse';
import type { SectionParse } from './sectionAnalyse';
import { compose, gapOf } from './sectionCompose';
import type { ParsedSection, Piece } from './sectionCompose';
import { itemCuts } from './sectionItems';
import { splitSections } from './sectionSplit';
import type { Section } from './sectionSplit';
import { hasGoyamlOnlyBreak } from '../source/unicodeBreaks';
import { parseChunk } from './yamlDocument';
import type { ParsedChunk } from './yamlDocument';

/**
 * Incremental parsing of a YAML document by top-level sections, in the spirit of
 * rust-analyzer's block reparsing: a keystroke in a large manifest changes one top-level key's
 * text (`metadata`, say), so only that section is parsed again and the others come from a cache
 * keyed by their text. A section whose value is a block sequence (`endpoints:` with its items)
 * is cut further, into a head (the key and the first item) and one piece per later item, so a
 * keystroke inside one endpoint of a 1000-endpoint slice parses that endpoint again. The
 * parses' trees are then copied, with ranges moved to their place in the document, into one
 * fresh Document that is indistinguishable from `parseChunk(text)`.
 *
 * Equivalence is the contract, so whenever it is not certain the parser falls back to
 * `parseChunk` on the whole text: when the root is not a column-0 block mapping, when a section
 * or piece has errors or warnings on its own (a half-typed line, an unterminated quote or flow
 * collection running into the next key or item), when a section holds anchors, aliases, merge
 * keys or values that are neither primitives nor dates, and when the text has directives, a
 * second `---`, a `...`, tabs or YAML indicators at column 0. A section is parsed whole instead
 * of by items when its lines are not a plain block sequence (sectionItems.ts), when the
 * sequence has a tag, when an item ends in an empty value followed by more than its line, when
 * an indented item ends with comment lines that a mapping or sequence inside it keeps, or when
 * it has more pieces than half the cache holds.
 */

export interface SectionStats {
  sectionHits: number;
  sectionMisses: number;
  fallbacks: number;
  /** Sections composed from their head and sequence pieces rather than parsed whole. */
  splits: number;
}

export class SectionedYamlParser {
  readonly stats: SectionStats = { sectionHits: 0, sectionMisses: 0, fallbacks: 0, splits: 0 };
  private readonly capacity: number;
  private readonly maxChars: number;
  private cachedChars = 0;
  /** Parses by their text, least recently used first (a Map keeps insertion order). */
  private readonly cache = new Map<string, SectionParse>();

  /**
   * `capacity` bounds the number of cached parses (sections and sequence pieces), `maxChars`
   * their total text length: typing inside a large section that cannot be cut adds a new parse
   * of it (several MB of nodes for 333 KB of text) on every keystroke, which a count alone
   * would not bound. The default capacity holds every piece of a few 1000-endpoint slices.
   */
  constructor(options?: { capacity?: number; maxChars?: number }) {
    this.capacity = Math.max(1, options?.capacity ?? 8192);
    this.maxChars = Math.max(1, options?.maxChars ?? 1_000_000);
  }

  /** Equivalent to parseChunk(text, 'yaml'); the result shares no mutable node with the cache or with other results. */
  parse(text: string): ParsedChunk {
    // Sections are cut at LFs; a NEL, LS or PS, a line break to go-yaml too, could make the cut wrong.
    const parts = hasGoyamlOnlyBreak(text) ? undefined : this.composable(text);
    if (!parts) {
      this.stats.fallbacks++;
      return parseChunk(text, 'yaml');
    }
    return compose(text, parts);
  }

  /** The sections with their parses, or undefined if any of them makes composing uncertain. */
  private composable(text: string): ParsedSection[] | undefined {
    const sections = splitSections(text);
    if (!sections) return undefined;
    const parts: ParsedSection[] = [];
    for (let i = 0; i < sections.length; i++) {
      const part = this.part(sections[i]);
      if (!part) return undefined;
      if (i > 0 && !startsWithBareKey(part.head.map)) return undefined;
      if (i < sections.length - 1 && !gapOf(part)) return undefined;
      parts.push(part);
    }
    return parts;
  }

  /** A section cut into sequence items where that is certain, else parsed whole. */
  private part(section: Section): ParsedSection | undefined {
    const cuts = itemCuts(section.text);
    if (cuts && cuts.length < this.capacity / 2) {
      const split = this.splitPart(section, cuts);
      if (split !== 'whole') {
        if (split) this.stats.splits++;
        return split;
      }
    }
    const parse = this.cached(section.text);
    if (!parse.map) return undefined;
    return { offset: section.offset, head: { ...parse, map: parse.map }, split: undefined };
  }

  /**
   * The section's head and pieces; undefined if one of them has errors, which the whole section
   * almost always has too (someone is typing), so the document falls back at once rather than
   * after a parse of the whole section; 'whole' if the pieces parse but cannot be composed.
   */
  private splitPart(section: Section, cuts: number[]): ParsedSection | 'whole' | undefined {
    const { offset, text } = section;
    const head = this.cached(text.slice(0, cuts[0]));
    if (head.broken) return undefined;
    if (!head.map || !head.seq || !head.itemGap) return 'whole';
    const pieces: Piece[] = [];
    for (let i = 0; i < cuts.length; i++) {
      const start = cuts[i];
      const parse = this.cached(text.slice(start, cuts[i + 1] ?? text.length));
      if (parse.broken) return undefined;
      if (parse.map || !parse.seq || (i < cuts.length - 1 && !parse.itemGap)) return 'whole';
      pieces.push({ offset: offset + start, parse, seq: parse.seq });
    }
    return { offset, head: { ...head, map: head.map }, split: { seq: head.seq, pieces } };
  }

  private cached(text: string): SectionParse {
    const cached = this.cache.get(text);
    if (cached) {
      this.stats.sectionHits++;
      // Re-inserting moves the entry to the most recently used end. It goes back under its own
      // flat key (the parsed text), not under `text`, which is a slice of the whole document.
      this.cache.delete(text);
      this.cache.set(cached.chunk.text, cached);
      return cached;
    }
    this.stats.sectionMisses++;
    // The key must not be a slice of the whole document, or the cache would keep every
    // document version alive; the parse also slices its scalars' sources from this copy.
    const own = flatCopy(text);
    const parse = analyse(parseChunk(own, 'yaml'));
    this.cache.set(own, parse);
    this.cachedChars += own.length;
    this.evict();
    return parse;
  }

  /** Drops the least recently used parses beyond the bounds, but always keeps the newest. */
  private evict(): void {
    while (this.cache.size > 1 && (this.cache.size > this.capacity || this.cachedChars > this.maxChars)) {
      const oldest = this.cache.keys().next();
      if (oldest.done) return;
      this.cache.delete(oldest.value);
      this.cachedChars -= oldest.value.length;
    }
  }
}

/**
 * A copy of a string that shares no memory with the string it was sliced from. V8 keeps a
 * slice's parent alive; JSON.parse builds a new flat string.
 */
function flatCopy(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
