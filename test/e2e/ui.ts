/** Waiting helpers shared by the browser tests: transaction status elements and polled UI. */
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";

export const TX_TIMEOUT = 30_000;
export const INDEXER_TIMEOUT = 30_000;

/** Waits until the transaction status `testId` inside `scope` settles; returns its state and text. */
export async function txOutcome(scope: Page | Locator, testId: string, settled = ["confirmed", "failed", "sent"]) {
  const el = scope.locator(settled.map((s) => `[data-testid="tx-${testId}"][data-state="${s}"]`).join(", "));
  await el.waitFor({ timeout: TX_TIMEOUT });
  return { state: await el.getAttribute("data-state"), text: (await el.innerText()).trim() };
}

export async function expectConfirmed(scope: Page | Locator, testId: string) {
  const { state, text } = await txOutcome(scope, testId);
  assert.equal(state, "confirmed", `tx-${testId}: ${text}`);
}

/** Polls until `check` stops throwing (UI that follows the indexer's or the chain's polling). */
export async function eventually<T>(check: () => Promise<T>, timeout = INDEXER_TIMEOUT): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Opens the #/stacks page, connects the fake Stacks wallet (./wallets.ts) and waits for the section `testId`. */
export async function openStacksPage(page: Page, webUrl: string, testId: string) {
  await page.goto(`${webUrl}/#/stacks`);
  await page.getByRole("button", { name: "Connect Stacks wallet" }).click();
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await page.getByTestId(testId).waitFor();
}
