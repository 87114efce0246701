/**
 * Does a link point at a given site? (profile.website-link)
 *
 * Links are parsed with the WHATWG URL parser (what browsers do), leniently: "school.ca/news" and
 * "//school.ca" get https. Only http and https count; javascript:, data:, mailto: and other schemes never match.
 * Hosts are compared after lower-casing, IDN → punycode (so a Cyrillic "ѕchool.ca" is "xn--...", not
 * "school.ca"), dropping one trailing dot and one leading "www.". Hosts must be equal: a subdomain, a
 * longer name or a prefix ("school.ca.evil.com", "evil-school.ca", "notschool.ca") is another site. A link with
 * userinfo ("https://school.ca@evil.com", whose host is evil.com) never matches. Scheme, ports 80/443,
 * trailing slash, query, fragment and letter case of the path are ignored; the link's path must be the site's
 * path or below it, segment by segment ("/mrs" accepts "/mrs/news", not "/mrsx").
 */

export interface ParsedLink {
  /** Comparable host: lower case, punycode, no trailing dot, one leading "www." removed. */
  host: string;
  /** '' for the scheme's default port (and for 80/443 whatever the scheme). */
  port: string;
  /** Path segments, percent-decoded, lower case, empty segments dropped. */
  segments: string[];
}

const MAX_LINK_LENGTH = 4096;
/** "name:" at the start: a scheme, unless digits follow (then it is "host:port"). */
const SCHEME = /^([a-z][a-z0-9+.-]*):(?!\d)/i;
const NETWORK_SCHEMES = new Set(['http', 'https']);
const DEFAULT_PORTS = new Set(['', '80', '443']);

/** Parses a link or site as typed in a profile or a setting; null when it is not an http(s) link to a host. */
export function parseLink(candidate: string | null | undefined): ParsedLink | null {
  if (typeof candidate !== 'string') return null;
  const text = candidate.trim();
  if (text === '' || text.length > MAX_LINK_LENGTH) return null;
  const scheme = SCHEME.exec(text);
  if (scheme && !NETWORK_SCHEMES.has(scheme[1].toLowerCase())) return null;
  const absolute = scheme ? text : text.startsWith('//') ? `https:${text}` : `https://${text}`;
  let url: URL;
  try {
    url = new URL(absolute);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  const host = comparableHost(url.hostname);
  if (host === '') return null;
  return { host, port: DEFAULT_PORTS.has(url.port) ? '' : url.port, segments: pathSegments(url.pathname) };
}

/** The host a link points at, as compared (see ParsedLink.host), or null when it is not an http(s) link. */
export function hostOf(candidate: string | null | undefined): string | null {
  return parseLink(candidate)?.host ?? null;
}

/** True when `candidate` points at `site` or a page below it. */
export function siteMatches(candidate: string | null | undefined, site: string | null | undefined): boolean {
  const link = parseLink(candidate);
  const target = parseLink(site);
  return link !== null && target !== null && pointsInto(link, target);
}

/**
 * True when `candidate` matches one of `sites` or one of `acceptedHosts`. An accepted host is matched exactly
 * like a site: "school.ca" (or "www.school.ca", "https://school.ca/") accepts any page on school.ca but not on a
 * subdomain of it; an entry with a path ("d.org/mrs") accepts only that path and below.
 */
export function linkMatchesAny(candidate: string | null | undefined, sites: readonly (string | null | undefined)[], acceptedHosts: readonly string[] = []): boolean {
  const link = parseLink(candidate);
  if (!link) return false;
  return [...sites, ...acceptedHosts].some((site) => {
    const target = parseLink(site);
    return target !== null && pointsInto(link, target);
  });
}

function pointsInto(link: ParsedLink, target: ParsedLink): boolean {
  if (link.host !== target.host || link.port !== target.port) return false;
  if (link.segments.length < target.segments.length) return false;
  return target.segments.every((segment, index) => link.segments[index] === segment);
}

function comparableHost(hostname: string): string {
  let host = hostname.toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.startsWith('www.')) host = host.slice(4);
  return host;
}

function pathSegments(pathname: string): string[] {
  return pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      try {
        return decodeURIComponent(segment).toLowerCase();
      } catch {
        return segment.toLowerCase();
      }
    });
}
