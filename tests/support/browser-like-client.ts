// An HTTP client that behaves like a browser without JavaScript: it keeps cookies, sends the
// page's Origin with form posts, and lets the test see each redirect.
export interface PageResponse {
  status: number;
  location: string | null;
  html: string;
  headers: Headers;
}

export class BrowserLikeClient {
  private cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  /** A client already signed in as this person, as if they had used the sign-in form. */
  static async signedIn(baseUrl: string, person: { email: string; password: string }): Promise<BrowserLikeClient> {
    const client = new BrowserLikeClient(baseUrl);
    await client.signIn(person.email, person.password);
    return client;
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private async send(path: string, init: RequestInit): Promise<PageResponse> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", this.cookieHeader());
    const response = await fetch(new URL(path, this.baseUrl), { ...init, headers, redirect: "manual" });
    this.remember(response.headers);
    return {
      status: response.status,
      location: response.headers.get("location"),
      html: await response.text(),
      headers: response.headers,
    };
  }

  get(path: string): Promise<PageResponse> {
    return this.send(path, { method: "GET", headers: { Accept: "text/html" } });
  }

  /** Post a form as a browser would: urlencoded, with this site's Origin. */
  post(path: string, fields: Record<string, string | number>, { origin = this.baseUrl } = {}): Promise<PageResponse> {
    const body = new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)]));
    return this.send(path, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin, Accept: "text/html" },
    });
  }

  /** Follow a redirect (or not) and return the page finally shown. */
  async follow(response: PageResponse): Promise<PageResponse> {
    let current = response;
    for (let hops = 0; current.location && hops < 5; hops++) current = await this.get(current.location);
    return current;
  }

  async signIn(email: string, password: string): Promise<PageResponse> {
    const response = await this.post("/login", { email, password });
    if (response.status !== 302) throw new Error(`sign-in failed with ${response.status}: ${textOf(response.html).slice(0, 300)}`);
    return response;
  }

  hasSession(): boolean {
    return this.cookies.has("parliament_session");
  }
}

/**
 * The page's text as a reader sees it: textOf leaves a space where a tag ended before
 * punctuation (or after an opening quote), which a reader would not see.
 */
export function plain(html: string): string {
  return textOf(html).replace(/ ([.,;:)%”])/g, "$1").replace(/“ /g, "“");
}

/** The HTML of the element with this id, nested elements of the same kind included. */
export function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) throw new Error(`no element with id ${id}`);
  const open = html.lastIndexOf("<", start);
  const tag = /^<(\w+)/.exec(html.slice(open))![1];
  const pattern = new RegExp(`<${tag}[\\s>]|</${tag}>`, "g");
  pattern.lastIndex = open;
  let depth = 0;
  for (let m = pattern.exec(html); m; m = pattern.exec(html)) {
    depth += m[0].startsWith("</") ? -1 : 1;
    if (depth === 0) return html.slice(open, m.index + m[0].length);
  }
  throw new Error(`element ${id} is not closed`);
}

/** The visible text of a page, roughly: tags dropped, entities decoded, whitespace squeezed. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&nbsp;/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
