import { contactInputSchema } from '../../domain/contact';
import { notFound } from '../errors';
import { defineRoute } from '../route-definition';
import { contactIdParams } from '../route-params';
import { contactSchema } from '../schemas/reference-data-schemas';
import { parseId, parseInput } from '../validation';

const putContact = defineRoute({
  method: 'PUT',
  url: '/v1/contacts/:contactId',
  summary: 'Create or update a contact (the person who books)',
  tag: 'Reference data',
  access: 'api_key',
  params: contactIdParams,
  body: contactInputSchema,
  responses: {
    200: { description: 'updated', schema: contactSchema },
    201: { description: 'created', schema: contactSchema },
  },
  handler: async ({ repositories: { contacts } }, request, reply) => {
    const id = parseId(request.params, 'contactId');
    const input = parseInput(contactInputSchema, request.body);
    const { row, created } = await contacts.upsert(id, input);
    return reply.status(created ? 201 : 200).send(row);
  },
});

const getContact = defineRoute({
  method: 'GET',
  url: '/v1/contacts/:contactId',
  summary: 'A contact',
  tag: 'Reference data',
  access: 'api_key',
  params: contactIdParams,
  responses: { 200: { description: 'the contact', schema: contactSchema } },
  handler: async ({ repositories: { contacts } }, request) => {
    const id = parseId(request.params, 'contactId');
    const contact = await contacts.get(id);
    if (!contact) throw notFound('contact', id);
    return contact;
  },
});

export const contactRoutes = [putContact, getContact];
