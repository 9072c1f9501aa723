// A search snippet with its matched words marked. The database wraps each match in two control
// characters (see db/search.ts); here they become <mark> elements and everything else stays
// text, so React escapes it: no stored words can ever turn into markup.
const START = "\u0002";
const END = "\u0003";

/** The snippet as runs of plain and matched text. Unbalanced marks never leak through. */
export function snippetParts(snippet: string): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  let marked = false;
  let text = "";
  const flush = () => {
    if (text) parts.push({ text, marked });
    text = "";
  };
  for (const char of snippet) {
    if (char === START || char === END) {
      flush();
      marked = char === START;
    } else {
      text += char;
    }
  }
  flush();
  return parts;
}

export function Highlight({ snippet }: { snippet: string }) {
  return (
    <>
      {snippetParts(snippet).map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : part.text))}
    </>
  );
}
