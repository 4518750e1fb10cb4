/** One GraphQL request over HTTP, its answer parsed (or the text it sent instead, as an error). */
export async function postGraphql(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text), text };
  } catch {
    return { status: res.status, body: { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] }, text };
  }
}
