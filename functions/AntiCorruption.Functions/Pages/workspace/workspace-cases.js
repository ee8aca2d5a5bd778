// Placeholder replaced by the cases screens.
"use strict";
