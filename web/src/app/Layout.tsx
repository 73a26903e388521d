/** Page frame: header with navigation and the EVM wallet, then the current route. */
import { lazy, Suspense } from "react";
import { CreateEscrowForm } from "../features/escrow/CreateEscrowForm.tsx";
import { Credits } from "../features/escrow/Credits.tsx";
import { MyEscrows } from "../features/escrow/MyEscrows.tsx";
import { EvmWallet, WrongNetworkNotice } from "../features/wallet/EvmWallet.tsx";
import { hrefOf, useRoute, type Route } from "./routes.ts";

// @stacks/connect and @stacks/transactions load only when the Stacks page is opened; the admin
// console (operation decoding, charts) only when it is.
const StacksEscrowPage = lazy(() => import("../features/escrow/stacks/StacksEscrowPage.tsx"));
const AdminPage = lazy(() => import("../features/admin/AdminPage.tsx"));

const titles: Record<Route, string> = { escrows: "Escrows", stacks: "Stacks", admin: "Admin" };

export function Layout() {
  const route = useRoute();
  return (
    <div className="app">
      <header className="top">
        <a className="brand" href="#/">
          Worx
        </a>
        <nav aria-label="Main">
          {(Object.keys(titles) as Route[]).map((r) => (
            <a key={r} href={hrefOf(r)} aria-current={route === r ? "page" : undefined}>
              {titles[r]}
            </a>
          ))}
        </nav>
        {route !== "stacks" ? <EvmWallet /> : null}
      </header>
      <main>
        {route === "escrows" ? (
          <>
            <WrongNetworkNotice />
            <div className="columns">
              <CreateEscrowForm />
              <div>
                <MyEscrows />
                <Credits />
              </div>
            </div>
          </>
        ) : (
          <Suspense fallback={<p className="muted">Loading…</p>}>{route === "stacks" ? <StacksEscrowPage /> : <AdminPage />}</Suspense>
        )}
      </main>
      <footer className="muted">Funds are held by the escrow contract; this page only asks your wallet to sign.</footer>
    </div>
  );
}
