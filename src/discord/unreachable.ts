/** Network failures that mean Discord (or the stand-in at DISCORD_API_URL) did not answer. */
const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

/** A start that failed because Discord (or the stand-in at DISCORD_API_URL) did not answer, said so. */
export function discordUnreachable(error: unknown, apiUrl: string | undefined): Error | undefined {
  const err = error as { code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } } | undefined;
  const code = err?.code ?? err?.cause?.code;
  if (!(code && NETWORK_ERRORS.has(code)) && err?.name !== 'AbortError') return undefined;
  const detail = err?.cause?.message && !err.message?.includes(err.cause.message) ? `${err.message}: ${err.cause.message}` : (err?.message ?? String(error));
  return new Error(`Discord did not answer at ${apiUrl ?? 'https://discord.com/api'}: ${detail}`, { cause: error });
}
