export * from './workload-kind';
export * from './network-model';
export * from './connectivity';
export * from './matrix';
