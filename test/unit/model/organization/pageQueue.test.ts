import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { PageQueue } from '../../../../src/model/organization/pageQueue';

describe('PageQueue (the loader\'s queue)', () => {
  it('gives items in the order an array\'s push / unshift / shift would, for any sequence', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), value: fc.integer() }),
      fc.record({ kind: fc.constant('unshift' as const), value: fc.integer() }),
      fc.record({ kind: fc.constant('shift' as const) }),
      fc.record({ kind: fc.constant('clear' as const) }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 3000 }), (ops) => {
      const queue = new PageQueue<number>();
      const array: number[] = [];
      for (const o of ops) {
        if (o.kind === 'push') { queue.push(o.value); array.push(o.value); }
        else if (o.kind === 'unshift') { queue.unshift(o.value); array.unshift(o.value); }
        else if (o.kind === 'shift') assert.equal(queue.shift(), array.shift());
        else { queue.clear(); array.length = 0; }
        assert.equal(queue.length, array.length);
      }
      while (array.length) assert.equal(queue.shift(), array.shift());
      assert.equal(queue.shift(), undefined);
    }), { numRuns: 200 });
  });

  it('drains a long queue past its compaction point in order', () => {
    const queue = new PageQueue<number>();
    for (let i = 0; i < 10_000; i++) queue.push(i);
    for (let i = 0; i < 5_000; i++) assert.equal(queue.shift(), i);
    queue.unshift(-1);
    for (let i = 10_000; i < 12_000; i++) queue.push(i);
    assert.equal(queue.shift(), -1);
    for (let i = 5_000; i < 12_000; i++) assert.equal(queue.shift(), i);
    assert.equal(queue.length, 0);
  });
});
