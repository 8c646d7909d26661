/**
 * Where Keystone is and which publishable key this app uses, from Vite's env
 * (`.env.local`, or the environment of `npm run dev`): see .env.example.
 */
export const keystoneUrl: string = required('VITE_KEYSTONE_URL');
export const publishableKey: string = required('VITE_KEYSTONE_PUBLISHABLE_KEY');

function required(name: 'VITE_KEYSTONE_URL' | 'VITE_KEYSTONE_PUBLISHABLE_KEY'): string {
  const value = import.meta.env[name];
  if (!value) throw new Error(`${name} is not set: copy .env.example to .env.local and fill it in`);
  return value;
}
