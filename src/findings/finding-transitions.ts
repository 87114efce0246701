import { newId } from '../db/ids';
import { ComplianceStatus } from '../compliance/compliance.enums';
import type { JudgedRule } from '../compliance/engine';
import { Finding, FindingEvent, FindingEventType, FindingState } from './finding.entity';

export interface FindingChange {
  finding: Finding;
  event: FindingEvent | null;
}

/**
 * How one judgement moves the (account, rule) finding (rules.md): FAIL opens it (or reopens a resolved one,
 * or refreshes an open one's last-seen and evidence); PASS or NOT_APPLICABLE resolves an open one; MANUAL and
 * ERROR leave it as it is: they prove nothing either way. Returns null when nothing changes.
 */
export function moveFinding(
  existing: Finding | undefined,
  judged: JudgedRule,
  context: { districtId: string; accountId: string; schoolId: string | null; snapshotId: string | null; now: Date },
): FindingChange | null {
  const { now } = context;
  const event = (finding: Finding, type: FindingEventType): FindingEvent =>
    Object.assign(new FindingEvent(), {
      id: newId(),
      districtId: context.districtId,
      findingId: finding.id,
      type,
      at: now,
      message: judged.message,
      snapshotId: context.snapshotId,
    });
  if (judged.status === ComplianceStatus.FAIL) {
    if (!existing) {
      const finding = Object.assign(new Finding(), {
        id: newId(),
        districtId: context.districtId,
        accountId: context.accountId,
        schoolId: context.schoolId,
        ruleId: judged.ruleId,
        severity: judged.severity,
        state: FindingState.OPEN,
        message: judged.message,
        evidence: judged.evidence,
        snapshotId: context.snapshotId,
        firstSeenAt: now,
        lastSeenAt: now,
        resolvedAt: null,
        reopenedCount: 0,
      });
      return { finding, event: event(finding, FindingEventType.OPENED) };
    }
    const reopening = existing.state === FindingState.RESOLVED;
    const finding = Object.assign(new Finding(), existing, {
      state: FindingState.OPEN,
      schoolId: context.schoolId,
      severity: judged.severity,
      message: judged.message,
      evidence: judged.evidence,
      snapshotId: context.snapshotId,
      lastSeenAt: now,
      resolvedAt: null,
      reopenedCount: existing.reopenedCount + (reopening ? 1 : 0),
    });
    return { finding, event: reopening ? event(finding, FindingEventType.REOPENED) : null };
  }
  // PASS resolves; so does NOT_APPLICABLE (the rule no longer applies to this account, e.g. it was retired).
  const resolves = judged.status === ComplianceStatus.PASS || judged.status === ComplianceStatus.NOT_APPLICABLE;
  if (resolves && existing?.state === FindingState.OPEN) {
    const finding = Object.assign(new Finding(), existing, { state: FindingState.RESOLVED, resolvedAt: now });
    return { finding, event: event(finding, FindingEventType.RESOLVED) };
  }
  return null;
}

/** Resolves an open finding whose rule is no longer judged at all (switched off by the profile). */
export function closeFinding(existing: Finding, message: string, now: Date): FindingChange {
  const finding = Object.assign(new Finding(), existing, { state: FindingState.RESOLVED, resolvedAt: now });
  const event = Object.assign(new FindingEvent(), {
    id: newId(),
    districtId: existing.districtId,
    findingId: existing.id,
    type: FindingEventType.RESOLVED,
    at: now,
    message,
    snapshotId: null,
  });
  return { finding, event };
}
