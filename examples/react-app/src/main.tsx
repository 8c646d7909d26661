import { KeystoneProvider, TenantProvider } from '@keystone/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { keystoneUrl, missingConfig, publishableKey } from './config.ts';
import './app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    {missingConfig.length > 0 ? (
      <p role="alert">Set {missingConfig.join(' and ')}: copy .env.example to .env.local and fill it in.</p>
    ) : (
      <KeystoneProvider
        apiUrl={keystoneUrl}
        publishableKey={publishableKey}
        // The session survives a reload of this tab (the default, memory, does not).
        storage="sessionStorage"
        theme={{ primaryColor: '#4f46e5', borderRadius: '6px', fontFamily: 'system-ui, sans-serif' }}
      >
        <TenantProvider>
          <App />
        </TenantProvider>
      </KeystoneProvider>
    )}
  </StrictMode>,
);
