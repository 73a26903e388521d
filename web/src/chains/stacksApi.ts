/**
 * Read-only contract calls through a Hiro-compatible Stacks API. Pure: no `import.meta` (unlike
 * ./stacks.ts), so modules that Node tests import can use it.
 */
import { Cl, serializeCV, type ClarityValue } from "@stacks/transactions";

/** A read-only function through a Hiro-compatible Stacks API (`/v2/contracts/call-read`). */
export async function readOnly(api: string, contract: string, functionName: string, args: ClarityValue[], sender: string): Promise<ClarityValue> {
  const [address, name] = contract.split(".");
  const res = await fetch(`${api.replace(/\/$/, "")}/v2/contracts/call-read/${address}/${name}/${functionName}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ sender, arguments: args.map((a) => `0x${serializeCV(a)}`) }),
  });
  const body = (await res.json().catch(() => ({}))) as { okay?: boolean; result?: string; cause?: string };
  if (!res.ok || !body.okay || !body.result) throw new Error(`The Stacks API could not read ${functionName}: ${body.cause ?? `HTTP ${res.status}`}`);
  return Cl.deserialize(body.result);
}
