import type { Services } from '../services';
import type { Actor } from '../tenancy/actor';
import type { TenantScope } from '../tenancy/tenant-scope';
import type { Loaders } from './loaders';

/** What every resolver receives. `scope` is the only door to tenant data. */
export interface GraphQLContext {
  requestId: string;
  actor: Actor;
  scope: TenantScope;
  loaders: Loaders;
  services: Services;
}
