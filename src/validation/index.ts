export * from './issues';
export * from './network-policy-validator';
