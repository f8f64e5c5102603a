export * from './flow-change';
export * from './connectivity-diff';
export * from './equivalence';
