// The org file's YAML writer: what it writes, the `yaml` package (which the parser uses) reads back
// as the same value, hostile strings included; and it writes the block style people write by hand.
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { scalar, yamlText } from '../../../../src/model/orgCode/yamlText';
import { HOSTILE_STRINGS } from '../../../fake-admin-api';

const TRICKY = [
  '', ' ', 'true', 'False', 'null', '~', 'yes', 'no', 'on', 'off', 'y', '0', '1e3', '0x1f', '.5', '-1', '+1', '.inf', '.NaN', '12:30',
  'a: b', 'a #b', '#x', '- x', '? x', '& x', '* x', '! x', '| x', '> x', "'x'", '"x"', '%x', '@x', '`x', '{x}', '[x]', 'x,', 'x, y',
  'trailing ', ' leading', 'tab\there', 'line\nbreak', 'cr\rx', 'nul\u0000x', 'del\u007fx', 'c1\u0085x', 'ls\u2028x', 'bom\ufeffx',
  'emoji 😀', 'lone \ud800 surrogate', 'Ünïcödé', 'a/b.c_d-e (f) g+h,i', 'kubernetes.io/namespace', 'https://example.com/x?y=1#z',
];

describe('model: org file YAML writer', () => {
  it('every string, key and number reads back as itself', () => {
    const strings = [...TRICKY, ...HOSTILE_STRINGS];
    const value = {
      version: 1,
      strings,
      keyed: Object.fromEntries(strings.filter((s) => s !== '').map((s, i) => [s, i])),
      numbers: [0, -1, 1.5, 1e21, 250_000],
      flags: [true, false, null],
      nested: [{ name: 'a', members: ['x', 'y'], empty: [], none: {} }, [1, [2, 3]], []],
    };
    const back = parse(yamlText(value));
    // A lone surrogate cannot survive any UTF-16 → text → UTF-16 trip unchanged; JSON writes it escaped and YAML reads the escape.
    assert.deepEqual(back, value);
  });

  it('writes plain block style where it can', () => {
    assert.equal(yamlText({ version: 1, organization: { groups: [{ name: 'Platform', members: ['ada@example.com'] }], roles: [] }, projects: [{ name: 'true', rate_limits: { 'gpt-4o': { max_requests_per_1_minute: 5 } } }] }), [
      'version: 1',
      'organization:',
      '  groups:',
      '    - name: Platform',
      '      members:',
      '        - ada@example.com',
      '  roles: []',
      'projects:',
      '  - name: "true"',
      '    rate_limits:',
      '      gpt-4o:',
      '        max_requests_per_1_minute: 5',
      '',
    ].join('\n'));
    assert.equal(scalar('a: b'), '"a: b"');
  });
});
