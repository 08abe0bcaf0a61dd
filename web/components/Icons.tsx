import type { ReactElement, SVGProps } from 'react';

/** Small outline icons drawn inline (no icon font or CDN). 24x24 viewBox, currentColor stroke. */
type IconProps = SVGProps<SVGSVGElement>;

function Outline({ children, ...props }: IconProps & { children: ReactElement | ReactElement[] }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      {...props}
    >
      {children}
    </svg>
  );
}

export const OverviewIcon = (p: IconProps) => (
  <Outline {...p}>
    <rect x="3" y="3" width="7" height="9" rx="1.5" />
    <rect x="14" y="3" width="7" height="5" rx="1.5" />
    <rect x="14" y="12" width="7" height="9" rx="1.5" />
    <rect x="3" y="16" width="7" height="5" rx="1.5" />
  </Outline>
);

export const CompareIcon = (p: IconProps) => (
  <Outline {...p}>
    <circle cx="9" cy="12" r="5.5" />
    <circle cx="15" cy="12" r="5.5" />
  </Outline>
);

export const DeflectionIcon = (p: IconProps) => (
  <Outline {...p}>
    <path d="M4 19 L11 12 L4 5" />
    <path d="M11 12 H20" />
    <path d="M16 8 L20 12 L16 16" />
  </Outline>
);

export const EscalationIcon = (p: IconProps) => (
  <Outline {...p}>
    <path d="M12 3 L21.5 19.5 H2.5 Z" />
    <path d="M12 10 V14" />
    <path d="M12 17 V17.2" />
  </Outline>
);

export const VipIcon = (p: IconProps) => (
  <Outline {...p}>
    <path d="M12 3.5 L14.6 8.9 L20.5 9.6 L16.2 13.7 L17.3 19.6 L12 16.8 L6.7 19.6 L7.8 13.7 L3.5 9.6 L9.4 8.9 Z" />
  </Outline>
);

export const ReviewIcon = (p: IconProps) => (
  <Outline {...p}>
    <rect x="4" y="3" width="16" height="18" rx="2" />
    <path d="M8 8 H16" />
    <path d="M8 12 H16" />
    <path d="M8 16 H12" />
  </Outline>
);

export const WeeklyIcon = (p: IconProps) => (
  <Outline {...p}>
    <rect x="3" y="5" width="18" height="16" rx="2" />
    <path d="M3 10 H21" />
    <path d="M8 3 V7" />
    <path d="M16 3 V7" />
  </Outline>
);

export const IngestIcon = (p: IconProps) => (
  <Outline {...p}>
    <path d="M12 15 V3" />
    <path d="M7 8 L12 3 L17 8" />
    <path d="M4 15 V19 A2 2 0 0 0 6 21 H18 A2 2 0 0 0 20 19 V15" />
  </Outline>
);

export const UserIcon = (p: IconProps) => (
  <Outline {...p}>
    <circle cx="12" cy="8" r="4" />
    <path d="M4 21 C4 16.5 7.6 14 12 14 C16.4 14 20 16.5 20 21" />
  </Outline>
);

export const LogoMark = (p: IconProps) => (
  <svg viewBox="0 0 32 32" aria-hidden="true" {...p}>
    <rect width="32" height="32" rx="8" fill="#4f46e5" />
    <circle cx="12" cy="16" r="6" fill="none" stroke="#fff" strokeWidth="3" />
    <circle cx="20" cy="16" r="6" fill="none" stroke="#c7d2fe" strokeWidth="3" />
  </svg>
);

export const ConversationsIcon = (p: IconProps) => (
  <Outline {...p}>
    <path d="M4 5 H16 A2 2 0 0 1 18 7 V13 A2 2 0 0 1 16 15 H9 L5 18.5 V15 H4 A2 2 0 0 1 2 13 V7 A2 2 0 0 1 4 5 Z" />
    <path d="M18 9 H20 A2 2 0 0 1 22 11 V16 A2 2 0 0 1 20 18 H19 V21 L15.5 18 H12" />
  </Outline>
);
