export * from './default-deny';
export * from './allow-dns';
export * from './allow-from';
export * from './allow-to';
export * from './three-tier-app';
export * from './service-graph';
