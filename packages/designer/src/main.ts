import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/assets/properties-panel.css';
import 'diagram-js-minimap/assets/diagram-js-minimap.css';
import './styles.css';
import { Designer, publish, savedLanguage } from './app.js';
import { type DepartmentDirectory, parseDepartmentDirectory } from './departments.js';
import { engineValidator } from './engine.js';
import { initialLanguage } from './i18n/messages.js';
import { findServer, ServerLink } from './server/link.js';

async function loadDirectory(): Promise<DepartmentDirectory> {
  try {
    const response = await fetch('./departments.json');
    return parseDepartmentDirectory(await response.json());
  } catch (error) {
    console.error('department directory not loaded', error);
    return { region: null, departments: [] };
  }
}

const root = document.getElementById('app');
if (!root) throw new Error('index.html needs <div id="app">');
// Served by `tongban serve` (at /designer/), the page opens from and deploys to that server.
const server = await findServer();
const designer = await Designer.start(root, {
  language: initialLanguage(new URLSearchParams(location.search).get('lang') ?? savedLanguage()),
  directory: await loadDirectory(),
  validate: engineValidator,
  server: server ? new ServerLink(server) : null,
});
publish(designer);
designer.offerRestore();
