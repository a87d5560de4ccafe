import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import type { ServiceSettings } from '../../server/src/service';
import { behaviourOf } from '../../server/src/service/k8s/versions';
import {
  byteLength,
  dns1123LabelMessages,
  dns1123SubdomainMessages,
  fqdnMessages,
  labelValueMessages,
  qualifiedNameMessages,
  regexError,
} from '../../server/src/service/validation/names';

/** The name checks of apimachinery's util/validation (and 1.35's content package), message by message. */

// Quoted from the spec (§2.1); note the double space after each example's comma.
const labelRegex =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const subdomainRegex =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const qualifiedRegex =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const labelValueRegex =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

const v134 = behaviourOf('1.34');
const v135 = behaviourOf('1.35');

describe('regexError', () => {
  it("joins examples with ',  or ' exactly like Go", () => {
    assert.equal(regexError('msg', 'x+'), "msg (regex used for validation is 'x+')");
    assert.equal(regexError('msg', 'x+', 'a'), "msg (e.g. 'a', regex used for validation is 'x+')");
    assert.equal(
      regexError('msg', 'x+', 'a', 'b'),
      "msg (e.g. 'a',  or 'b', regex used for validation is 'x+')",
    );
  });
});

describe('DNS-1123 label', () => {
  it('accepts lowercase labels', () => {
    for (const value of ['a', 'my-name', '123-abc', 'a'.repeat(63)]) {
      assert.deepEqual(dns1123LabelMessages(value), [], value);
    }
  });

  it('gives the exact regex text, double space included', () => {
    for (const value of ['My-Name', 'my_port', '', '-a', 'a-', 'Web_1']) {
      assert.deepEqual(dns1123LabelMessages(value), [labelRegex], value);
    }
  });

  it('says "must not contain dots" for a valid subdomain', () => {
    assert.deepEqual(dns1123LabelMessages('a.b'), ['must not contain dots']);
    assert.deepEqual(dns1123LabelMessages('web.1'), ['must not contain dots']);
  });

  it('checks the length in bytes, in characters wording, next to the regex', () => {
    assert.deepEqual(dns1123LabelMessages('a'.repeat(64)), ['must be no more than 63 characters']);
    assert.deepEqual(dns1123LabelMessages('A'.repeat(64)), [
      'must be no more than 63 characters',
      labelRegex,
    ]);
    assert.deepEqual(
      dns1123LabelMessages('é'.repeat(32)),
      ['must be no more than 63 characters', labelRegex],
      '64 bytes in 32 characters',
    );
  });
});

describe('DNS-1123 subdomain', () => {
  it('accepts lowercase dotted names', () => {
    for (const value of ['example.com', 'node-1.example.com', 'a', 'a'.repeat(253)]) {
      assert.deepEqual(dns1123SubdomainMessages(value), [], value);
    }
  });

  it('gives the exact regex text', () => {
    for (const value of ['Example.com', 'node_1', '', 'a..b', '.a', 'a.']) {
      assert.deepEqual(dns1123SubdomainMessages(value), [subdomainRegex], value);
    }
  });

  it('checks the length (253), both messages possible', () => {
    assert.deepEqual(dns1123SubdomainMessages('a'.repeat(254)), ['must be no more than 253 characters']);
    assert.deepEqual(dns1123SubdomainMessages('A'.repeat(254)), [
      'must be no more than 253 characters',
      subdomainRegex,
    ]);
    assert.deepEqual(dns1123SubdomainMessages('a'.repeat(254), 'bytes'), ['must be no more than 253 bytes']);
  });
});

describe('qualified name (label keys, appProtocol, finalizers)', () => {
  it('accepts names with and without a prefix', () => {
    for (const value of ['http', 'HTTP', 'kubernetes.io/h2c', 'example.com/MyName', 'a_b.c-d']) {
      assert.deepEqual(qualifiedNameMessages(value, v135), [], value);
    }
  });

  it('an empty name gets two messages', () => {
    assert.deepEqual(qualifiedNameMessages('', v134), [
      'name part must be non-empty',
      `name part ${qualifiedRegex}`,
    ]);
  });

  it('prefix problems are prefixed "prefix part"', () => {
    assert.deepEqual(qualifiedNameMessages('/a', v134), ['prefix part must be non-empty']);
    assert.deepEqual(qualifiedNameMessages('HTTP/2', v134), [`prefix part ${subdomainRegex}`]);
    assert.deepEqual(qualifiedNameMessages('my proto', v134), [`name part ${qualifiedRegex}`]);
  });

  it('says characters up to 1.34 and bytes from 1.35', () => {
    const long = 'a'.repeat(64);
    assert.deepEqual(qualifiedNameMessages(long, v134), ['name part must be no more than 63 characters']);
    assert.deepEqual(qualifiedNameMessages(long, v135), ['name part must be no more than 63 bytes']);
    assert.deepEqual(qualifiedNameMessages(`${'a'.repeat(254)}/x`, v134), [
      'prefix part must be no more than 253 characters',
    ]);
    assert.deepEqual(qualifiedNameMessages(`${'a'.repeat(254)}/x`, v135), [
      'prefix part must be no more than 253 bytes',
    ]);
  });

  it('more than one slash: "a qualified name" up to 1.34, "a valid label key" from 1.35', () => {
    const tail = `${qualifiedRegex} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`;
    assert.deepEqual(qualifiedNameMessages('a/b/c', v134), [`a qualified name ${tail}`]);
    assert.deepEqual(qualifiedNameMessages('a/b/c', v135), [`a valid label key ${tail}`]);
  });
});

describe('label value (label values, zone hints)', () => {
  it('may be empty', () => {
    for (const value of ['', 'MyValue', 'my_value', '12345', 'a.b-c']) {
      assert.deepEqual(labelValueMessages(value, v135), [], value);
    }
  });

  it('gives the exact regex text', () => {
    for (const value of ['inv@lid', '-a', 'a-', 'Not A Zone!']) {
      assert.deepEqual(labelValueMessages(value, v134), [labelValueRegex], value);
    }
  });

  it('counts bytes, saying characters up to 1.34 and bytes from 1.35', () => {
    assert.deepEqual(labelValueMessages('s'.repeat(64), v134), ['must be no more than 63 characters']);
    assert.deepEqual(labelValueMessages('s'.repeat(64), v135), ['must be no more than 63 bytes']);
  });
});

describe('FQDN addresses (IsFullyQualifiedDomainName)', () => {
  it('strips one trailing dot before checking', () => {
    assert.deepEqual(fqdnMessages('db.example.com.'), { shown: 'db.example.com', messages: [] });
    assert.deepEqual(fqdnMessages('example.com..'), { shown: 'example.com.', messages: [subdomainRegex] });
  });

  it('wants two segments, lowercase, labels of at most 63', () => {
    assert.deepEqual(fqdnMessages('localhost'), {
      shown: 'localhost',
      messages: ['should be a domain with at least two segments separated by dots'],
    });
    assert.deepEqual(fqdnMessages('DB.Example.com'), { shown: 'DB.Example.com', messages: [subdomainRegex] });
    assert.deepEqual(fqdnMessages(`${'a'.repeat(64)}.com`), {
      shown: 'a'.repeat(64),
      messages: ['must be no more than 63 characters'],
    });
  });

  it('accepts IP-looking names', () => {
    assert.deepEqual(fqdnMessages('127.0.0.1').messages, []);
    assert.deepEqual(fqdnMessages('010.1.2.3').messages, []);
  });
});

describe('object names through the whole engine', () => {
  const settings: ServiceSettings = {
    kubernetesVersion: '1.37',
    fieldValidation: 'Strict',
    advisories: false,
    maxEndpointsPerSlice: 100,
  };
  const errors = (metadata: string) =>
    createLanguageService()
      .validate(`apiVersion: v1\nkind: Endpoints\nmetadata: ${metadata}\n`, settings)
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => [d.field, d.reason]);

  it("generateName may end in '-', masked like upstream (which drops the character before it too)", () => {
    assert.deepEqual(errors('{generateName: web-}'), []);
    assert.deepEqual(errors('{generateName: Web-}'), [
      ['metadata.generateName', 'FieldValueInvalid'],
      ['metadata.name', 'FieldValueInvalid'],
    ]);
    // `ab_-` is checked as `aba`, so only the generated name `ab_-xxxxx` is reported.
    assert.deepEqual(errors('{generateName: ab_-}'), [['metadata.name', 'FieldValueInvalid']]);
  });

  it('the annotation size limit counts UTF-8 bytes', () => {
    assert.deepEqual(errors(`{name: e, annotations: {a: ${'é'.repeat(131072)}}}`), [
      ['metadata.annotations', 'FieldValueTooLong'],
    ]);
    assert.deepEqual(errors(`{name: e, annotations: {a: ${'e'.repeat(131072)}}}`), []);
  });
});

describe('byteLength', () => {
  it("counts UTF-8 bytes as Go's len() does, a lone surrogate as U+FFFD", () => {
    const samples = [
      '',
      'abc',
      'é',
      'ü-name',
      '名前',
      '😀',
      'a😀b',
      '\ud800',
      'x\udc00y',
      '\ud83d',
      '\udc00\ud800',
      'é😀名',
    ];
    for (const value of samples) {
      assert.equal(byteLength(value), Buffer.byteLength(value, 'utf8'), JSON.stringify(value));
    }
  });
});
