/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_KEYSTONE_URL?: string;
  readonly VITE_KEYSTONE_PUBLISHABLE_KEY?: string;
}
