export { buildReview, rowLabel, REVIEW_RESOURCES } from './build';
export { ReviewIndex, searchWords } from './query';
export { reviewCsv, REVIEW_CSV_HEADER } from './csv';
export * from './types';
export { parseReviewQuery, isReviewId } from './validate';
