// The admin API's wire shapes: snake_case like the config file, absent values as null (unknown is not false).
import type { RegisterEntry } from '../governance/vendor-register.ts';
import type { AuditEvent } from '../pipeline/ports.ts';

export function renderEntry(e: RegisterEntry): Record<string, unknown> {
  const t = e.terms;
  const r = e.review;
  return {
    name: e.name,
    protocol: e.protocol,
    base_url: e.baseUrl,
    region: e.region,
    terms: {
      version: t.version ?? null,
      retention_days: t.retentionDays ?? null,
      trains_on_data: t.trainsOnData ?? null,
      zero_data_retention: t.zeroDataRetention ?? null,
      dpa_signed: t.dpaSigned ?? null,
      subprocessors: t.subprocessors ?? null,
      url: t.url ?? null,
    },
    review: {
      status: r.status,
      reviewer: r.reviewer ?? null,
      date: r.date ?? null,
      expires: r.expires ?? null,
      approved_data: r.approvedData,
      approved_terms_version: r.approvedTermsVersion,
      origin: r.origin,
    },
    effective: {
      status: e.effective.status,
      approved_data: e.effective.approvedData,
      reason: e.effective.reason,
      terms_version: e.effective.termsVersion,
    },
  };
}

export function renderEvent(e: AuditEvent): Record<string, unknown> {
  return { id: e.id, time: new Date(e.time).toISOString(), actor: e.actor, action: e.action, subject: e.subject, before: e.before, after: e.after };
}
