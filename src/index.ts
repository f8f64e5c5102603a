export * from './protocol';
export * from './validation';
export * from './analysis';
