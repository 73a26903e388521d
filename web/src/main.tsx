import "@rainbow-me/rainbowkit/styles.css";
import "./app/styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Layout } from "./app/Layout.tsx";
import { Providers } from "./app/Providers.tsx";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Providers>
      <Layout />
    </Providers>
  </StrictMode>,
);
