export * from './lint-finding';
export * from './lint-options';
export * from './lint-report';
export * from './linter';
