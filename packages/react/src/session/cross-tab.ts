/** What one tab tells the others about the session (same origin only, never a token). */
export type TabMessage =
  | { type: 'signed_out'; sub: string }
  | { type: 'tokens_changed' }
  | { type: 'active_org'; sub: string; orgId: string | null };

export type CrossTab = { post(message: TabMessage): void; close(): void };

/**
 * Tabs talk over a BroadcastChannel; with localStorage the `storage` event also
 * fires in other tabs when the tokens change (browsers without BroadcastChannel).
 */
export function openCrossTab(
  channelName: string,
  storageKey: string,
  onMessage: (message: TabMessage) => void,
): CrossTab {
  const channel =
    typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`keystone:${channelName}`);
  const onChannel = (event: MessageEvent) => {
    if (isTabMessage(event.data)) onMessage(event.data);
  };
  channel?.addEventListener('message', onChannel);
  const onStorage = (event: StorageEvent) => {
    if (event.key === storageKey) onMessage({ type: 'tokens_changed' });
  };
  if (typeof window !== 'undefined') window.addEventListener('storage', onStorage);
  return {
    post(message) {
      channel?.postMessage(message);
    },
    close() {
      channel?.removeEventListener('message', onChannel);
      channel?.close();
      if (typeof window !== 'undefined') window.removeEventListener('storage', onStorage);
    },
  };
}

function isTabMessage(data: unknown): data is TabMessage {
  return typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string';
}
