// mTLS certificates: uploaded to the org, activated for the org and/or per project.
import type { components } from '../../../src/api/schema';
import { badRequest, notFound } from '../errors';
import { listA, ordered } from '../pagination';
import type { CertificateRec, FakeState } from '../state';
import { opt, parseBody, req, v } from '../validate';
import { certificateView } from '../views';
import { must, requireActiveProject, requireProject } from './common';
import type { RouteDef } from './types';

type S = components['schemas'];

const MAX_CERTIFICATES = 50;
const MAX_TOGGLE = 10;
const toggleBody = { certificate_ids: req(v.array(v.string(), { minItems: 1, maxItems: MAX_TOGGLE })) };

/** Resolves every id first so a toggle is atomic: one unknown id changes nothing. */
function resolveAll(state: FakeState, ids: string[]): CertificateRec[] {
  return ids.map((id, i) => {
    const cert = state.certificates.get(id);
    if (!cert) throw notFound('certificate', id, `certificate_ids[${i}]`);
    return cert;
  });
}

function setProjectActive(cert: CertificateRec, projectId: string, active: boolean): void {
  const others = cert.active_projects.filter((p) => p !== projectId);
  cert.active_projects = active ? [...others, projectId] : others;
}

export const certificateRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/organization/certificates',
    operationId: 'listOrganizationCertificates',
    handler: ({ state, query }) =>
      listA(query, ordered(state.certificates), (c) => certificateView(c, 'organization.certificate', c.active), { defaultLimit: 20, order: { param: true, default: 'desc' } }),
  },
  {
    method: 'POST',
    path: '/organization/certificates',
    operationId: 'uploadCertificate',
    handler: ({ state, body }) => {
      const b = parseBody(body, { name: opt(v.string()), certificate: req(v.string()) });
      if (!/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(b.certificate)) {
        throw badRequest('Invalid certificate: expected a PEM-encoded X.509 certificate.', 'certificate', 'invalid_certificate');
      }
      if (state.certificates.size >= MAX_CERTIFICATES) throw badRequest(`Organizations can upload up to ${MAX_CERTIFICATES} certificates.`, null, 'certificate_limit_reached');
      const now = state.now();
      const cert: CertificateRec = { id: state.newId('cert_'), name: b.name ?? null, created_at: now, valid_at: now - 86_400, expires_at: now + 365 * 86_400, content: b.certificate, active: false, active_projects: [] };
      state.certificates.insert(cert);
      state.audit('certificate.created', { id: cert.id, name: cert.name ?? '' }, { resource: cert.id });
      return certificateView(cert, 'certificate');
    },
  },
  ...(['activate', 'deactivate'] as const).map(
    (action): RouteDef => ({
      method: 'POST',
      path: `/organization/certificates/${action}`,
      operationId: `${action}OrganizationCertificates`,
      handler: ({ state, body }) => {
        const certs = resolveAll(state, parseBody(body, toggleBody).certificate_ids);
        for (const c of certs) c.active = action === 'activate';
        state.audit(`certificates.${action}d`, { certificates: certs.map((c) => ({ id: c.id, name: c.name ?? '' })) });
        return { object: `organization.certificate.${action === 'activate' ? 'activation' : 'deactivation'}` as const, data: certs.map((c) => certificateView(c, 'organization.certificate', c.active)) };
      },
    }),
  ),
  {
    method: 'GET',
    path: '/organization/certificates/{certificate_id}',
    operationId: 'getCertificate',
    handler: ({ state, params, query }) => {
      const include = query.enumArray('include', ['content'] as const) ?? [];
      return certificateView(must(state.certificates, params.certificate_id!, 'certificate', 'certificate_id'), 'certificate', include.includes('content'));
    },
  },
  {
    method: 'POST',
    path: '/organization/certificates/{certificate_id}',
    operationId: 'modifyCertificate',
    handler: ({ state, params, body }) => {
      const cert = must(state.certificates, params.certificate_id!, 'certificate', 'certificate_id');
      const b = parseBody(body, { name: opt(v.string()) });
      if (b.name !== undefined) cert.name = b.name;
      state.audit('certificate.updated', { id: cert.id, name: cert.name ?? '' }, { resource: cert.id });
      return certificateView(cert, 'certificate');
    },
  },
  {
    method: 'DELETE',
    path: '/organization/certificates/{certificate_id}',
    operationId: 'deleteCertificate',
    handler: ({ state, params }) => {
      const cert = must(state.certificates, params.certificate_id!, 'certificate', 'certificate_id');
      if (cert.active || cert.active_projects.length) {
        throw badRequest('The certificate must be inactive for the organization and all projects before it can be deleted.', 'certificate_id', 'certificate_active');
      }
      state.certificates.delete(cert.id);
      state.audit('certificate.deleted', { id: cert.id, name: cert.name ?? '' }, { resource: cert.id });
      return { object: 'certificate.deleted', id: cert.id } satisfies S['DeleteCertificateResponse'];
    },
  },
  {
    method: 'GET',
    path: '/organization/projects/{project_id}/certificates',
    operationId: 'listProjectCertificates',
    handler: ({ state, params, query }) => {
      const projectId = params.project_id!;
      requireProject(state, projectId);
      return listA(query, ordered(state.certificates), (c) => certificateView(c, 'organization.project.certificate', c.active_projects.includes(projectId)), {
        defaultLimit: 20,
        order: { param: true, default: 'desc' },
      });
    },
  },
  ...(['activate', 'deactivate'] as const).map(
    (action): RouteDef => ({
      method: 'POST',
      path: `/organization/projects/{project_id}/certificates/${action}`,
      operationId: `${action}ProjectCertificates`,
      handler: ({ state, params, body }) => {
        const projectId = params.project_id!;
        requireActiveProject(state, projectId);
        const certs = resolveAll(state, parseBody(body, toggleBody).certificate_ids);
        for (const c of certs) setProjectActive(c, projectId, action === 'activate');
        return {
          object: `organization.project.certificate.${action === 'activate' ? 'activation' : 'deactivation'}` as const,
          data: certs.map((c) => certificateView(c, 'organization.project.certificate', c.active_projects.includes(projectId))),
        };
      },
    }),
  ),
];
