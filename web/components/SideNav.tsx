import type { ComponentType, SVGProps } from 'react';
import { NavLink } from 'react-router-dom';
import type { UserRole } from '../../server/domain.js';
import { useAuth } from '../lib/auth.js';
import { useFilters } from '../lib/filters.js';
import {
  CompareIcon,
  ConversationsIcon,
  DeflectionIcon,
  EscalationIcon,
  IngestIcon,
  OverviewIcon,
  ReviewIcon,
  UserIcon,
  VipIcon,
  WeeklyIcon,
} from './Icons.js';
import { UserMenu } from './UserMenu.js';

interface NavItem {
  to: string;
  label: string;
  icon: ComponentType<SVGProps<SVGSVGElement>>;
  /** Shown only to this role and above (the server still checks). */
  minRole?: UserRole;
}

const SECTIONS: { title: string; items: NavItem[] }[] = [
  {
    title: 'Analytics',
    items: [
      { to: '/', label: 'Overview', icon: OverviewIcon },
      { to: '/ai-vs-human', label: 'AI vs Human', icon: CompareIcon },
      { to: '/deflection', label: 'Deflection', icon: DeflectionIcon },
      { to: '/escalations', label: 'Escalation gaps', icon: EscalationIcon },
      { to: '/vip', label: 'VIP failures', icon: VipIcon },
      { to: '/conversations', label: 'Conversations', icon: ConversationsIcon },
    ],
  },
  {
    title: 'Quality',
    items: [
      { to: '/review', label: 'Review queue', icon: ReviewIcon },
      { to: '/reviews/mine', label: 'My reviews', icon: UserIcon, minRole: 'reviewer' },
      { to: '/weekly', label: 'Weekly summary', icon: WeeklyIcon },
    ],
  },
  { title: 'Data', items: [{ to: '/ingestion', label: 'Ingestion', icon: IngestIcon }] },
];

function linkClass({ isActive }: { isActive: boolean }): string {
  const base =
    'group flex items-center gap-3 rounded-tremor-small px-3 py-2 text-tremor-default font-medium transition-colors';
  return isActive
    ? `${base} bg-tremor-brand-faint text-tremor-brand-emphasis`
    : `${base} text-tremor-content-emphasis hover:bg-tremor-background-subtle hover:text-tremor-content-strong`;
}

/** The left navigation. Links carry the current filters, so a view survives moving between pages. */
export function SideNav() {
  const { search } = useFilters();
  const { can } = useAuth();
  return (
    <nav aria-label="Main" className="flex h-full flex-col gap-6 px-3 py-6">
      <div className="flex flex-1 flex-col gap-5">
        {SECTIONS.map((section) => (
          <div key={section.title}>
            <p className="px-3 pb-1.5 text-xs font-semibold uppercase tracking-wider text-tremor-content-subtle">
              {section.title}
            </p>
            <ul className="space-y-0.5">
              {section.items.filter((item) => !item.minRole || can(item.minRole)).map(({ to, label, icon: Icon }) => (
                <li key={to}>
                  <NavLink to={{ pathname: to, search }} end={to === '/'} className={linkClass}>
                    <Icon className="h-5 w-5 shrink-0 opacity-80" />
                    {label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      <UserMenu />
    </nav>
  );
}
