export * from './flow-port';
export * from './diagram';
