/**
 * Page-size and offset caps for GraphQL, checked before anything runs. Ponder caps `limit` at
 * 1000 only when it resolves that list, so one oversized nested list still answered 200 with
 * partial data; `offset` had no cap at all (a deep OFFSET scans every skipped row). This reads
 * every `limit:` / `offset:` argument of the document — literals, variables and variable
 * defaults — with a small GraphQL lexer, so it needs no parser dependency. A document it cannot
 * lex is left to the GraphQL server, which rejects it with a syntax error anyway.
 */

type Token = { kind: "punct" | "name" | "int" | "float" | "string"; value: string };

const PUNCTUATORS = new Set(["!", "$", "&", "(", ")", ":", "=", "@", "[", "]", "{", "|", "}"]);

/** GraphQL lexical grammar (spec §2.1); undefined when the source is not valid GraphQL. */
export function lex(source: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const ch = source[i]!;
    if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r" || ch === "," || ch === "\uFEFF") {
      i++;
    } else if (ch === "#") {
      while (i < n && source[i] !== "\n" && source[i] !== "\r") i++;
    } else if (PUNCTUATORS.has(ch)) {
      tokens.push({ kind: "punct", value: ch });
      i++;
    } else if (ch === "." && source.startsWith("...", i)) {
      tokens.push({ kind: "punct", value: "..." });
      i += 3;
    } else if (/[_A-Za-z]/.test(ch)) {
      const start = i;
      while (i < n && /[_0-9A-Za-z]/.test(source[i]!)) i++;
      tokens.push({ kind: "name", value: source.slice(start, i) });
    } else if (ch === "-" || /[0-9]/.test(ch)) {
      const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(source.slice(i, i + 400));
      if (!m) return undefined;
      tokens.push({ kind: m[2] || m[3] ? "float" : "int", value: m[0] });
      i += m[0].length;
    } else if (source.startsWith('"""', i)) {
      const start = i;
      i += 3;
      for (;;) {
        if (i >= n) return undefined;
        if (source.startsWith('\\"""', i)) i += 4;
        else if (source.startsWith('"""', i)) break;
        else i++;
      }
      i += 3;
      tokens.push({ kind: "string", value: source.slice(start, i) });
    } else if (ch === '"') {
      const start = i;
      i++;
      for (;;) {
        if (i >= n || source[i] === "\n" || source[i] === "\r") return undefined;
        if (source[i] === "\\") i += 2;
        else if (source[i] === '"') break;
        else i++;
      }
      i++;
      tokens.push({ kind: "string", value: source.slice(start, i) });
    } else {
      return undefined;
    }
  }
  return tokens;
}

export interface PaginationCaps {
  maxLimit: number;
  maxOffset: number;
}

/**
 * The first `limit` or `offset` argument over its cap (or negative), as a message for the
 * caller; undefined when every one is within bounds.
 */
export function checkPagination(query: string, variables: Record<string, unknown> | null | undefined, caps: PaginationCaps): string | undefined {
  const tokens = lex(query);
  if (!tokens) return undefined; // the GraphQL server reports the syntax error

  // Variable definitions with an Int default: ($n: Int = 5000).
  const defaults = new Map<string, string>();
  for (let i = 0; i + 3 < tokens.length; i++) {
    if (tokens[i]!.value !== "$" || tokens[i + 1]!.kind !== "name" || tokens[i + 2]!.value !== ":") continue;
    let j = i + 3;
    while (j < tokens.length && (tokens[j]!.kind === "name" || ["[", "]", "!"].includes(tokens[j]!.value))) j++;
    if (tokens[j]?.value === "=" && tokens[j + 1]?.kind === "int") defaults.set(tokens[i + 1]!.value, tokens[j + 1]!.value);
  }

  for (let i = 0; i + 2 < tokens.length; i++) {
    const name = tokens[i]!;
    if (name.kind !== "name" || (name.value !== "limit" && name.value !== "offset")) continue;
    if (tokens[i - 1]?.value === "$" || tokens[i + 1]!.value !== ":") continue; // a variable, or an alias
    const arg = tokens[i + 2]!;
    let value: unknown;
    let source: string;
    if (arg.kind === "int") {
      value = Number(arg.value);
      source = arg.value;
    } else if (arg.value === "$" && tokens[i + 3]?.kind === "name") {
      const variable = tokens[i + 3]!.value;
      value = variables?.[variable] ?? (defaults.has(variable) ? Number(defaults.get(variable)) : undefined);
      source = `$${variable} = ${JSON.stringify(value)}`;
    } else {
      continue; // not an Int: the GraphQL server rejects the type
    }
    if (typeof value !== "number" || !Number.isFinite(value)) continue;
    if (value < 0) return `Invalid ${name.value} ${source}: must not be negative`;
    if (name.value === "limit" && value > caps.maxLimit) {
      return `Invalid limit ${source}: at most ${caps.maxLimit} items per page; fetch further pages with "after: pageInfo.endCursor"`;
    }
    if (name.value === "offset" && value > caps.maxOffset) {
      return `Invalid offset ${source}: at most ${caps.maxOffset}; page deeper with "after: pageInfo.endCursor" instead`;
    }
  }
  return undefined;
}
