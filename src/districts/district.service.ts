import type { DataSource } from 'typeorm';
import { ApiKeyService } from '../auth/api-key.service';
import { ApiRole } from '../auth/api-role';
import { newId } from '../db/ids';
import { isUniqueViolation } from '../db/postgres-errors';
import type { Actor } from '../tenancy/actor';
import { TenantScope } from '../tenancy/tenant-scope';
import { assertValid } from '../validation/assert-valid';
import { slugTaken } from './district.errors';
import { District } from './district.entity';
import { CreateDistrictInput } from './district.inputs';

export interface CreatedDistrict {
  district: District;
  /** A DISTRICT_ADMIN key, shown once. */
  adminKey: string;
}

export class DistrictService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly apiKeys: ApiKeyService,
  ) {}

  /** Creates a district and its first DISTRICT_ADMIN key in one transaction. `actorFor` names who did it. */
  async create(input: CreateDistrictInput, actorFor: (districtId: string) => Actor): Promise<CreatedDistrict> {
    const candidate = Object.assign(new CreateDistrictInput(), {
      ...input,
      name: input.name?.trim(),
      slug: input.slug?.trim().toLowerCase(),
      emailDomains: (input.emailDomains ?? []).map((domain) => domain.trim().toLowerCase()).filter(Boolean),
    });
    await assertValid(candidate, '');
    if (await this.dataSource.manager.existsBy(District, { slug: candidate.slug })) throw slugTaken(candidate.slug);

    const district = Object.assign(new District(), {
      id: newId(),
      name: candidate.name,
      slug: candidate.slug,
      emailDomains: [...new Set(candidate.emailDomains)],
      websiteUrl: candidate.websiteUrl ?? null,
      policyProfileId: candidate.policyProfileId,
      policyOverrides: {},
      timeZone: candidate.timeZone ?? 'UTC',
    });
    try {
      return await this.dataSource.transaction(async (manager) => {
        await manager.insert(District, district);
        const actor = actorFor(district.id);
        return TenantScope.runAudited(actor, manager, null, async (scope) => {
          scope.audit({ action: 'district.create', targetType: 'District', targetId: district.id, after: district });
          const { key } = await this.apiKeys.create(scope, { role: ApiRole.DISTRICT_ADMIN, label: 'district admin (created with the district)' });
          return { district: await manager.findOneByOrFail(District, { id: district.id }), adminKey: key };
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw slugTaken(candidate.slug);
      throw error;
    }
  }

  async findBySlug(slug: string): Promise<District | null> {
    return this.dataSource.manager.findOneBy(District, { slug: slug.trim().toLowerCase() });
  }

  async count(): Promise<number> {
    return this.dataSource.manager.count(District);
  }
}
