import './styles.css';
import { askForFirstScreen } from './first-screen.js';

// The first screen's rows are asked for first; the rest of the console (its screens, lit-html, the
// messages) loads and starts meanwhile, so the server's answer and the page's start overlap.
askForFirstScreen();
await import('./start.js');
