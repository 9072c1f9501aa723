// One post in the thread, with its replies nested beneath it (<ol> inside <li>). Deleted and
// hidden posts keep their place, so the replies around them still make sense.
import type { ReactNode } from "react";
import { stanceLabels } from "../../../server/domain/schemas/thread";
import { FormErrors } from "~/components/form";
import { When } from "~/components/when";
import type { FormReply } from "~/lib/forms.server";
import { plural } from "~/lib/format";
import { intents, messagesOf, replyFor } from "./form-schemas";
import { DeleteForm, DismissReportsForm, EditForm, HideForm, ReplyForm, ReportForm, RestoreForm } from "./post-forms";
import type { PageData } from "./route";

export type PostData = PageData["posts"][number];

const stanceTone: Record<string, string> = { for: "good", against: "bad", question: "info" };
const roleBadge: Record<string, string> = { chair: "Chair", commissioner: "Commissioner", admin: "Admin" };

/** Which of this post's forms the viewer gets, by intent. */
function formsFor(post: PostData, can: PageData["can"]) {
  const live = post.deletedAt === null && post.hidden === null;
  return {
    [intents.reply]: can.post && live,
    [intents.editPost]: post.mine && live,
    [intents.deletePost]: post.mine && post.deletedAt === null,
    // The chair deals with a post directly rather than reporting it to themselves.
    [intents.reportPost]: can.report && !can.moderate && !post.mine && live && !post.reportedByMe,
    [intents.hidePost]: can.moderate && live,
    [intents.restorePost]: can.moderate && post.deletedAt === null && post.hidden !== null,
    [intents.dismissReports]: can.moderate && post.openReports > 0,
  } as Record<string, boolean>;
}

export function PostItem({
  post,
  page,
  reply,
  sent,
  replies,
}: {
  post: PostData;
  page: PageData;
  reply: FormReply | undefined;
  /** how many posts the reader has written: a new one of theirs empties the reply boxes */
  sent: number;
  replies: ReactNode;
}) {
  const shown = formsFor(post, page.can);
  const resultFor = (intent: string) =>
    replyFor(reply, intent, { field: intent === intents.reply ? "parentId" : "postId", id: post.id });
  // A refusal for a form this viewer does not have (a member trying to hide) shows on the post.
  const stray = reply && reply.intent in shown && !shown[reply.intent] ? messagesOf(resultFor(reply.intent)) : [];
  const deleted = post.deletedAt !== null;
  const concealed = deleted || post.hidden !== null;
  return (
    <li id={`post-${post.id}`}>
      <article className={`post${concealed ? " tombstone" : ""}`} aria-label={deleted ? "Deleted post" : `Post by ${post.authorName}`}>
        <header>
          {deleted ? null : <strong>{post.authorName}</strong>}
          {!deleted && roleBadge[post.authorRole] ? <span className="tag">{roleBadge[post.authorRole]}</span> : null}
          {concealed ? null : (
            <span className={`tag ${stanceTone[post.stance] ?? ""}`}>{stanceLabels[post.stance as keyof typeof stanceLabels]}</span>
          )}
          <a href={`#post-${post.id}`} className="meta">
            <When at={post.createdAt} withTime />
          </a>
          {post.editedAt && !concealed ? (
            <span className="meta">
              edited <When at={post.editedAt} withTime />
            </span>
          ) : null}
        </header>
        {deleted ? (
          <p>This post was deleted by its author.</p>
        ) : post.hidden ? (
          <p>
            <strong>Hidden by the chair:</strong> {post.hidden.reason}
          </p>
        ) : (
          <div className="body">{post.body}</div>
        )}
        {post.revisions.length ? (
          <details id={`history-${post.id}`}>
            <summary>{`Earlier versions (${post.revisions.length})`}</summary>
            <ol>
              {[...post.revisions].reverse().map((r) => (
                <li key={r.replacedAt}>
                  <p className="meta">
                    {stanceLabels[r.stance as keyof typeof stanceLabels]}, replaced <When at={r.replacedAt} withTime />
                  </p>
                  <div className="body">{r.body}</div>
                </li>
              ))}
            </ol>
          </details>
        ) : null}
        {page.can.moderate && post.openReports > 0 ? (
          <p className="warning">
            <strong>{plural(post.openReports, "open report")}</strong> on this post.
          </p>
        ) : null}
        {post.reportedByMe && !post.mine ? <p className="hint">You reported this post. The chair will look at it.</p> : null}
        <FormErrors id={`post-${post.id}-errors`} errors={stray} />
        <div className="post-actions">
          {shown[intents.reply] ? (
            // Keyed by the reader's own posts, so a sent reply's box empties once the page reloads its
            // data, while replies from others arriving live leave a half-written one alone.
            <ReplyForm key={sent} postId={post.id} author={post.authorName} lastResult={resultFor(intents.reply)} />
          ) : null}
          {shown[intents.editPost] ? (
            <EditForm
              key={post.editedAt ?? 0}
              postId={post.id}
              stance={post.stance}
              body={post.body}
              lastResult={resultFor(intents.editPost)}
            />
          ) : null}
          {shown[intents.deletePost] ? <DeleteForm postId={post.id} lastResult={resultFor(intents.deletePost)} /> : null}
          {shown[intents.reportPost] ? (
            <ReportForm postId={post.id} author={post.authorName} lastResult={resultFor(intents.reportPost)} />
          ) : null}
          {shown[intents.hidePost] ? (
            <HideForm postId={post.id} author={post.authorName} lastResult={resultFor(intents.hidePost)} />
          ) : null}
          {shown[intents.restorePost] ? <RestoreForm postId={post.id} lastResult={resultFor(intents.restorePost)} /> : null}
          {shown[intents.dismissReports] ? (
            <DismissReportsForm postId={post.id} lastResult={resultFor(intents.dismissReports)} />
          ) : null}
        </div>
      </article>
      {replies}
    </li>
  );
}
