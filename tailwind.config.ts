import type { Config } from 'tailwindcss';
import colors from 'tailwindcss/colors';

/**
 * Tremor v3's documented Tailwind 3 set-up: its node_modules in `content`, its design tokens
 * (`tremor-*` colours, shadows, radii, font sizes) and a safelist for the colour classes Tremor
 * builds at run time from a `color` prop (which the content scan cannot see).
 * Tremor 3.18 marks selected tabs and options with `data-[selected]` (Headless UI 2), so that
 * variant stands in for the older `ui-selected` one, whose plugin is not installed here.
 */
const PALETTE =
  '(?:slate|gray|zinc|neutral|stone|red|orange|amber|yellow|lime|green|emerald|teal|cyan|sky|blue|indigo|violet|purple|fuchsia|pink|rose)';
const SHADES = '(?:50|100|200|300|400|500|600|700|800|900|950)';
const colorClasses = (property: string): RegExp => new RegExp(`^(${property}-${PALETTE}-${SHADES})$`);

export default {
  content: {
    relative: true,
    files: ['./web/index.html', './web/**/*.{js,ts,jsx,tsx}', './node_modules/@tremor/**/*.{js,ts,jsx,tsx}'],
  },
  theme: {
    transparent: 'transparent',
    current: 'currentColor',
    extend: {
      colors: {
        tremor: {
          brand: {
            faint: colors.indigo[50],
            muted: colors.indigo[200],
            subtle: colors.indigo[400],
            DEFAULT: colors.indigo[500],
            emphasis: colors.indigo[700],
            inverted: colors.white,
          },
          background: {
            muted: colors.gray[50],
            subtle: colors.gray[100],
            DEFAULT: colors.white,
            emphasis: colors.gray[700],
          },
          border: { DEFAULT: colors.gray[200] },
          ring: { DEFAULT: colors.gray[200] },
          content: {
            subtle: colors.gray[400],
            DEFAULT: colors.gray[500],
            emphasis: colors.gray[700],
            strong: colors.gray[900],
            inverted: colors.white,
          },
        },
        'dark-tremor': {
          brand: {
            faint: '#0B1229',
            muted: colors.indigo[950],
            subtle: colors.indigo[800],
            DEFAULT: colors.indigo[500],
            emphasis: colors.indigo[400],
            inverted: colors.indigo[950],
          },
          background: {
            muted: '#131A2B',
            subtle: colors.gray[800],
            DEFAULT: colors.gray[900],
            emphasis: colors.gray[300],
          },
          border: { DEFAULT: colors.gray[800] },
          ring: { DEFAULT: colors.gray[800] },
          content: {
            subtle: colors.gray[600],
            DEFAULT: colors.gray[500],
            emphasis: colors.gray[200],
            strong: colors.gray[50],
            inverted: colors.gray[950],
          },
        },
      },
      boxShadow: {
        'tremor-input': '0 1px 2px 0 rgb(0 0 0 / 0.05)',
        'tremor-card': '0 1px 3px 0 rgb(0 0 0 / 0.1), 0 1px 2px -1px rgb(0 0 0 / 0.1)',
        'tremor-dropdown': '0 4px 6px -1px rgb(0 0 0 / 0.1), 0 2px 4px -2px rgb(0 0 0 / 0.1)',
        'dark-tremor-input': '0 1px 2px 0 rgb(0 0 0 / 0.05)',
        'dark-tremor-card': '0 1px 3px 0 rgb(0 0 0 / 0.1), 0 1px 2px -1px rgb(0 0 0 / 0.1)',
        'dark-tremor-dropdown': '0 4px 6px -1px rgb(0 0 0 / 0.1), 0 2px 4px -2px rgb(0 0 0 / 0.1)',
      },
      borderRadius: {
        'tremor-small': '0.375rem',
        'tremor-default': '0.5rem',
        'tremor-full': '9999px',
      },
      fontSize: {
        'tremor-label': ['0.75rem', { lineHeight: '1rem' }],
        'tremor-default': ['0.875rem', { lineHeight: '1.25rem' }],
        'tremor-title': ['1.125rem', { lineHeight: '1.75rem' }],
        'tremor-metric': ['1.875rem', { lineHeight: '2.25rem' }],
      },
    },
  },
  safelist: [
    { pattern: colorClasses('bg'), variants: ['hover', 'data-[selected]'] },
    { pattern: colorClasses('text'), variants: ['hover', 'data-[selected]'] },
    { pattern: colorClasses('border'), variants: ['hover', 'data-[selected]'] },
    { pattern: colorClasses('ring'), variants: ['hover', 'data-[selected]'] },
    { pattern: colorClasses('stroke') },
    { pattern: colorClasses('fill') },
  ],
  plugins: [],
} satisfies Config;
