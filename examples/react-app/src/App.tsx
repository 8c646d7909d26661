import { keystoneUrl } from './config.ts';
import { useLocation } from './router.tsx';

export function App() {
  const { path } = useLocation();
  return (
    <main>
      <h1>Keystone example</h1>
      <p>
        Talking to {keystoneUrl}, at {path}
      </p>
    </main>
  );
}
