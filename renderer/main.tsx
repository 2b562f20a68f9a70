// Entry of the renderer: mounts the app with the host it finds (Electron bridge or browser).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { detectHost } from './host/host';
import './styles.css';

const container = document.getElementById('root');
if (container !== null) {
  createRoot(container).render(
    <StrictMode>
      <App host={detectHost()} />
    </StrictMode>,
  );
}
