import { describe, expect, it } from 'vitest';
import { formatJsonNode, getMember, MAX_JSON_DEPTH, parseJsonText, type ParsedJson } from './json';

function parse(text: string): ParsedJson {
  const result = parseJsonText(text);
  if (!result.ok) throw new Error(`expected JSON: ${result.reason}`);
  return result.json;
}

describe('parseJsonText', () => {
  it('keeps number text as written', () => {
    const json = parse('{"a":3.0,"b":1e3,"c":-0,"d":12345678901234567890}');

    expect(formatJsonNode(json.node)).toBe('{"a":3.0,"b":1e3,"c":-0,"d":12345678901234567890}');
  });

  it('flags inexact numbers with their reason', () => {
    const json = parse('{"big":12345678901234567890,"pi":3.14159265358979323846,"ok":42}');

    expect(json.inexactNumbers).toEqual([
      { pointer: '/big', text: '12345678901234567890', reason: 'truncate_integer' },
      { pointer: '/pi', text: '3.14159265358979323846', reason: 'truncate_float' },
    ]);
  });

  it('number node holds text, value and exactness', () => {
    const json = parse('{"n":9007199254740993}');

    expect(getMember(json.node, 'n')).toEqual({
      kind: 'number',
      text: '9007199254740993',
      value: 9007199254740992,
      exact: false,
    });
  });

  it('pretty print keeps 3.0', () => {
    expect(parse('{"v":[3.0,1]}').pretty).toBe('{\n  "v": [\n    3.0,\n    1\n  ]\n}');
  });

  it('finds nested duplicates with pointers', () => {
    const json = parse('{"a":{"x/y":{"k":1,"k":2}},"list":[{"z":1,"z":1}]}');

    expect(json.duplicates).toEqual([
      { pointer: '/a/x~1y', name: 'k', positions: [13, 19] },
      { pointer: '/list/0', name: 'z', positions: [36, 42] },
    ]);
  });

  it('duplicate keeps the last value like JSON.parse', () => {
    const json = parse('{"alg":"HS256","alg":"none"}');

    expect(getMember(json.node, 'alg')).toEqual({ kind: 'string', value: 'none' });
  });

  it('ignores quotes and braces inside strings', () => {
    const json = parse('{"a":"{\\"a\\":1}","b":"}"}');

    expect(json.duplicates).toEqual([]);
  });

  it('__proto__ is an ordinary member', () => {
    const json = parse('{"__proto__":{"admin":true}}');

    expect(json.node).toEqual({
      kind: 'object',
      members: [
        {
          name: '__proto__',
          value: {
            kind: 'object',
            members: [{ name: 'admin', value: { kind: 'boolean', value: true } }],
          },
        },
      ],
    });
  });

  it('reports the position of a syntax error', () => {
    const result = parseJsonText('{"a":1,}');

    expect(result).toMatchObject({ ok: false, position: 7 });
  });

  it('rejects nesting deeper than the maximum', () => {
    const result = parseJsonText(
      `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`,
    );

    expect(result).toMatchObject({ ok: false, position: MAX_JSON_DEPTH });
  });

  it('accepts nesting at the maximum', () => {
    expect(parseJsonText(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`).ok).toBe(
      true,
    );
  });
});
