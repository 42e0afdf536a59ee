// Enhances the staff console's GOV.UK components; every page works without it.
import { initAll } from "../govuk-frontend/govuk-frontend.min.js";

initAll();
