/** An organization's audit log over HTTP, on the organization's permissions (`audit:view`). */
export { auditLogRoutes } from './routes/audit-log-routes.ts';
