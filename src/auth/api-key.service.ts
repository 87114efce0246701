import type { DataSource } from 'typeorm';
import { ActorType } from '../audit/audit-entry.entity';
import { newId } from '../db/ids';
import { BadUserInputError, NotFoundError, UnauthenticatedError } from '../errors/app-errors';
import { School } from '../schools/school.entity';
import type { Actor } from '../tenancy/actor';
import type { TenantScope } from '../tenancy/tenant-scope';
import { onlyPrincipalsHaveSchool, principalNeedsSchool } from './auth.errors';
import { ApiKey } from './api-key.entity';
import { ApiRole } from './api-role';
import { nulCharacterProblems } from '../validation/assert-valid';
import { generateApiKey, parseApiKey, secretMatches } from './api-key.secret';

// lastUsedAt is for people auditing keys; minute precision is plenty and saves a write per request.
const LAST_USED_RESOLUTION_MS = 5 * 60 * 1000;

export interface CreateApiKeyInput {
  role: ApiRole;
  schoolId?: string | null;
  label?: string | null;
}

export class ApiKeyService {
  constructor(private readonly dataSource: DataSource) {}

  /** Turns an Authorization header into the caller; anything missing, malformed, unknown or revoked is 401. */
  async authenticate(authorization: string | undefined): Promise<Actor> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    const parsed = match ? parseApiKey(match[1]) : null;
    if (!parsed) throw new UnauthenticatedError();
    const key = await this.dataSource.manager.findOneBy(ApiKey, { keyId: parsed.keyId });
    if (!key || key.revokedAt || !secretMatches(key.salt, parsed.secret, key.secretHash)) {
      throw new UnauthenticatedError('This API key is not valid (unknown or revoked).');
    }
    if (key.role === ApiRole.PRINCIPAL && !key.schoolId) {
      // Its school was deleted (or a row was edited by hand): never let it fall back to district-wide access.
      throw new UnauthenticatedError('This API key is not valid (its school no longer exists).');
    }
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.dataSource.manager.update(ApiKey, { id: key.id }, { lastUsedAt: new Date() });
    }
    return {
      type: ActorType.API_KEY,
      id: key.keyId,
      label: key.label,
      role: key.role,
      districtId: key.districtId,
      schoolId: key.role === ApiRole.PRINCIPAL ? key.schoolId : null,
    };
  }

  /** Creates a key in the scope's district. The returned `key` is the only time the secret exists in clear. */
  async create(scope: TenantScope, input: CreateApiKeyInput): Promise<{ key: string; apiKey: ApiKey }> {
    return scope.transaction(async (tx) => {
      let schoolId: string | null = null;
      if (input.role === ApiRole.PRINCIPAL) {
        if (!input.schoolId) throw principalNeedsSchool();
        schoolId = (await tx.getById(School, input.schoolId, 'School', 'schoolId')).id;
      } else if (input.schoolId) {
        throw onlyPrincipalsHaveSchool();
      }
      const label = input.label?.trim();
      if (label && label.length > 200) throw BadUserInputError.field('label', 'maxLength', 'label must be at most 200 characters');
      const nulProblems = nulCharacterProblems(label, 'label');
      if (nulProblems.length) throw new BadUserInputError(nulProblems);
      const generated = generateApiKey();
      const apiKey = Object.assign(new ApiKey(), {
        id: newId(),
        districtId: tx.districtId,
        keyId: generated.keyId,
        salt: generated.salt,
        secretHash: generated.secretHash,
        role: input.role,
        schoolId,
        label: label || `${input.role.toLowerCase().replace('_', ' ')} key`,
        createdBy: tx.actor.label,
        createdAt: new Date(),
        lastUsedAt: null,
        revokedAt: null,
      });
      await tx.insert(ApiKey, [apiKey]);
      tx.audit({ action: 'apiKey.create', targetType: 'ApiKey', targetId: apiKey.keyId, schoolId, after: apiKey });
      return { key: generated.key, apiKey };
    });
  }

  async list(scope: TenantScope): Promise<ApiKey[]> {
    return scope.select(ApiKey, 'key').orderBy('key.createdAt', 'ASC').getMany();
  }

  /** Revoking twice is harmless; an unknown key id is NOT_FOUND. */
  async revoke(scope: TenantScope, keyId: string): Promise<ApiKey> {
    return scope.transaction(async (tx) => {
      const key = await tx.select(ApiKey, 'key').andWhere('key.keyId = :keyId', { keyId }).getOne();
      if (!key) throw new NotFoundError('API key', 'keyId');
      if (!key.revokedAt) {
        const revokedAt = new Date();
        await tx.update(ApiKey, key.id, { revokedAt });
        tx.audit({
          action: 'apiKey.revoke',
          targetType: 'ApiKey',
          targetId: key.keyId,
          schoolId: key.schoolId,
          before: { revokedAt: null },
          after: { revokedAt },
        });
        key.revokedAt = revokedAt;
      } else {
        tx.audit({ action: 'apiKey.revoke', targetType: 'ApiKey', targetId: key.keyId, schoolId: key.schoolId });
      }
      return key;
    });
  }
}
