export * from './validation';
export * from './analysis';
