import { ComplianceStatus, SeverityLevel } from '../../src/compliance/compliance.enums';
import type { JudgedRule } from '../../src/compliance/engine';
import { FindingEventType, FindingState } from '../../src/findings/finding.entity';
import { closeFinding, moveFinding } from '../../src/findings/finding-transitions';

const context = { districtId: 'd', accountId: 'a', schoolId: null, snapshotId: 's1', now: new Date('2026-11-22T00:00:00Z') };
const judged = (status: ComplianceStatus): JudgedRule => ({
  ruleId: 'profile.website-link',
  status,
  severity: SeverityLevel.MEDIUM,
  message: 'm',
  evidence: {},
  citations: [],
  remediation: { action: null, steps: [] },
});

describe('finding transitions', () => {
  it('opens on FAIL, refreshes while failing, resolves on PASS or NOT_APPLICABLE, reopens on FAIL', () => {
    const opened = moveFinding(undefined, judged(ComplianceStatus.FAIL), context)!;
    expect([opened.finding.state, opened.event?.type]).toEqual([FindingState.OPEN, FindingEventType.OPENED]);
    const later = { ...context, now: new Date('2026-11-23T00:00:00Z') };
    const seen = moveFinding(opened.finding, judged(ComplianceStatus.FAIL), later)!;
    expect([seen.event, seen.finding.lastSeenAt, seen.finding.firstSeenAt]).toEqual([null, later.now, context.now]);
    for (const status of [ComplianceStatus.MANUAL, ComplianceStatus.ERROR, ComplianceStatus.EXEMPT]) expect(moveFinding(seen.finding, judged(status), later)).toBeNull();
    const resolved = moveFinding(seen.finding, judged(ComplianceStatus.NOT_APPLICABLE), later)!;
    expect([resolved.finding.state, resolved.event?.type]).toEqual([FindingState.RESOLVED, FindingEventType.RESOLVED]);
    expect(moveFinding(resolved.finding, judged(ComplianceStatus.PASS), later)).toBeNull();
    const reopened = moveFinding(resolved.finding, judged(ComplianceStatus.FAIL), later)!;
    expect([reopened.finding.state, reopened.finding.reopenedCount, reopened.finding.id, reopened.event?.type]).toEqual([
      FindingState.OPEN,
      1,
      opened.finding.id,
      FindingEventType.REOPENED,
    ]);
    const closed = closeFinding(reopened.finding, 'switched off', later.now);
    expect([closed.finding.state, closed.event?.type, closed.event?.findingId]).toEqual([FindingState.RESOLVED, FindingEventType.RESOLVED, opened.finding.id]);
  });
});
