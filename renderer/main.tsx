// The unminified SLDS file on purpose: the .min.css ships ':nth-child(1of.x)', which lightningcss rejects; Vite minifies it anyway.
// The build keeps only the SLDS rules the renderer uses (scripts/purge-slds.ts): write every class name whole.
import '@salesforce-ux/design-system/assets/styles/salesforce-lightning-design-system.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

const container = document.getElementById('root');
if (!container) throw new Error('[renderer] #root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
