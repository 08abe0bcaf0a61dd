import { PlannedPage } from './PlannedPage.js';

/*
 * The reviewer's and executive's pages, waiting for the flags and reports APIs.
 * Each one says what it will show, in one line, and shows no numbers until real ones exist.
 */

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
