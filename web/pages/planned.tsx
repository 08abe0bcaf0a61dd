import { useParams } from 'react-router-dom';
import { HandledByLegend } from '../components/HandledByLegend.js';
import { PlannedPage } from './PlannedPage.js';

/*
 * The CX manager's and reviewer's pages, waiting for the metrics and conversations APIs.
 * Each one says what it will show, in one line, and shows no numbers until real ones exist.
 */

export function OverviewPage() {
  return (
    <PlannedPage
      title="Overview"
      description="How the AI and your agents are doing, at a glance."
      willShow="Conversation volume, the AI / human / hybrid split, deflection, CSAT and VIP failures for the filtered period will appear here once this page is connected to the metrics API."
    >
      <div className="flex items-center gap-3 text-tremor-default text-tremor-content">
        <span>Colour key used across Tandem:</span>
        <HandledByLegend />
      </div>
    </PlannedPage>
  );
}

export function AiVsHumanPage() {
  return (
    <PlannedPage
      title="AI vs Human"
      description="An honest comparison: raw and mix-adjusted CSAT, repeat contacts and resolution time."
      willShow="CSAT per handled-by with 95 % confidence intervals, the topic-mix-adjusted AI CSAT, repeat contact and resolution time will appear here once this page is connected to the metrics API."
    />
  );
}

export function DeflectionPage() {
  return (
    <PlannedPage
      title="Deflection"
      description="How many AI-started conversations the AI resolved without a person."
      willShow="Containment rate, resolved deflection (no repeat contact) and handoff rate will appear here once this page is connected to the metrics API."
    />
  );
}

export function EscalationsPage() {
  return (
    <PlannedPage
      title="Escalation gaps"
      description="Where the AI should have handed over to a person, and how late it did."
      willShow="Escalation triggers by kind, missed and late escalations and the median gap in turns will appear here once this page is connected to the metrics API."
    />
  );
}

export function VipPage() {
  return (
    <PlannedPage
      title="VIP failures"
      description="VIP conversations that went wrong, and why."
      willShow="VIP conversations with low CSAT, a negative end, a missed escalation or a repeat contact will be listed here once this page is connected to the conversations API."
    />
  );
}

export function ReviewPage() {
  return (
    <PlannedPage
      title="Review queue"
      description="Transcripts to review, riskiest first."
      willShow="A risk-ordered queue of conversations to review and flag will appear here once this page is connected to the conversations and flags APIs."
    />
  );
}

export function WeeklyPage() {
  return (
    <PlannedPage
      title="Weekly summary"
      description="One page per ISO week with week-over-week changes, for the leadership update."
      willShow="The weekly summary and its Markdown, CSV, JSON and PDF downloads will appear here once this page is connected to the reports API."
    />
  );
}

export function ConversationPage() {
  const { id = '' } = useParams();
  return (
    <PlannedPage
      title={`Conversation ${id}`}
      description="The transcript with per-message sentiment and escalation triggers."
      willShow="This conversation's transcript, sentiment, escalation triggers and flags will appear here once this page is connected to the conversations API."
    />
  );
}
