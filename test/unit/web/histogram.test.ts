import { expect, it } from 'vitest';
import { gapHistogram } from '../../../web/lib/histogram.js';

it('buckets gaps in AI replies, with 5 and more together, and leaves out missing gaps', () => {
  expect(gapHistogram([0, 0, 1, 3, 5, 9, null, -1])).toEqual([
    { bucket: '0', conversations: 2 },
    { bucket: '1', conversations: 1 },
    { bucket: '2', conversations: 0 },
    { bucket: '3', conversations: 1 },
    { bucket: '4', conversations: 0 },
    { bucket: '5+', conversations: 2 },
  ]);
});
