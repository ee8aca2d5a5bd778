// Signing in. In Azure: Entra ID, authorization code with PKCE through MSAL (served by this app),
// tokens in session storage only. Locally, when the development key is set: a form that asks for
// a name, duty roles and a region and gets a token from POST /api/local/staff-token. Tokens never
// go in a URL.
"use strict";
(function (W) {
  var TOKEN = "workspace.token";

  W.addStrings({
    th: {
      signInTitle: "เข้าสู่ระบบ", signInEntra: "เข้าสู่ระบบด้วยบัญชีองค์กร (Microsoft Entra ID)",
      signInLocal: "เข้าสู่ระบบสำหรับทดสอบในเครื่อง", signInLocalHint: "ใช้ได้เฉพาะเมื่อรันระบบในเครื่องด้วยกุญแจสำหรับพัฒนา ไม่มีในระบบจริงบน Azure",
      signInNone: "ยังไม่ได้ตั้งค่าการเข้าสู่ระบบ (StaffAuth__ClientId)", yourName: "ชื่อ-นามสกุล", duties: "บทบาทหน้าที่",
      scope: "เขตงาน", signIn: "เข้าสู่ระบบ", signingIn: "กำลังเข้าสู่ระบบ…",
      "duty_Complaints.Read": "อ่านเรื่องร้องเรียน", "duty_Complaints.Manage": "ดำเนินการเรื่องร้องเรียน",
      "duty_Complaints.Identity": "เปิดดูตัวตนผู้ร้องเรียน", "duty_Workshops.Manage": "จัดการการอบรม",
      "duty_Workshops.CheckIn": "เช็กอินผู้เข้าอบรม (หน้างาน)", "duty_Summaries.Read": "สรุปรายงานประจำปีงบประมาณ",
      "duty_Audit.Read": "ตรวจสอบบันทึกการใช้งาน", "duty_DataRequests.Manage": "คำขอของเจ้าของข้อมูล (PDPA)",
    },
    en: {
      signInTitle: "Sign in", signInEntra: "Sign in with your work account (Microsoft Entra ID)",
      signInLocal: "Local test sign-in", signInLocalHint: "Only when the app runs on this machine with the development key; it does not exist in Azure.",
      signInNone: "Sign-in is not configured (StaffAuth__ClientId).", yourName: "Full name", duties: "Duty roles",
      scope: "Scope", signIn: "Sign in", signingIn: "Signing in…",
      "duty_Complaints.Read": "Read complaints", "duty_Complaints.Manage": "Handle complaints",
      "duty_Complaints.Identity": "Open reporters' identity", "duty_Workshops.Manage": "Manage workshops",
      "duty_Workshops.CheckIn": "Check attendees in (door)", "duty_Summaries.Read": "Fiscal-year summaries",
      "duty_Audit.Read": "Audit trail", "duty_DataRequests.Manage": "Data subjects' requests (PDPA)",
    },
  });

  // ---- local: a token from the development key ----------------------------------------------------
  var local = {
    start: async function () { return !!sessionStorage.getItem(TOKEN); },
    token: async function () { return sessionStorage.getItem(TOKEN); },
    signOut: function () { sessionStorage.removeItem(TOKEN); },
    render: function (main) {
      var form = W.el("form", { class: "card", novalidate: true });
      var name = W.el("input", { type: "text", autocomplete: "name", maxlength: "100", required: true });
      var duties = W.el("fieldset", { id: "roles" }, W.el("legend", { text: W.t("duties") }),
        W.config.duties.map(function (duty) {
          return W.el("label", { class: "check" }, W.el("input", { type: "checkbox", name: "duty", value: duty }), W.t("duty_" + duty));
        }), W.el("p", { class: "error", id: "roles-error", hidden: true }));
      var regions = [["all", W.t("regionAll")]].concat([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(function (n) { return [n, W.regionName(n)]; }));
      var region = W.select(regions, 8);
      form.append(
        W.el("p", { class: "notice warn", text: W.t("signInLocalHint") }),
        W.field("name", "yourName", name), duties, W.field("region", "scope", region),
        W.el("div", { class: "actions" }, W.el("button", { type: "submit", id: "sign-in", text: W.t("signIn") })));
      form.addEventListener("submit", async function (event) {
        event.preventDefault();
        var button = form.querySelector("#sign-in");
        button.disabled = true;
        button.textContent = W.t("signingIn");
        var roles = Array.prototype.map.call(form.querySelectorAll("input[name=duty]:checked"), function (c) { return c.value; });
        var result = await W.api("POST", "/api/local/staff-token", { name: name.value, roles: roles, region: region.value === "all" ? "all" : Number(region.value) });
        button.disabled = false;
        button.textContent = W.t("signIn");
        if (result.status !== 200) { W.showProblem(main, result, form); return; }
        sessionStorage.setItem(TOKEN, result.body.accessToken);
        W.signedIn();
      });
      main.append(W.el("h2", { tabindex: "-1", text: W.t("signInLocal") }), form);
    },
  };

  // ---- Entra ID: MSAL, authorization code with PKCE -----------------------------------------------
  function load(src) {
    return new Promise(function (resolve, reject) {
      var script = W.el("script", { src: src });
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }
  var msal = null;
  var account = null;
  var request = function () { return { scopes: [W.config.scope], account: account }; };
  var entra = {
    start: async function () {
      await load("/api/assets/msal-browser.min.js");
      msal = new window.msal.PublicClientApplication({
        auth: { clientId: W.config.clientId, authority: W.config.authority, redirectUri: location.origin + "/api/staff", navigateToLoginRequestUrl: true },
        cache: { cacheLocation: "sessionStorage" },
      });
      await msal.initialize();
      var answer = await msal.handleRedirectPromise();
      account = (answer && answer.account) || msal.getAllAccounts()[0] || null;
      if (account) { msal.setActiveAccount(account); }
      return !!account;
    },
    token: async function () {
      if (!account) { return null; }
      try {
        return (await msal.acquireTokenSilent(request())).accessToken;
      } catch (e) {
        // The refresh token expired or consent is needed: go through the sign-in page again.
        await msal.acquireTokenRedirect(request());
        return null;
      }
    },
    signOut: function () {
      if (msal && account) { msal.logoutRedirect({ account: account, postLogoutRedirectUri: location.origin + "/api/staff" }); }
    },
    render: function (main) {
      var button = W.el("button", { type: "button", id: "sign-in", text: W.t("signInEntra") });
      button.addEventListener("click", function () { msal.loginRedirect({ scopes: [W.config.scope] }); });
      main.append(W.el("h2", { tabindex: "-1", text: W.t("signInTitle") }), W.el("div", { class: "card" }, button));
    },
  };

  var none = {
    start: async function () { return false; },
    token: async function () { return null; },
    signOut: function () {},
    render: function (main) { main.append(W.el("p", { class: "notice bad", text: W.t("signInNone") })); },
  };

  // The redirect from Entra ID lands on this page with the answer in the URL: MSAL's redirect
  // bridge takes it out of the URL, keeps it in session storage and returns to the workspace.
  W.isSignInAnswer = function () { return W.config.signIn === "entra" && /(^|[#&?])(code|error)=/.test(location.hash + location.search) && /state=/.test(location.hash + location.search); };
  W.finishSignInAnswer = async function () {
    await load("/api/assets/msal-redirect-bridge.min.js");
    await window.msalRedirectBridge.broadcastResponseToMainFrame();
  };

  var provider = W.config.signIn === "entra" ? entra : W.config.signIn === "local" ? local : none;
  W.auth = {
    start: provider.start,
    token: provider.token,
    renderSignIn: function () {
      var main = W.clear(document.getElementById("main"));
      provider.render(main);
      var h = main.querySelector("h2");
      if (h) { h.focus(); }
    },
    signOut: function (message) {
      W.invalidate();
      W.me = null;
      provider.signOut();
      document.getElementById("nav").hidden = true;
      document.getElementById("sign-out").hidden = true;
      document.getElementById("who").textContent = "";
      W.auth.renderSignIn();
      if (message) { W.toast(message); }
    },
  };
})(window.Workspace);
