// Meanings of the well-known claims, for the claims table. The registered
// claims are RFC 7519 §4.1; the others come from OpenID Connect Core 1.0 and
// the OAuth specifications named in each entry.

export type ClaimValueType =
  'string' | 'audience' | 'numeric-date' | 'boolean' | 'string-array' | 'object' | 'any';

export type ClaimGroup = 'registered' | 'oidc' | 'oauth';

export interface ClaimInfo {
  readonly description: string;
  readonly source: string;
  readonly group: ClaimGroup;
  readonly type: ClaimValueType;
}

function claim(
  group: ClaimGroup,
  type: ClaimValueType,
  source: string,
  description: string,
): ClaimInfo {
  return { group, type, source, description };
}

const OIDC_ID_TOKEN = 'OpenID Connect Core 1.0 §2';
const OIDC_STANDARD = 'OpenID Connect Core 1.0 §5.1';

export const CLAIM_CATALOG: Readonly<Record<string, ClaimInfo>> = {
  iss: claim(
    'registered',
    'string',
    'RFC 7519 §4.1.1',
    'The issuer: the party that created and signed the token.',
  ),
  sub: claim(
    'registered',
    'string',
    'RFC 7519 §4.1.2',
    'The subject: the user or client the token is about, unique within the issuer.',
  ),
  aud: claim(
    'registered',
    'audience',
    'RFC 7519 §4.1.3',
    'The audience: the recipients the token is meant for; a recipient that is not listed must reject it.',
  ),
  exp: claim(
    'registered',
    'numeric-date',
    'RFC 7519 §4.1.4',
    'The expiration time: from this moment on, the token must be rejected.',
  ),
  nbf: claim(
    'registered',
    'numeric-date',
    'RFC 7519 §4.1.5',
    'The not-before time: until this moment, the token must be rejected.',
  ),
  iat: claim(
    'registered',
    'numeric-date',
    'RFC 7519 §4.1.6',
    'The issued-at time: when the issuer created the token.',
  ),
  jti: claim(
    'registered',
    'string',
    'RFC 7519 §4.1.7',
    'The JWT ID: a unique identifier that lets a recipient detect a replayed token.',
  ),

  nonce: claim(
    'oidc',
    'string',
    OIDC_ID_TOKEN,
    'The value the client sent in its authentication request, which ties the ID token to that request and stops replays.',
  ),
  auth_time: claim(
    'oidc',
    'numeric-date',
    OIDC_ID_TOKEN,
    'When the user last authenticated at the provider.',
  ),
  acr: claim(
    'oidc',
    'string',
    OIDC_ID_TOKEN,
    'The authentication context class reference: the level of assurance of the authentication.',
  ),
  amr: claim(
    'oidc',
    'string-array',
    `${OIDC_ID_TOKEN} and RFC 8176`,
    'The authentication methods used, such as "pwd", "otp" or "mfa".',
  ),
  azp: claim(
    'oidc',
    'string',
    OIDC_ID_TOKEN,
    'The authorized party: the client ID of the party the ID token was issued to.',
  ),
  at_hash: claim(
    'oidc',
    'string',
    'OpenID Connect Core 1.0 §3.1.3.6',
    'The base64url of the left half of the hash of the access token issued with this ID token.',
  ),
  c_hash: claim(
    'oidc',
    'string',
    'OpenID Connect Core 1.0 §3.3.2.11',
    'The base64url of the left half of the hash of the authorization code issued with this ID token.',
  ),
  sid: claim(
    'oidc',
    'string',
    'OpenID Connect Front-Channel Logout 1.0',
    'The session ID at the provider, used to log the user out of that session.',
  ),

  name: claim('oidc', 'string', OIDC_STANDARD, "The user's full name, for display."),
  given_name: claim('oidc', 'string', OIDC_STANDARD, "The user's given or first name."),
  family_name: claim('oidc', 'string', OIDC_STANDARD, "The user's surname or last name."),
  middle_name: claim('oidc', 'string', OIDC_STANDARD, "The user's middle name."),
  nickname: claim('oidc', 'string', OIDC_STANDARD, 'A casual name of the user.'),
  preferred_username: claim(
    'oidc',
    'string',
    OIDC_STANDARD,
    'The name the user prefers to be called by; it is not unique, so never use it as an identifier.',
  ),
  profile: claim('oidc', 'string', OIDC_STANDARD, "The URL of the user's profile page."),
  picture: claim('oidc', 'string', OIDC_STANDARD, "The URL of the user's profile picture."),
  website: claim('oidc', 'string', OIDC_STANDARD, "The URL of the user's web page or blog."),
  email: claim(
    'oidc',
    'string',
    OIDC_STANDARD,
    "The user's preferred e-mail address; it is not unique, so never use it as an identifier.",
  ),
  email_verified: claim(
    'oidc',
    'boolean',
    OIDC_STANDARD,
    'Whether the provider verified that the user controls the e-mail address.',
  ),
  gender: claim('oidc', 'string', OIDC_STANDARD, "The user's gender."),
  birthdate: claim(
    'oidc',
    'string',
    OIDC_STANDARD,
    "The user's birthday as YYYY-MM-DD, or YYYY alone.",
  ),
  zoneinfo: claim('oidc', 'string', OIDC_STANDARD, "The user's time zone, such as Europe/Paris."),
  locale: claim(
    'oidc',
    'string',
    OIDC_STANDARD,
    "The user's locale as a BCP 47 language tag, such as en-US.",
  ),
  phone_number: claim('oidc', 'string', OIDC_STANDARD, "The user's preferred telephone number."),
  phone_number_verified: claim(
    'oidc',
    'boolean',
    OIDC_STANDARD,
    'Whether the provider verified that the user controls the telephone number.',
  ),
  address: claim('oidc', 'object', OIDC_STANDARD, "The user's postal address, as a JSON object."),
  updated_at: claim(
    'oidc',
    'numeric-date',
    OIDC_STANDARD,
    "When the user's information was last updated.",
  ),

  scope: claim('oauth', 'string', 'RFC 8693 §4.2', 'The scopes granted, separated by spaces.'),
  client_id: claim('oauth', 'string', 'RFC 8693 §4.3', 'The client that requested the token.'),
  act: claim(
    'oauth',
    'object',
    'RFC 8693 §4.1',
    'The actor: the party acting on behalf of the subject, in a delegation.',
  ),
  may_act: claim(
    'oauth',
    'object',
    'RFC 8693 §4.4',
    'The party that is allowed to act on behalf of the subject.',
  ),
  cnf: claim(
    'oauth',
    'object',
    'RFC 7800 §3.1',
    'The confirmation key: the token is bound to this key, and the presenter must prove that it holds it.',
  ),
  roles: claim(
    'oauth',
    'any',
    'RFC 9068 §2.2.3.1',
    "The subject's roles, as the resource server defines them.",
  ),
  groups: claim('oauth', 'any', 'RFC 9068 §2.2.3.1', 'The groups the subject belongs to.'),
  entitlements: claim('oauth', 'any', 'RFC 9068 §2.2.3.1', "The subject's entitlements."),
  htm: claim(
    'oauth',
    'string',
    'RFC 9449 §4.2',
    'In a DPoP proof, the HTTP method of the request the proof is for.',
  ),
  htu: claim(
    'oauth',
    'string',
    'RFC 9449 §4.2',
    'In a DPoP proof, the URI of the request the proof is for, without query and fragment.',
  ),
  ath: claim(
    'oauth',
    'string',
    'RFC 9449 §4.2',
    'In a DPoP proof, the base64url SHA-256 hash of the access token sent with it.',
  ),
  events: claim(
    'oauth',
    'object',
    'RFC 8417 §2.2',
    'In a Security Event Token, the security events it reports, keyed by event type.',
  ),
  txn: claim(
    'oauth',
    'string',
    'RFC 8417 §2.2',
    'In a Security Event Token, a transaction ID shared by related events.',
  ),
  toe: claim(
    'oauth',
    'numeric-date',
    'RFC 8417 §2.2',
    'In a Security Event Token, when the event occurred.',
  ),
};

/** Returns what is known about a claim name, or undefined for private claims. */
export function lookUpClaim(name: string): ClaimInfo | undefined {
  return Object.hasOwn(CLAIM_CATALOG, name) ? CLAIM_CATALOG[name] : undefined;
}
