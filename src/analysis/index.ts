export * from './network-model';
export * from './connectivity';
export * from './matrix';
