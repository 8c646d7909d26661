/** Feature flags for Node servers: the OpenFeature provider with local evaluation. */
export { StreamDisconnected } from './flag-set-connection.ts';
export { KeystoneFlagsProvider, type KeystoneFlagsProviderOptions } from './keystone-flags-provider.ts';
