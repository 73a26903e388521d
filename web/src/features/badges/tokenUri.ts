/**
 * WorxBadges metadata is rendered on chain: `tokenURI` is `data:application/json;base64,<JSON>`
 * whose `image` is `data:image/svg+xml;base64,<SVG>`. Decoded here without any network request;
 * the image is accepted only as a base64 SVG data URI, so the page shows it in an <img> (where an
 * SVG can run no script) and never injects markup.
 */

export interface BadgeMetadata {
  name: string;
  description: string;
  /** `data:image/svg+xml;base64,…`, checked. */
  image: string;
  attributes: { trait_type: string; value: string | number }[];
}

const JSON_BASE64 = "data:application/json;base64,";
const JSON_PLAIN = "data:application/json,";
const SVG_BASE64 = /^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+={0,2}$/;

function base64ToUtf8(data: string): string {
  const binary = atob(data);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

/** The metadata of a badge from its token URI; throws an Error saying what is wrong. */
export function decodeTokenUri(uri: string): BadgeMetadata {
  let text: string;
  if (uri.startsWith(JSON_BASE64)) text = base64ToUtf8(uri.slice(JSON_BASE64.length));
  else if (uri.startsWith(JSON_PLAIN)) text = decodeURIComponent(uri.slice(JSON_PLAIN.length));
  else throw new Error("The badge's metadata is not an on-chain JSON data URI.");
  const json = JSON.parse(text) as Partial<BadgeMetadata>;
  if (typeof json.image !== "string" || !SVG_BASE64.test(json.image)) throw new Error("The badge's image is not an on-chain SVG.");
  return {
    name: typeof json.name === "string" ? json.name : "Worx badge",
    description: typeof json.description === "string" ? json.description : "",
    image: json.image,
    attributes: Array.isArray(json.attributes) ? json.attributes : [],
  };
}
