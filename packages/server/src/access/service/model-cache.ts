/**
 * Compiled models held in memory. A model is immutable once written, so an entry never goes stale; the
 * key carries the organization and store, so a model id never answers for another tenant's store.
 */
import type { CompiledModel } from '../engine/model-types.ts';

export class CompiledModelCache {
  readonly #entries = new Map<string, CompiledModel>();
  readonly #capacity: number;

  constructor(capacity = 1000) {
    this.#capacity = capacity;
  }

  get(orgId: string, storeId: string, modelId: string): CompiledModel | undefined {
    const key = cacheKey(orgId, storeId, modelId);
    const model = this.#entries.get(key);
    if (model) {
      // Least recently used goes first: re-inserting moves the entry to the end.
      this.#entries.delete(key);
      this.#entries.set(key, model);
    }
    return model;
  }

  set(orgId: string, storeId: string, modelId: string, model: CompiledModel): void {
    this.#entries.set(cacheKey(orgId, storeId, modelId), model);
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}

function cacheKey(orgId: string, storeId: string, modelId: string): string {
  return `${orgId}\u0000${storeId}\u0000${modelId}`;
}
