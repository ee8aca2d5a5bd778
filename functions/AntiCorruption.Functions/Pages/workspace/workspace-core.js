// The workspace's shared parts: texts in Thai and English, Bangkok dates in the Buddhist era,
// a DOM builder that never parses data as HTML, the API client with the signed-in token, and
// the hash router each screen registers with. Screens live in workspace-*.js.
"use strict";
(function () {
  var config = JSON.parse(document.getElementById("workspace-config").textContent);
  var strings = { th: {}, en: {} };
  var routes = [];
  var W = {
    config: config,
    lang: sessionStorage.getItem("workspace.lang") === "en" ? "en" : "th",
    me: null,
    auth: null,
  };
  window.Workspace = W;

  // ---- texts ----------------------------------------------------------------------------------
  W.addStrings = function (more) {
    Object.keys(more.th).forEach(function (k) { strings.th[k] = more.th[k]; });
    Object.keys(more.en).forEach(function (k) { strings.en[k] = more.en[k]; });
  };
  W.t = function (key, values) {
    var text = strings[W.lang][key];
    if (text === undefined) { text = strings.th[key]; }
    if (text === undefined) { return key; }
    return values ? text.replace(/\{(\w+)\}/g, function (_, name) { return values[name] === undefined ? "" : String(values[name]); }) : text;
  };
  W.applyTexts = function (root) {
    (root || document).querySelectorAll("[data-i18n]").forEach(function (node) { node.textContent = W.t(node.getAttribute("data-i18n")); });
  };
  W.setLang = function (lang) {
    W.lang = lang;
    sessionStorage.setItem("workspace.lang", lang);
    document.documentElement.lang = lang;
    var button = document.getElementById("lang");
    button.textContent = lang === "th" ? "English" : "ภาษาไทย";
    button.lang = lang === "th" ? "en" : "th";
    document.getElementById("nav").setAttribute("aria-label", W.t("navLabel"));
    document.title = W.t("appTitle");
    W.applyTexts();
    W.renderWho();
    W.rerender();
  };
  W.renderWho = function () {
    document.getElementById("who").textContent = W.me ? W.me.name + " · " + W.scopeName() : "";
  };

  W.addStrings({
    th: {
      appTitle: "ระบบงานเจ้าหน้าที่ ป.ป.ท.", skip: "ข้ามไปยังเนื้อหา", navLabel: "เมนูหลัก", signOut: "ออกจากระบบ",
      loading: "กำลังโหลด…", failed: "ทำรายการไม่สำเร็จ กรุณาลองใหม่", notFound: "ไม่พบข้อมูลนี้ หรือไม่อยู่ในขอบเขตงานของท่าน",
      noRole: "บัญชีนี้ไม่มีสิทธิ์ใช้หน้านี้", fixThese: "กรุณาแก้ไขข้อมูลต่อไปนี้", sessionEnded: "หมดเวลาการเข้าใช้ กรุณาเข้าสู่ระบบอีกครั้ง",
      tooMany: "มีการเรียกใช้มากเกินไป กรุณารอสักครู่", regionAll: "ทุกภาค (ส่วนกลาง)", region: "ภาค {n}", region0: "ส่วนกลาง (กรุงเทพฯ)",
      yes: "ใช่", no: "ไม่ใช่", none: "—", save: "บันทึก", cancel: "ยกเลิก", saved: "บันทึกแล้ว", download: "ดาวน์โหลด",
      status_received: "ได้รับเรื่องแล้ว", status_registered: "ลงทะเบียนรับเรื่องแล้ว", status_under_review: "อยู่ระหว่างตรวจสอบ",
      status_referred: "ส่งต่อหน่วยงานที่เกี่ยวข้อง", status_closed: "ยุติเรื่องแล้ว", status_dismissed: "ไม่รับไว้พิจารณา",
    },
    en: {
      appTitle: "PACC staff workspace", skip: "Skip to content", navLabel: "Main menu", signOut: "Sign out",
      loading: "Loading…", failed: "That did not work. Please try again.", notFound: "Not found, or not within your scope.",
      noRole: "This account has no role for this screen.", fixThese: "Please fix the following", sessionEnded: "Your session has ended. Please sign in again.",
      tooMany: "Too many requests. Please wait a moment.", regionAll: "All regions (head office)", region: "Region {n}", region0: "Central office (Bangkok)",
      yes: "Yes", no: "No", none: "—", save: "Save", cancel: "Cancel", saved: "Saved", download: "Download",
      status_received: "Received", status_registered: "Registered", status_under_review: "Under review",
      status_referred: "Referred", status_closed: "Closed", status_dismissed: "Dismissed",
    },
  });

  // ---- formatting: Bangkok time, Buddhist era in Thai ---------------------------------------------
  function formatter(options) {
    return new Intl.DateTimeFormat(W.lang === "th" ? "th-TH-u-ca-buddhist" : "en-GB", Object.assign({ timeZone: "Asia/Bangkok" }, options));
  }
  W.dateTime = function (iso) { return iso ? formatter({ dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)) : W.t("none"); };
  // A date without time (YYYY-MM-DD) is a Bangkok calendar day: formatted at noon there, so no zone moves it.
  W.date = function (iso) { return iso ? formatter({ dateStyle: "medium" }).format(new Date(iso.length === 10 ? iso + "T12:00:00+07:00" : iso)) : W.t("none"); };
  W.number = function (n) { return n === null || n === undefined ? W.t("none") : new Intl.NumberFormat(W.lang === "th" ? "th-TH" : "en-GB").format(n); };
  W.baht = function (n) { return n === null || n === undefined ? W.t("none") : W.number(n) + (W.lang === "th" ? " บาท" : " THB"); };
  W.status = function (status) { return W.t("status_" + status); };
  W.regionName = function (n) { return n === null || n === undefined ? W.t("none") : n === 0 ? W.t("region0") : W.t("region", { n: n }); };
  W.province = function (code) {
    var p = config.provinces.find(function (x) { return x.code === code; });
    return p ? (W.lang === "th" ? p.nameTh : p.nameEn) : (code || W.t("none"));
  };
  W.category = function (id) {
    var c = config.categories.find(function (x) { return x.id === id; });
    return c ? (W.lang === "th" ? c.nameTh : c.nameEn) : (id || W.t("none"));
  };
  // The Bangkok calendar day of an instant, YYYY-MM-DD (for date inputs and queries).
  W.bangkokDay = function (date) { return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Bangkok" }).format(date || new Date()); };
  // The fiscal year (Buddhist era) of a Bangkok day: it starts on 1 October.
  W.fiscalYear = function (date) {
    var day = W.bangkokDay(date).split("-");
    return Number(day[0]) + 543 + (Number(day[1]) >= 10 ? 1 : 0);
  };

  // ---- DOM --------------------------------------------------------------------------------------
  // el("p", {class: "hint"}, "text", child): attributes and text only; data is never parsed as HTML.
  W.el = function (tag, attributes) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) { return; }
      if (name.indexOf("on") === 0 && typeof value === "function") { node.addEventListener(name.slice(2), value); }
      else if (name === "text") { node.textContent = value; }
      else { node.setAttribute(name, value === true ? "" : String(value)); }
    });
    for (var i = 2; i < arguments.length; i++) { append(node, arguments[i]); }
    return node;
  };
  function append(node, child) {
    if (child === null || child === undefined || child === false) { return; }
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  W.clear = function (node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; };
  W.field = function (id, labelKey, control, hintKey) {
    control.id = id;
    var error = W.el("p", { class: "error", id: id + "-error", hidden: true });
    control.setAttribute("aria-describedby", (hintKey ? id + "-hint " : "") + id + "-error");
    return W.el("div", { class: "field" }, W.el("label", { for: id, text: W.t(labelKey) }), hintKey ? W.el("p", { class: "hint", id: id + "-hint", text: W.t(hintKey) }) : null, control, error);
  };
  W.select = function (options, value) {
    var s = W.el("select");
    options.forEach(function (o) { var opt = W.el("option", { value: o[0], text: o[1] }); if (String(o[0]) === String(value)) { opt.selected = true; } s.appendChild(opt); });
    return s;
  };
  W.toast = function (text) {
    var toast = document.getElementById("toast");
    toast.textContent = text;
    clearTimeout(W.toast.timer);
    W.toast.timer = setTimeout(function () { toast.textContent = ""; }, 4000);
  };
  W.heading = function (main, key, values) {
    var h = W.el("h2", { tabindex: "-1", text: W.t(key, values) });
    main.appendChild(h);
    return h;
  };

  // ---- API --------------------------------------------------------------------------------------
  // Every call carries the token; a 401 ends the session. Answers come back as {status, body, response}.
  W.api = async function (method, path, body, options) {
    var headers = { "Accept-Language": W.lang === "th" ? "th" : "en" };
    var token = await W.auth.token();
    if (token) { headers.Authorization = "Bearer " + token; }
    if (body !== undefined && body !== null) { headers["Content-Type"] = "application/json"; }
    var response = await fetch(path, { method: method, headers: headers, body: body === undefined || body === null ? undefined : JSON.stringify(body), cache: "no-store", credentials: "omit" });
    if (response.status === 401 && path !== "/api/local/staff-token") {
      W.auth.signOut(W.t("sessionEnded"));
      throw new Error("signed out");
    }
    if (options && options.raw) { return { status: response.status, response: response }; }
    var type = response.headers.get("Content-Type") || "";
    var parsed = type.indexOf("json") >= 0 ? await response.json() : null;
    return { status: response.status, body: parsed, response: response };
  };

  // A problem+json answer shown where the user is: the field errors next to their fields when the
  // form has them (id = field name), and a summary at the top.
  W.showProblem = function (container, result, form) {
    var problem = result.body || {};
    var box = container.querySelector(".problem") || container.insertBefore(W.el("div", { class: "notice bad problem", role: "alert", tabindex: "-1" }), container.firstChild);
    W.clear(box);
    box.hidden = false;
    var errors = problem.errors || {};
    var names = Object.keys(errors);
    box.appendChild(W.el("p", { text: result.status === 429 ? W.t("tooMany") : result.status === 404 ? W.t("notFound") : names.length ? W.t("fixThese") : (problem.detail || problem.title || W.t("failed")) }));
    if (names.length) {
      box.appendChild(W.el("ul", null, names.map(function (name) { return W.el("li", null, name + ": " + errors[name].join(" ")); })));
    }
    if (form) {
      form.querySelectorAll(".error").forEach(function (e) { e.hidden = true; e.textContent = ""; });
      form.querySelectorAll("[aria-invalid]").forEach(function (e) { e.removeAttribute("aria-invalid"); });
      names.forEach(function (name) {
        var control = form.querySelector("#" + CSS.escape(name));
        var error = form.querySelector("#" + CSS.escape(name) + "-error");
        if (control) { control.setAttribute("aria-invalid", "true"); }
        if (error) { error.textContent = errors[name].join(" "); error.hidden = false; }
      });
    }
    box.focus();
  };
  W.clearProblem = function (container) {
    var box = container.querySelector(".problem");
    if (box) { box.hidden = true; }
  };

  // A file from a staff route, through the app with the token: saved under the server's name.
  W.download = async function (path, fallbackName) {
    var result = await W.api("GET", path, null, { raw: true });
    if (result.status !== 200) { W.toast(result.status === 404 ? W.t("notFound") : W.t("failed")); return false; }
    var blob = await result.response.blob();
    var disposition = result.response.headers.get("Content-Disposition") || "";
    var star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    var plain = /filename="?([^";]+)"?/i.exec(disposition);
    var url = URL.createObjectURL(blob);
    var link = W.el("a", { href: url, download: star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    return true;
  };
  // A file from a staff route as a blob: URL (images shown inline; CSP allows img-src blob:).
  W.blobUrl = async function (path) {
    var result = await W.api("GET", path, null, { raw: true });
    if (result.status !== 200) { return null; }
    return URL.createObjectURL(await result.response.blob());
  };

  // ---- roles and scope --------------------------------------------------------------------------
  W.has = function (role) { return !!W.me && W.me.roles.indexOf(role) >= 0; };
  W.hasAny = function (roles) { return roles.some(W.has); };
  W.scopeName = function () {
    if (!W.me) { return ""; }
    return W.me.roles.indexOf("Region.All") >= 0 ? W.t("regionAll") : W.me.regions.map(W.regionName).join(", ");
  };

  // ---- routes -----------------------------------------------------------------------------------
  // W.route({pattern: /^cases\/(\w+)$/, render: fn(main, match, query), nav: "navCases", roles: [...]})
  W.route = function (route) { routes.push(route); };
  W.go = function (hash) { if (location.hash === "#/" + hash) { W.rerender(); } else { location.hash = "#/" + hash; } };
  W.query = function () {
    var hash = location.hash.replace(/^#\/?/, "");
    var at = hash.indexOf("?");
    return { path: at >= 0 ? hash.slice(0, at) : hash, params: new URLSearchParams(at >= 0 ? hash.slice(at + 1) : "") };
  };
  W.renderNav = function () {
    var list = W.clear(document.getElementById("nav-links"));
    if (!W.me) { return; }
    var current = W.query().path.split("/")[0];
    routes.filter(function (r) { return r.nav && W.hasAny(r.roles); }).forEach(function (r) {
      var link = W.el("a", { href: "#/" + r.home, text: W.t(r.nav) });
      if (r.home.split("/")[0] === current) { link.setAttribute("aria-current", "page"); }
      list.appendChild(W.el("li", null, link));
    });
  };
  var renderCount = 0;
  W.rerender = async function () {
    if (!W.me) { return; }
    var main = W.clear(document.getElementById("main"));
    var q = W.query();
    var route = routes.find(function (r) { return r.pattern.test(q.path); });
    if (!route) {
      var first = routes.find(function (r) { return r.nav && W.hasAny(r.roles); });
      if (first) { location.replace("#/" + first.home); } else { main.appendChild(W.el("p", { class: "notice bad", text: W.t("noRole") })); }
      return;
    }
    W.renderNav();
    if (!W.hasAny(route.roles)) { main.appendChild(W.el("p", { class: "notice bad", role: "alert", text: W.t("noRole") })); return; }
    // A screen that finishes after the user moved on must not draw over the next one: see W.stale.
    var mine = ++renderCount;
    try {
      await route.render(main, route.pattern.exec(q.path), q.params, mine);
    } catch (e) {
      if (e && e.message === "signed out") { return; }
      if (mine === renderCount) { main.appendChild(W.el("p", { class: "notice bad", role: "alert", text: W.t("failed") })); }
      throw e;
    }
  };
  W.stale = function (n) { return n !== renderCount; };
  // Signing out makes every screen still loading stale: none may draw, or read W.me, after it.
  W.invalidate = function () { renderCount++; };
  window.addEventListener("hashchange", function () { W.rerender().then(function () {
    var h = document.querySelector("main h2");
    if (h) { h.focus(); }
  }); });
})();
