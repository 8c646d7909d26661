/** The flag-set stream (SSE) the SDK's provider keeps its local flag set current with. */
export { type FlagStreamOptions, flagStreamRoutes } from './stream-routes.ts';
