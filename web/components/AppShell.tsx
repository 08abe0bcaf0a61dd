import { Link, Outlet, useLocation } from 'react-router-dom';
import { useFilters } from '../lib/filters.js';
import { FilterBar } from './FilterBar.js';
import { LogoMark } from './Icons.js';
import { SideNav } from './SideNav.js';

/** Pages where the global filters do not apply (they act on conversations, not on batches). */
const UNFILTERED_PREFIXES = ['/ingestion', '/conversations/'];

/** Header (product name, global filters), left navigation, and the page. */
export function AppShell() {
  const { pathname } = useLocation();
  const { search } = useFilters();
  const showFilters = !UNFILTERED_PREFIXES.some((prefix) => pathname.startsWith(prefix));
  return (
    <div className="flex min-h-full flex-col">
      <header className="flex min-h-[84px] items-center border-b border-tremor-border bg-tremor-background">
        <Link
          to={{ pathname: '/', search }}
          className="flex w-60 shrink-0 items-center gap-2.5 px-6"
          aria-label="Tandem, overview"
        >
          <LogoMark className="h-8 w-8" />
          <span className="text-lg font-semibold tracking-tight text-tremor-content-strong">Tandem</span>
        </Link>
        <div className="flex-1 px-8 py-3">
          {showFilters ? (
            <FilterBar />
          ) : (
            <p className="text-tremor-default text-tremor-content">
              Filters apply to conversation pages; this page is not filtered.
            </p>
          )}
        </div>
      </header>
      <div className="flex flex-1">
        {/* Sticks once the header has scrolled away, so the navigation is always at hand. */}
        <aside className="w-60 shrink-0 border-r border-tremor-border bg-tremor-background">
          <div className="sticky top-0 max-h-screen overflow-y-auto">
            <SideNav />
          </div>
        </aside>
        <main className="min-w-0 flex-1">
          <div className="mx-auto flex max-w-7xl flex-col gap-6 px-8 py-8">
            <Outlet />
          </div>
        </main>
      </div>
    </div>
  );
}
