// Builds the production site once and serves it on a free loopback port for
// every end-to-end test file (they read the address with inject("baseUrl"),
// and the built files with inject("siteDir")). The build is tests/support/
// site.ts's, the one bench and screenshots use, into a folder of this run's
// own: two test runs at once must not overwrite each other's site.
import type { TestProject } from "vitest/node";
import { buildSite, serveSite } from "../support/site";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The built site this run serves. */
    siteDir: string;
  }
}

export default async function setup(project: TestProject) {
  const site = await buildSite();
  const served = await serveSite(site.dir);
  project.provide("baseUrl", served.baseUrl);
  project.provide("siteDir", site.dir);
  return async () => {
    await served.close();
    site.dispose();
  };
}
