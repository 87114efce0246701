export interface TenantOwnership {
  /**
   * The property holding the row's school id, for rows a PRINCIPAL sees only when they belong to its school
   * ('id' for the School entity itself). Rows without a school (district-wide) are hidden from principals.
   */
  school?: string;
  /**
   * For rows with no school of their own: the parent row that has one (an admin belongs to an account). A
   * PRINCIPAL sees such a row only when it sees the parent.
   */
  via?: { parent: () => Function; key: string };
}

const ownershipByEntity = new Map<Function, TenantOwnership>();

/** Marks an entity as belonging to one district (a `districtId` column). TenantScope refuses any other entity. */
export function TenantOwned(ownership: TenantOwnership = {}): ClassDecorator {
  return (target) => {
    ownershipByEntity.set(target, ownership);
  };
}

export function tenantOwnership(entity: Function): TenantOwnership | undefined {
  return ownershipByEntity.get(entity);
}
