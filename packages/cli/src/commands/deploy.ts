import { compileBpmn, decodeBpmnBytes } from '@tongban/engine';
import type { Command } from 'commander';
import { diagnosticLine } from '../format/diagnostic-line.js';
import { caseMessages } from '../i18n/case-messages.js';
import { resolveLang } from '../i18n/lang.js';
import { registryOrExit } from '../options/calendar.js';
import { EXIT_FAILURE } from '../options/exit-codes.js';
import { readInputBytes } from '../read-input.js';
import { type CaseCliOptions, caseOptions, printJson, withRuntime } from './case/open-runtime.js';

/** `tongban deploy`: compiles a BPMN file and stores it as the next version of its process. */
export function register(program: Command): void {
  caseOptions(
    program
      .command('deploy')
      .description(
        'compile a BPMN file and deploy it to a --data-dir or --database-url, as the next version of its process',
      )
      .argument('<file.bpmn>', 'BPMN 2.0 XML file'),
  ).action(async (file: string, options: CaseCliOptions) => {
    const lang = resolveLang(options.lang);
    const calendars = registryOrExit(options.overlay, 'deploy');
    if (calendars === null) return;
    const decoded = decodeBpmnBytes(readInputBytes(file));
    const compiled = decoded.ok
      ? await compileBpmn(decoded.text, { calendars })
      : { ok: false as const, diagnostics: [decoded.diagnostic] };
    if (!compiled.ok) {
      // The same lines as `tongban validate`: nothing is deployed.
      for (const d of compiled.diagnostics)
        if (d.severity === 'error') process.stderr.write(`${diagnosticLine(d)}\n`);
      process.exitCode = EXIT_FAILURE;
      return;
    }
    const { definition } = compiled;
    await withRuntime(options, async (runtime) => {
      await runtime.deploy(definition);
      const deployed = (await runtime.definitions()).find((d) => d.hash === definition.hash);
      const version = deployed?.version ?? 1;
      if (options.json) return printJson({ processId: definition.processId, version, hash: definition.hash });
      process.stdout.write(
        `${caseMessages(lang).deployed(definition.processId, version, definition.hash)}\n`,
      );
    });
  });
}
