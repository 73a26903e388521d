/** Page frame: header with navigation and the EVM wallet, then the current route. */
import { lazy, Suspense, type ReactNode } from "react";
import { CreateEscrowForm } from "../features/escrow/CreateEscrowForm.tsx";
import { Credits } from "../features/escrow/Credits.tsx";
import { MyEscrows } from "../features/escrow/MyEscrows.tsx";
import { WorkHistory } from "../features/escrow/WorkHistory.tsx";
import { EvmWallet, WrongNetworkNotice } from "../features/wallet/EvmWallet.tsx";
import { useEvmSession } from "../features/wallet/useEvmSession.ts";
import { hrefOf, useRoute, type Route } from "./routes.ts";

// Loaded only when opened: one escrow's page (timeline, settlement offers), the arbiter's queue,
// the Stacks page (@stacks/connect and @stacks/transactions), the admin console, the badge pages.
const EscrowPage = lazy(() => import("../features/escrow/EscrowPage.tsx"));
const ArbiterPage = lazy(() => import("../features/arbiter/ArbiterPage.tsx"));
const StacksEscrowPage = lazy(() => import("../features/escrow/stacks/StacksEscrowPage.tsx"));
const AdminPage = lazy(() => import("../features/admin/AdminPage.tsx"));
const ProfilePage = lazy(() => import("../features/badges/ProfilePage.tsx"));
const BadgesPage = lazy(() => import("../features/badges/BadgesPage.tsx"));
const LeaderboardPage = lazy(() => import("../features/badges/LeaderboardPage.tsx"));
// The DAO (proposals, builder, treasury) and WORX staking.
const DaoPage = lazy(() => import("../features/dao/DaoPage.tsx"));
const StakingPage = lazy(() => import("../features/staking/StakingPage.tsx"));
// Creator coins and the DEX (the trade page loads the chart library on its own, later still).
const CreatorsPage = lazy(() => import("../features/dex/CreatorsPage.tsx"));
const CreatorPage = lazy(() => import("../features/dex/CreatorPage.tsx"));
const TradePage = lazy(() => import("../features/dex/TradePage.tsx"));
const PortfolioPage = lazy(() => import("../features/dex/PortfolioPage.tsx"));

const titles: Partial<Record<Route, string>> = {
  escrows: "Escrows",
  profile: "Profile",
  leaderboard: "Leaderboard",
  badges: "Badges",
  dao: "DAO",
  staking: "Staking",
  creators: "Creators",
  portfolio: "Portfolio",
  arbiter: "Disputes",
  stacks: "Stacks",
  admin: "Admin",
};

const pages: Partial<Record<Route, () => ReactNode>> = {
  escrow: () => <EscrowPage />,
  arbiter: () => <ArbiterPage />,
  stacks: () => <StacksEscrowPage />,
  admin: () => <AdminPage />,
  profile: () => <ProfilePage />,
  badges: () => <BadgesPage />,
  leaderboard: () => <LeaderboardPage />,
  dao: () => <DaoPage />,
  staking: () => <StakingPage />,
  creators: () => <CreatorsPage />,
  creator: () => <CreatorPage />,
  trade: () => <TradePage />,
  portfolio: () => <PortfolioPage />,
};

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
            <a key={r} href={hrefOf(r)} aria-current={route === r || (route === "escrow" && r === "escrows") || ((route === "creator" || route === "trade") && r === "creators") ? "page" : undefined}>
              {titles[r]}
            </a>
          ))}
        </nav>
        {route !== "stacks" ? <EvmWallet /> : null}
      </header>
      <main>
        {/* Every EVM page shows the wallet's chain: say so once, on top, when it has no deployment. */}
        {route !== "stacks" ? <WrongNetworkNotice /> : null}
        {route === "escrows" ? (
          <EscrowsHome />
        ) : (
          <Suspense fallback={<p className="muted">Loading…</p>}>
            {pages[route]?.()}
          </Suspense>
        )}
      </main>
      <footer className="muted">Funds are held by the escrow contract; this page only asks your wallet to sign.</footer>
    </div>
  );
}

function EscrowsHome() {
  const { address, connected, chain } = useEvmSession();
  return (
    <>
      <div className="columns">
        <div className="stack">
          <CreateEscrowForm />
          {connected && address && chain ? <WorkHistory chainId={chain.chain.id} caip2={chain.caip2} freelancer={address} me={address} hideWhenEmpty /> : null}
        </div>
        <div>
          <MyEscrows />
          <Credits />
        </div>
      </div>
    </>
  );
}
