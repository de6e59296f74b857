/**
 * A singleton setting (spend limit, model permissions policy, data retention…) that was never set
 * answers 404: that is "not set", not a failure. Anything else is still an error.
 */
export async function orNotSet<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (err) {
    if ((err as { status?: number }).status === 404) return undefined;
    throw err;
  }
}
