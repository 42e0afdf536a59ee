// Enhances the parent app's NHS.UK components; every page works without it.
import { initAll } from "../nhsuk-frontend/nhsuk-frontend.min.js";

initAll();
