import { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { ApiRole } from '../auth/api-role';
import { AppError } from '../errors/app-errors';
import type { Logger } from '../logging/logger';
import { safeError } from '../logging/safe-error';
import type { Services } from '../services';
import { TenantScope } from '../tenancy/tenant-scope';
import { validateFindingFilter } from './finding-filter-query';
import type { FindingView } from './finding.types';

const READERS = new Set<ApiRole>([ApiRole.DISTRICT_ADMIN, ApiRole.PRINCIPAL, ApiRole.VIEWER]);

const COLUMNS: Array<[string, (finding: FindingView) => unknown]> = [
  ['finding_id', (finding) => finding.id],
  ['account_id', (finding) => finding.accountId],
  ['school_id', (finding) => finding.schoolId],
  ['rule_id', (finding) => finding.ruleId],
  ['title', (finding) => finding.title],
  ['severity', (finding) => finding.severity],
  ['state', (finding) => finding.state],
  ['status', (finding) => finding.status],
  ['exempt_until', (finding) => finding.exemptUntil?.toISOString()],
  ['message', (finding) => finding.message],
  ['first_seen_at', (finding) => finding.firstSeenAt.toISOString()],
  ['last_seen_at', (finding) => finding.lastSeenAt.toISOString()],
  ['resolved_at', (finding) => finding.resolvedAt?.toISOString()],
  ['reopened_count', (finding) => finding.reopenedCount],
];

/** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs a cell as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== String(value) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * GET /exports/findings.csv and /exports/findings.json, for board reports: the same filters as the `findings`
 * query (as query parameters), the caller's district and (for a principal) school only, streamed in chunks.
 */
export function findingsExportRoutes(dependencies: { dataSource: DataSource; services: Services; logger: Logger }): Router {
  const router = Router();
  router.get('/exports/findings.:format', async (request: Request, response: Response) => {
    const format = request.params.format;
    try {
      if (format !== 'csv' && format !== 'json') return void response.status(404).json({ error: { code: 'NOT_FOUND', message: 'Use findings.csv or findings.json.' } });
      const actor = await dependencies.services.apiKeys.authenticate(request.headers.authorization);
      if (!READERS.has(actor.role)) return void response.status(403).json({ error: { code: 'FORBIDDEN', message: 'This key may not export findings.' } });
      const filter = await validateFindingFilter(request.query as Record<string, unknown>);
      const scope = new TenantScope(actor, dependencies.dataSource.manager);
      const stamp = new Date().toISOString().slice(0, 10);
      response.setHeader('cache-control', 'no-store');
      response.setHeader('content-disposition', `attachment; filename="findings-${stamp}.${format}"`);
      response.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json');
      let first = true;
      response.write(format === 'csv' ? COLUMNS.map(([name]) => name).join(',') + '\r\n' : '[');
      for await (const chunk of dependencies.services.findings.all(scope, filter)) {
        for (const finding of chunk) {
          if (format === 'csv') response.write(COLUMNS.map(([, value]) => csvCell(value(finding))).join(',') + '\r\n');
          else {
            response.write((first ? '' : ',') + JSON.stringify(finding));
            first = false;
          }
        }
      }
      response.end(format === 'csv' ? '' : ']');
    } catch (error) {
      if (response.headersSent) {
        dependencies.logger.error({ error: safeError(error) }, 'findings export failed midway');
        return void response.destroy();
      }
      if (error instanceof AppError) {
        const code = String(error.extensions.code);
        const status = code === 'UNAUTHENTICATED' ? 401 : code === 'BAD_USER_INPUT' ? 400 : 403;
        return void response.status(status).json({ error: { code, message: error.message, fields: error.extensions.fields } });
      }
      dependencies.logger.error({ error: safeError(error) }, 'findings export failed');
      response.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error.' } });
    }
  });
  return router;
}
