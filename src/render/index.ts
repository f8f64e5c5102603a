
export * from './diagram';
