import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { AppShell } from './components/AppShell.js';
import { LoadingState } from './components/States.js';
import { LoginPage } from './pages/LoginPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { OverviewPage } from './pages/OverviewPage.js';
import { AuthProvider } from './lib/auth.js';

/*
 * Overview is in the main bundle (it is the landing page and the one timed to its first chart);
 * the other pages load on first visit, so a page's code never delays another's.
 */
const named = <K extends string>(load: () => Promise<Record<K, () => ReactNode>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const AiVsHumanPage = named(() => import('./pages/AiVsHumanPage.js'), 'AiVsHumanPage');
const DeflectionPage = named(() => import('./pages/DeflectionPage.js'), 'DeflectionPage');
const EscalationsPage = named(() => import('./pages/EscalationsPage.js'), 'EscalationsPage');
const VipPage = named(() => import('./pages/VipPage.js'), 'VipPage');
const ConversationsPage = named(() => import('./pages/ConversationsPage.js'), 'ConversationsPage');
const ConversationPage = named(() => import('./pages/ConversationPage.js'), 'ConversationPage');
const IngestionPage = named(() => import('./pages/IngestionPage.js'), 'IngestionPage');
const ReviewQueuePage = named(() => import('./pages/ReviewQueuePage.js'), 'ReviewQueuePage');
const MyReviewsPage = named(() => import('./pages/MyReviewsPage.js'), 'MyReviewsPage');
const WeeklyPage = named(() => import('./pages/WeeklyPage.js'), 'WeeklyPage');

const page = (element: ReactNode) => <Suspense fallback={<LoadingState label="Loading the page…" />}>{element}</Suspense>;

/** The dashboard routes of SPEC 8, plus /conversations: the list every number drills down to. */
export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<AuthProvider><AppShell /></AuthProvider>}>
        <Route index element={<OverviewPage />} />
        <Route path="ai-vs-human" element={page(<AiVsHumanPage />)} />
        <Route path="deflection" element={page(<DeflectionPage />)} />
        <Route path="escalations" element={page(<EscalationsPage />)} />
        <Route path="vip" element={page(<VipPage />)} />
        <Route path="review" element={page(<ReviewQueuePage />)} />
        <Route path="reviews/mine" element={page(<MyReviewsPage />)} />
        <Route path="conversations" element={page(<ConversationsPage />)} />
        <Route path="conversations/:id" element={page(<ConversationPage />)} />
        <Route path="weekly" element={page(<WeeklyPage />)} />
        <Route path="ingestion" element={page(<IngestionPage />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
