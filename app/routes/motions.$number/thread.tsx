// The deliberation thread: a form to start a new post, then every post with its replies nested.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { FormErrors, RadioGroup, SubmitButton, TextArea } from "~/components/form";
import type { FormReply } from "~/lib/forms.server";
import { intents, messagesOf, newPostSchema, replyFor, validateTiming } from "./form-schemas";
import { type PostData, PostItem } from "./post";
import { stanceOptions } from "./post-forms";
import type { PageData } from "./route";

function NewPostForm({ reply }: { reply: FormReply | undefined }) {
  const [form, fields] = useForm<z.input<typeof newPostSchema>>({
    id: "new-post",
    lastResult: replyFor(reply, intents.post),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newPostSchema }),
    ...validateTiming,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="panel wash">
      <input type="hidden" name="intent" value={intents.post} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <RadioGroup
        meta={fields.stance}
        legend="Where do you stand?"
        options={stanceOptions}
        inline
      />
      <TextArea
        meta={fields.body}
        label="Your post"
        hint="Everyone can read the discussion. You can edit or delete your post later; edits keep the earlier version."
        rows={5}
      />
      <SubmitButton intent={intents.post} pendingText="Posting…">
        Post
      </SubmitButton>
    </Form>
  );
}

export function Thread({
  page,
  reply,
  signedIn,
  signInHref,
}: {
  page: PageData;
  reply: FormReply | undefined;
  signedIn: boolean;
  signInHref: string;
}) {
  const childrenOf = new Map<number | null, PostData[]>();
  for (const post of page.posts) {
    const siblings = childrenOf.get(post.parentId) ?? [];
    siblings.push(post);
    childrenOf.set(post.parentId, siblings);
  }
  const render = (post: PostData) => {
    const children = childrenOf.get(post.id) ?? [];
    return (
      <PostItem
        key={post.id}
        post={post}
        page={page}
        reply={reply}
        sent={sent}
        replies={children.length ? <ol aria-label={`Replies to ${post.deletedAt ? "a deleted post" : post.authorName}`}>{children.map(render)}</ol> : null}
      />
    );
  };
  const roots = childrenOf.get(null) ?? [];
  const sent = page.posts.filter((p) => p.mine).length;
  const closed = page.motion.status === "withdrawn" || page.motion.status === "lapsed";
  return (
    <section id="discussion" aria-labelledby="discussion-heading">
      <h2 id="discussion-heading">Discussion</h2>
      <p className="hint">
        Members, the chair and the commissioners this motion is addressed to can take part. Please be kind: people here
        share their own experience.
      </p>
      {page.can.post ? (
        // Empties once the reader's own post is in, and only then: others' posts arriving live
        // must not wipe what the reader is half-way through writing.
        <NewPostForm key={sent} reply={reply} />
      ) : (
        <>
          <FormErrors id="new-post-errors" errors={messagesOf(replyFor(reply, intents.post))} />
          {closed ? (
            <p>{`The discussion is closed because this motion was ${page.motion.status}.`}</p>
          ) : !signedIn ? (
            <p>
              <a href={signInHref}>Sign in</a> to take part in the discussion.
            </p>
          ) : null}
        </>
      )}
      {roots.length ? (
        <ol className="thread">{roots.map(render)}</ol>
      ) : (
        <p className="empty">Nobody has posted yet.{page.can.post ? " You could start the discussion." : ""}</p>
      )}
    </section>
  );
}
