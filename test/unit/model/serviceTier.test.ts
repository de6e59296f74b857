// Service tiers as the tree, the Edit Service Tier command and the Project panel share them: names,
// the tier lists, and the one rule both the command and the panel refuse (a Fast default needs Fast).
import assert from 'node:assert/strict';
import {
  describeEnabledTiers, isDefaultTier, isOptionalTier, normalTiers, sameEnabledTiers, serviceTierProblem, tierName,
} from '../../../src/model/serviceTier';

describe('service tiers', () => {
  it('names tiers as the dashboard does, and keeps unknown ones as sent', () => {
    assert.deepEqual(['standard', 'fast', 'scale', 'flex', 'ultrafast', 'warp'].map(tierName), ['Standard', 'Fast', 'Scale', 'Flex', 'Ultrafast', 'warp']);
    assert.equal(isDefaultTier('scale'), true);
    assert.equal(isDefaultTier('flex'), false);
    assert.equal(isOptionalTier('flex'), true);
    assert.equal(isOptionalTier('scale'), false);
  });

  it('compares enabled tiers regardless of order and repeats; "all" equals only "all"', () => {
    assert.deepEqual(normalTiers(['ultrafast', 'flex', 'flex']), ['flex', 'ultrafast']);
    assert.equal(sameEnabledTiers(['fast', 'flex'], ['flex', 'fast']), true);
    assert.equal(sameEnabledTiers(['flex'], ['flex', 'fast']), false);
    assert.equal(sameEnabledTiers('all', ['flex', 'fast', 'ultrafast']), false, '"all" also covers tiers added later');
    assert.equal(sameEnabledTiers('all', 'all'), true);
    assert.equal(describeEnabledTiers({ enabled_tiers: [] }), 'none: Standard only');
  });

  it('refuses a Fast default unless Fast is enabled, and unknown tiers', () => {
    assert.match(serviceTierProblem('fast', ['flex'])!, /default tier Fast must also be enabled/);
    assert.match(serviceTierProblem('fast', [])!, /default tier Fast must also be enabled/);
    assert.equal(serviceTierProblem('fast', ['fast']), undefined);
    assert.equal(serviceTierProblem('fast', 'all'), undefined);
    assert.equal(serviceTierProblem('scale', []), undefined);
    assert.equal(serviceTierProblem('standard', ['flex', 'ultrafast']), undefined);
    assert.match(serviceTierProblem('auto', [])!, /Unknown default tier/);
    assert.match(serviceTierProblem('standard', ['warp'])!, /Unknown service tier/);
  });
});
