// @ts-check
// The reference client of figures 1 and 2: the official `openai` package, at the version package.json
// pins (the newest 7.x when it was last updated), set up as a script author would for the Admin API.
// openai 7.x declares Node >= 22; on Node 20 npm warns about that, and the admin listing and retrieve
// calls used here run unchanged (figure 1 checks that the SDK lists every user, figure 2 counts its
// requests).
import OpenAI from 'openai';
import { VERSION } from 'openai/version';

/** The SDK version the reference rows name, e.g. "openai 7.60.0". */
export const SDK_LABEL = `openai ${VERSION}`;

/**
 * An SDK client for the fake: the admin key only (no project key), the fake's base URL.
 * @param {{ adminKey: string, url: string }} fake
 */
export function createSdk(fake) {
  return new OpenAI({ adminAPIKey: fake.adminKey, apiKey: null, baseURL: fake.url });
}
