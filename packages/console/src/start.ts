// The console itself, loaded by main.ts once the first screen's rows have been asked for.
import { consoleConfig } from './api/routes.js';
import { ConsoleApp } from './app.js';
import { finishOidcSignIn } from './auth/oidc.js';
import { initialLanguage, setLanguage } from './i18n/index.js';

setLanguage(initialLanguage());
const root = document.getElementById('app');
if (!root) throw new Error('index.html needs <div id="app">');
const config = await consoleConfig();
await finishOidcSignIn(config.oidc);
const app = new ConsoleApp(root, config);
app.start();
