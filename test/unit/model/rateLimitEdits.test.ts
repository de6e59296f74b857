import assert from 'node:assert/strict';
import { checkWholeNumber, editableFields, parseWholeNumber, rateLimitChanges } from '../../../src/model/rateLimitEdits';

const textModel = { max_requests_per_1_minute: 500, max_tokens_per_1_minute: 30_000, max_requests_per_1_day: 10_000 };

describe('rate limit edits', () => {
  describe('editableFields', () => {
    it('offers only the fields the model has, in the tree’s order', () => {
      assert.deepEqual(editableFields(textModel).map((f) => [f.field, f.current]), [
        ['max_requests_per_1_minute', 500],
        ['max_tokens_per_1_minute', 30_000],
        ['max_requests_per_1_day', 10_000],
      ]);
    });

    it('skips null and missing fields but keeps a limit of 0', () => {
      const fields = editableFields({ max_requests_per_1_minute: 0, max_tokens_per_1_minute: null, max_images_per_1_minute: undefined });
      assert.deepEqual(fields.map((f) => f.field), ['max_requests_per_1_minute']);
      assert.equal(fields[0].current, 0);
      assert.equal(fields[0].abbr, 'RPM');
    });
  });

  describe('checkWholeNumber', () => {
    for (const ok of ['0', '7', '10000', '10,000', '1_000_000', ' 42 ', '9007199254740991']) {
      it(`accepts ${JSON.stringify(ok)}`, () => assert.equal(checkWholeNumber(ok), undefined));
    }
    const refused: Array<[string, RegExp]> = [
      ['', /whole number/], ['   ', /whole number/], ['-1', /negative/], ['1.5', /without decimals/], ['1e3', /without decimals/],
      ['10k', /without decimals/], ['abc', /without decimals/], ['1,00', /without decimals/], ['0x10', /without decimals/],
      ['99999999999999999999', /too large/],
    ];
    for (const [text, reason] of refused) {
      it(`refuses ${JSON.stringify(text)}`, () => assert.match(checkWholeNumber(text) ?? '', reason));
    }
  });

  it('parseWholeNumber strips separators and refuses what the check refuses', () => {
    assert.equal(parseWholeNumber('10,000'), 10_000);
    assert.equal(parseWholeNumber('1_000'), 1000);
    assert.throws(() => parseWholeNumber('-3'), RangeError);
  });

  describe('rateLimitChanges', () => {
    it('sends only the fields whose value changed', () => {
      const body = rateLimitChanges(textModel, { max_requests_per_1_minute: '500', max_tokens_per_1_minute: '40,000', max_requests_per_1_day: '10000' });
      assert.deepEqual(body, { max_tokens_per_1_minute: 40_000 });
    });

    it('is empty when nothing changed, including re-typed separators', () => {
      assert.deepEqual(rateLimitChanges(textModel, { max_requests_per_1_minute: '500', max_tokens_per_1_minute: '30,000', max_requests_per_1_day: '10_000' }), {});
    });

    it('can set a limit to 0', () => {
      assert.deepEqual(rateLimitChanges(textModel, { max_requests_per_1_day: '0' }), { max_requests_per_1_day: 0 });
    });

    it('never sends a field the model does not have, whatever was entered', () => {
      assert.deepEqual(rateLimitChanges(textModel, { max_images_per_1_minute: '5', max_requests_per_1_minute: '600' }), { max_requests_per_1_minute: 600 });
    });

    it('throws on an invalid entry rather than sending a guess', () => {
      assert.throws(() => rateLimitChanges(textModel, { max_requests_per_1_minute: '5.5' }), RangeError);
    });
  });
});
