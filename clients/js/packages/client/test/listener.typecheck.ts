// Checked by `npm run typecheck` (tsc), not run: a listener over /v1/events typed only by what openapi-typescript
// generated from openapi/v1.json — no hand-written event types.
import type { components } from '../src/generated/v1.js';

type SignalingEvent = components['schemas']['SignalingEvent'];

export function describe(event: SignalingEvent): string {
  switch (event.kind) {
    case 'invitationReceived':
      return `${event.invitation?.inviter.userId} calls (${event.invitation?.mediaType}), ringing until ${event.invitation?.expiresAt}`;
    case 'inviteeAccepted':
    case 'inviteeRejected':
      return `${event.actor.userId} answered ${event.invitationId}: ${event.data ?? ''}`;
    case 'memberJoined':
      return `${event.member?.userId} joined ${event.channel?.name}`;
    default:
      return `#${event.sequence} ${event.kind}`;
  }
}

// @ts-expect-error "ringing" is an invitation status, not an event kind: the generated union must say so.
export const notAKind: SignalingEvent['kind'] = 'ringing';
