// Placeholder replaced by the workshops screens.
"use strict";
