// "There is a problem" at the top of a long page with many forms. Without JavaScript a failed
// form comes back as a fresh page scrolled to the top, with its errors far below beside the
// form; this says what went wrong and links to the form, so nobody is left thinking nothing
// happened. With JavaScript the form's own errors take focus as well.
import type { SubmissionResult } from "@conform-to/react";
import { messagesOf } from "~/lib/form-reply";

export function ErrorSummary({ result, href }: { result: SubmissionResult<string[]> | undefined; href: string }) {
  const messages = [...new Set(messagesOf(result))];
  if (!messages.length) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-heading">
      <h2 id="error-summary-heading">There is a problem</h2>
      <ul>
        {messages.map((message) => (
          <li key={message}>
            <a href={href}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
