// Starts the workspace once every screen has registered: signs in, asks the API who the token
// says this is (GET /api/staff/me), and shows the screen the URL names.
"use strict";
(function (W) {
  W.signedIn = async function () {
    var result = await W.api("GET", "/api/staff/me");
    if (result.status !== 200) {
      W.auth.signOut(W.t("noRole"));
      return;
    }
    W.me = result.body;
    W.renderWho();
    document.getElementById("nav").hidden = false;
    document.getElementById("sign-out").hidden = false;
    await W.rerender();
    var h = document.querySelector("main h2");
    if (h) { h.focus(); }
  };

  document.getElementById("lang").addEventListener("click", function () { W.setLang(W.lang === "th" ? "en" : "th"); });
  document.getElementById("sign-out").addEventListener("click", function () { W.auth.signOut(); });
  W.setLang(W.lang);

  (async function () {
    if (W.isSignInAnswer()) {
      await W.finishSignInAnswer();
      return;
    }
    if (await W.auth.start()) {
      await W.signedIn();
    } else {
      W.auth.renderSignIn();
    }
  })();
})(window.Workspace);
