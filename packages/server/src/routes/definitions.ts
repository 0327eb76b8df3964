import { Type } from '@fastify/type-provider-typebox';
import { compileBpmn } from '@tongban/engine';
import { requireKind } from '../auth/guard.js';
import { diagramHashes, loadDiagram, saveDiagram } from '../diagrams.js';
import type { Api } from '../http/api.js';
import { HttpProblem } from '../http/problem.js';
import { errors } from '../http/schemas.js';
import type { ServerOptions } from '../options.js';
import { API_PREFIX_V1 } from './prefix.js';

const Deployed = Type.Object({
  processId: Type.String(),
  hash: Type.String(),
  version: Type.Integer(),
  deployedAt: Type.Integer(),
});

const Listed = Type.Object({
  ...Deployed.properties,
  diagram: Type.Boolean({
    description: 'whether the server keeps the BPMN XML it was deployed from (GET …/{hash}/diagram)',
  }),
});

/** Deploying (admins) and listing definitions. */
export function registerDefinitionRoutes(app: Api, options: ServerOptions): void {
  const { runtime } = options;
  app.post(
    `${API_PREFIX_V1}/definitions`,
    {
      schema: {
        summary: 'Deploy a BPMN model (admin); diagnostics come back as problem details',
        tags: ['definitions'],
        consumes: ['application/xml', 'text/xml'],
        body: Type.String({ minLength: 1, description: 'BPMN 2.0 XML' }),
        response: { 201: Deployed, ...errors(413, 415, 422) },
      },
    },
    async (request, reply) => {
      requireKind(request, ['admin'], 'deploying definitions');
      const compiled = await compileBpmn(request.body, options.compileOptions ?? {});
      if (!compiled.ok) {
        const errorsOnly = compiled.diagnostics.filter((d) => d.severity === 'error');
        const first = errorsOnly[0] ?? compiled.diagnostics[0];
        throw new HttpProblem(
          'INVALID_DEFINITION',
          first === undefined
            ? 'the model does not compile'
            : `${first.elementId ?? 'document'}: ${first.code} ${first.message}`,
          {
            ...(first?.elementId ? { elementId: first.elementId } : {}),
            diagnostics: compiled.diagnostics,
          },
        );
      }
      const hash = await runtime.deploy(compiled.definition);
      // The drawing is kept so the designer can open what runs; the store keeps only the model.
      await saveDiagram(runtime.store, compiled.definition, request.body);
      const deployed = (await runtime.definitions()).find((d) => d.hash === hash);
      if (deployed === undefined) throw new Error(`deployed definition ${hash} is not listed`);
      return reply.code(201).send(deployed);
    },
  );

  app.get(
    `${API_PREFIX_V1}/definitions`,
    {
      schema: {
        summary: 'Every deployed version',
        tags: ['definitions'],
        response: { 200: Type.Object({ items: Type.Array(Listed) }), ...errors() },
      },
    },
    async () => {
      const drawn = await diagramHashes(runtime.store);
      return { items: (await runtime.definitions()).map((d) => ({ ...d, diagram: drawn.has(d.hash) })) };
    },
  );

  app.get(
    `${API_PREFIX_V1}/definitions/:hash/diagram`,
    {
      schema: {
        summary: 'The BPMN XML a deployed version was deployed from (the designer opens it)',
        tags: ['definitions'],
        params: Type.Object({ hash: Type.String({ minLength: 1, maxLength: 128 }) }),
        produces: ['application/xml'],
        response: { 200: Type.String({ description: 'BPMN 2.0 XML' }), ...errors(404) },
      },
    },
    async (request, reply) => {
      // The people who list the definitions may read their drawings; applicants have the public view only.
      requireKind(request, ['staff', 'officer', 'admin', 'supervisor'], 'reading a diagram');
      const xml = await loadDiagram(runtime.store, request.params.hash);
      if (xml === null)
        throw new HttpProblem(
          'NO_DEFINITION',
          `no drawing for definition ${request.params.hash}: it was not deployed through this server`,
        );
      return reply.type('application/xml; charset=utf-8').send(xml);
    },
  );
}
