export * from './protocol';
export * from './selectors';
export * from './peers';
export * from './ports';
export * from './network-policy';
export * from './intents';
export * from './validation';
export * from './analysis';
