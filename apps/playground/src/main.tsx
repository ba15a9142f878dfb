import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { parseMockSettings } from './lib/mock-settings.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <App mockSettings={parseMockSettings(window.location.search)} origin={window.location.origin} />
  </StrictMode>,
);
