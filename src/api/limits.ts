// How many buckets one usage or costs page can hold (endpoints.md: `limit`). A module of its own,
// without imports, so the usage model can plan its pages without loading the client.
import type { BucketWidth } from './types';

export const COSTS_MAX_BUCKETS = 180;
export const USAGE_MAX_BUCKETS: Readonly<Record<BucketWidth, number>> = { '1d': 31, '1h': 168, '1m': 1440 };
