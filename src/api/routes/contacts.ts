import type { FastifyInstance } from 'fastify';
import { contactInputSchema } from '../../domain/contact';
import { notFound } from '../errors';
import type { ApiDependencies } from '../api-dependencies';
import { parseId, parseInput } from '../validation';

export function registerContactRoutes(app: FastifyInstance, { repositories: { contacts } }: ApiDependencies): void {
  app.put('/v1/contacts/:contactId', async (request, reply) => {
    const id = parseId(request.params, 'contactId');
    const input = parseInput(contactInputSchema, request.body);
    const { row, created } = await contacts.upsert(id, input);
    return reply.status(created ? 201 : 200).send(row);
  });

  app.get('/v1/contacts/:contactId', async (request) => {
    const id = parseId(request.params, 'contactId');
    const contact = await contacts.get(id);
    if (!contact) throw notFound('contact', id);
    return contact;
  });
}
