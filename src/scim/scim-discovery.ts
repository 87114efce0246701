import { Router, type Response } from 'express';
import { listResponse } from './scim-user.mapper';
import { ScimSchemaId } from './scim-schema-ids';
import { ScimError } from './scim.errors';

/** The most users one GET /Users page returns (Okta asks for 100). */
export const SCIM_MAX_PAGE_SIZE = 200;

type AttributeDefinition = Record<string, unknown>;

const attribute = (name: string, description: string, extra: AttributeDefinition = {}): AttributeDefinition => ({
  name,
  type: 'string',
  multiValued: false,
  description,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...extra,
});

/** Only the attributes Proctor keeps (RFC 7643 §7); others sent by an IdP are accepted and dropped. */
const USER_ATTRIBUTES: AttributeDefinition[] = [
  attribute('userName', "The person's work email address; unique in the district.", { required: true, uniqueness: 'server' }),
  attribute('name', 'The components of the name.', {
    type: 'complex',
    subAttributes: [
      attribute('formatted', 'The full name (the same as displayName).'),
      attribute('familyName', 'The family name.'),
      attribute('givenName', 'The given name.'),
    ],
  }),
  attribute('displayName', 'The name shown for the person.'),
  attribute('emails', 'The work email address (the same as userName).', {
    multiValued: true,
    type: 'complex',
    subAttributes: [
      attribute('value', 'The address.'),
      attribute('type', 'Always "work".', { canonicalValues: ['work'] }),
      attribute('primary', 'Always true.', { type: 'boolean' }),
    ],
  }),
  attribute('active', 'False once the person has been offboarded.', { type: 'boolean' }),
];

const ENTERPRISE_ATTRIBUTES: AttributeDefinition[] = [
  attribute('employeeNumber', 'The HR employee id; unique in the district.', { caseExact: true, uniqueness: 'server' }),
];

function schemaResources(baseUrl: string): Record<string, unknown>[] {
  const schema = (id: string, name: string, description: string, attributes: AttributeDefinition[]) => ({
    schemas: [ScimSchemaId.schema],
    id,
    name,
    description,
    attributes,
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${id}` },
  });
  return [
    schema(ScimSchemaId.user, 'User', 'A district staff member.', USER_ATTRIBUTES),
    schema(ScimSchemaId.enterpriseUser, 'EnterpriseUser', 'Enterprise user extension.', ENTERPRISE_ATTRIBUTES),
  ];
}

function userResourceType(baseUrl: string): Record<string, unknown> {
  return {
    schemas: [ScimSchemaId.resourceType],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'District staff; deactivating one offboards them from every social media account.',
    schema: ScimSchemaId.user,
    schemaExtensions: [{ schema: ScimSchemaId.enterpriseUser, required: false }],
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` },
  };
}

function serviceProviderConfig(baseUrl: string): Record<string, unknown> {
  return {
    schemas: [ScimSchemaId.serviceProviderConfig],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: SCIM_MAX_PAGE_SIZE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer API key',
        description: 'Authorization: Bearer <key>, with a Proctor API key of role HR_SYSTEM.',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

/** RFC 7644 §4: what an identity provider reads to learn what this service supports. */
export function scimDiscoveryRoutes(baseUrl: string, send: (response: Response, status: number, body: object) => void): Router {
  const router = Router();
  const schemas = schemaResources(baseUrl);
  const resourceType = userResourceType(baseUrl);
  router.get('/ServiceProviderConfig', (_request, response) => send(response, 200, serviceProviderConfig(baseUrl)));
  router.get('/Schemas', (_request, response) => send(response, 200, listResponse(schemas, schemas.length, 1)));
  router.get('/Schemas/:id', (request, response) => {
    const found = schemas.find((schema) => schema.id === request.params.id);
    if (!found) throw new ScimError(404, 'No such schema.');
    send(response, 200, found);
  });
  router.get('/ResourceTypes', (_request, response) => send(response, 200, listResponse([resourceType], 1, 1)));
  router.get('/ResourceTypes/:id', (request, response) => {
    if (request.params.id !== 'User') throw new ScimError(404, 'No such resource type.');
    send(response, 200, resourceType);
  });
  return router;
}
