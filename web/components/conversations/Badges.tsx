import { Badge } from '@tremor/react';
import type { EscalationStatus } from '../../../server/domain.js';
import type { VipReason } from '../../lib/api-types.js';
import { ESCALATION_COLOR, ESCALATION_LABEL, VIP_REASON_LABEL } from '../../lib/labels.js';

export function EscalationBadge({ status }: { status: EscalationStatus }) {
  return (
    <Badge color={ESCALATION_COLOR[status]} size="xs">
      {ESCALATION_LABEL[status]}
    </Badge>
  );
}

export function VipReasons({ reasons }: { reasons: readonly VipReason[] }) {
  if (reasons.length === 0) return <span className="text-tremor-content-subtle">—</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {reasons.map((r) => (
        <Badge key={r} color="rose" size="xs">
          {VIP_REASON_LABEL[r]}
        </Badge>
      ))}
    </span>
  );
}
