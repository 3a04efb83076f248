import { describe, expect, test } from 'vitest';
import { flowNames, resourceNames, variantNames } from '../../reports/names.js';
import { smallResults } from './fixture.js';

describe('names in results order', () => {
  test('variants baseline first; flows and teams as the baseline lists them', () => {
    const results = smallResults();
    expect(variantNames(results)).toEqual(['baseline', 'redesign']);
    expect(flowNames(results)).toEqual(['order']);
    expect(resourceNames(results)).toEqual(['desk', 'techs']);
  });

  test("a flow or team that only a variant has comes after the baseline's", () => {
    const results = smallResults();
    const redesign = results.variants.redesign;
    redesign.flows = { repair: redesign.flows.order, order: redesign.flows.order };
    redesign.resources = { bots: redesign.resources.desk, ...redesign.resources };
    expect(flowNames(results)).toEqual(['order', 'repair']);
    expect(resourceNames(results)).toEqual(['desk', 'techs', 'bots']);
  });
});
