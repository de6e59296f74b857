// Org invites. An accepted invite is history and cannot be deleted (409).
import { badRequest, conflict } from '../errors';
import { listA, ordered } from '../pagination';
import type { InviteRec } from '../state';
import { opt, parseBody, req, v } from '../validate';
import { inviteView } from '../views';
import { deleted, must } from './common';
import type { RouteDef } from './types';

const DAY = 86_400;

export const inviteRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/organization/invites',
    operationId: 'list-invites',
    handler: ({ state, query }) => listA(query, ordered(state.invites), inviteView, { defaultLimit: 20 }),
  },
  {
    method: 'POST',
    path: '/organization/invites',
    operationId: 'inviteUser',
    handler: ({ state, body }) => {
      const b = parseBody(body, {
        email: req(v.string({ minLength: 3 })),
        role: req(v.enum(['reader', 'owner'] as const)),
        projects: opt(v.array(v.object({ id: req(v.string()), role: req(v.enum(['member', 'owner'] as const)) }))),
      });
      if (!/^[^\s@]+@[^\s@]+$/.test(b.email)) throw badRequest(`Invalid email address: '${b.email}'.`, 'email', 'invalid_email');
      const email = b.email.toLowerCase();
      if (state.users.find((u) => u.email.toLowerCase() === email)) throw conflict(`'${b.email}' is already a member of the organization.`, 'email');
      if (state.invites.find((i) => i.status === 'pending' && i.email.toLowerCase() === email)) throw conflict(`A pending invite for '${b.email}' already exists.`, 'email');
      (b.projects ?? []).forEach((p, i) => {
        const project = state.projects.get(p.id);
        if (!project) throw badRequest(`No such project: '${p.id}'.`, `projects[${i}].id`, 'not_found');
        if (project.status === 'archived') throw badRequest(`Project is archived: '${p.id}'.`, `projects[${i}].id`, 'project_archived');
      });
      const now = state.now();
      const invite: InviteRec = { id: state.newId('invite-'), email: b.email, role: b.role, status: 'pending', created_at: now, expires_at: now + 7 * DAY, accepted_at: null, projects: b.projects ?? [] };
      state.invites.insert(invite);
      state.audit('invite.sent', { id: invite.id, data: { email: invite.email, role: invite.role } }, { resource: invite.id });
      return inviteView(invite);
    },
  },
  {
    method: 'GET',
    path: '/organization/invites/{invite_id}',
    operationId: 'retrieve-invite',
    handler: ({ state, params }) => inviteView(must(state.invites, params.invite_id!, 'invite', 'invite_id')),
  },
  {
    method: 'DELETE',
    path: '/organization/invites/{invite_id}',
    operationId: 'delete-invite',
    handler: ({ state, params }) => {
      const invite = must(state.invites, params.invite_id!, 'invite', 'invite_id');
      if (invite.status === 'accepted') throw conflict(`Invite '${invite.id}' has already been accepted and cannot be deleted.`, 'invite_id');
      state.invites.delete(invite.id);
      state.audit('invite.deleted', { id: invite.id }, { resource: invite.id });
      return deleted('organization.invite.deleted', invite.id);
    },
  },
];
