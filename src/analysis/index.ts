export * from './network-model';
export * from './connectivity';
export * from './matrix';
export * from './flow-port';
