import { Route, Routes } from 'react-router-dom';
import { AppShell } from './components/AppShell.js';
import { IngestionPage } from './pages/IngestionPage.js';
import { LoginPage } from './pages/LoginPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import {
  AiVsHumanPage,
  ConversationPage,
  DeflectionPage,
  EscalationsPage,
  OverviewPage,
  ReviewPage,
  VipPage,
  WeeklyPage,
} from './pages/planned.js';

/** The dashboard routes of SPEC 8. */
export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<AppShell />}>
        <Route index element={<OverviewPage />} />
        <Route path="ai-vs-human" element={<AiVsHumanPage />} />
        <Route path="deflection" element={<DeflectionPage />} />
        <Route path="escalations" element={<EscalationsPage />} />
        <Route path="vip" element={<VipPage />} />
        <Route path="review" element={<ReviewPage />} />
        <Route path="conversations/:id" element={<ConversationPage />} />
        <Route path="weekly" element={<WeeklyPage />} />
        <Route path="ingestion" element={<IngestionPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
