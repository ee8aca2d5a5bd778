// Placeholder replaced by the reports screens.
"use strict";
