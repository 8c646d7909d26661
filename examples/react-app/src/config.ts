/**
 * Where Keystone is and which publishable key this app uses, from Vite's env
 * (`.env.local`, or the environment of `npm run dev`): see .env.example.
 */
export const keystoneUrl: string = import.meta.env.VITE_KEYSTONE_URL ?? '';
export const publishableKey: string = import.meta.env.VITE_KEYSTONE_PUBLISHABLE_KEY ?? '';

/** The settings still to fill in (main.tsx says so on the page rather than failing blank). */
export const missingConfig: string[] = [
  ...(keystoneUrl ? [] : ['VITE_KEYSTONE_URL']),
  ...(publishableKey ? [] : ['VITE_KEYSTONE_PUBLISHABLE_KEY']),
];
