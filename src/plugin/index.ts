export * from './lint-plugin';
