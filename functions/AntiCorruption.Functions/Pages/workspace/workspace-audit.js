// The audit trail (#/audit, Audit.Read): records in scope newest first with their filters and
// paging, and for head office the check of the trail's hash chain. Its texts are in workspace-reports.js.
"use strict";
(function (W) {
  var ACTIONS = ["complaint.assign", "complaint.evidence", "complaint.identity", "complaint.legal_hold", "complaint.link", "complaint.lookup", "complaint.message",
    "complaint.note", "complaint.read", "complaint.reclassify", "complaint.status", "registration.erase", "registration.export", "registration.find",
    "retention.applied", "staff.refused", "summary.compile", "summary.download", "workshop.attendees", "workshop.checkin", "workshop.create", "workshop.update"];

  var FILTERS = ["from", "to", "actor", "complaintId", "action"];
  W.route({ pattern: /^audit$/, home: "audit", nav: "auditNav", roles: ["Audit.Read"], render: async function (main, match, params, renderId) {
    W.heading(main, "auditTitle");
    main.appendChild(W.el("p", { class: "hint", text: W.t("auditIntro") }));
    if (W.has("Region.All")) { main.appendChild(verifier()); }

    var controls = {
      from: W.el("input", { type: "date", value: params.get("from") || "" }),
      to: W.el("input", { type: "date", value: params.get("to") || "" }),
      actor: W.el("input", { type: "text", maxlength: "200", autocomplete: "off", value: params.get("actor") || "" }),
      complaintId: W.el("input", { type: "text", maxlength: "40", autocomplete: "off", value: params.get("complaintId") || "" }),
      action: W.select([["", W.t("auditAny")]].concat(ACTIONS.map(function (a) { return [a, W.t("auditAction_" + a) + " (" + a + ")"]; })), params.get("action") || ""),
    };
    var actor = W.field("actor", "auditActor", controls.actor, "auditActorHint");
    actor.querySelector("#actor-hint").textContent = W.t("auditActorHint", { id: W.me.id });
    var from = W.field("from", "auditFrom", controls.from);
    var to = W.field("to", "auditTo", controls.to);
    controls.from.setAttribute("aria-describedby", "audit-dates from-error");
    controls.to.setAttribute("aria-describedby", "audit-dates to-error");
    // The native date control shows the browser's own format: the chosen days are repeated in the Bangkok/Buddhist-era form.
    var range = params.get("from") || params.get("to") ? " " + W.t("auditRange", { from: W.reports.day(params.get("from")), to: params.get("to") ? W.reports.day(params.get("to")) : W.date(W.bangkokDay()) }) : "";
    var clear = W.el("button", { type: "button", class: "secondary", id: "audit-clear", text: W.t("auditClear") });
    clear.addEventListener("click", function () { W.go("audit"); });
    var form = W.el("form", { class: "card", novalidate: true, id: "audit-filters" },
      W.el("h3", { text: W.t("auditFilters") }),
      W.el("div", { class: "row" }, from, to),
      W.el("p", { class: "hint", id: "audit-dates", text: W.t("auditDatesHint") + range }),
      W.el("div", { class: "row" }, actor, W.field("complaintId", "auditComplaint", controls.complaintId), W.field("action", "auditAction", controls.action)),
      W.el("div", { class: "actions" }, W.el("button", { type: "submit", id: "audit-search", text: W.t("auditSearch") }), clear));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = new URLSearchParams();
      FILTERS.forEach(function (name) { if (controls[name].value.trim()) { query.set(name, controls[name].value.trim()); } });
      W.go("audit" + (query.toString() ? "?" + query.toString() : ""));
    });
    var count = W.el("p", { class: "hint", id: "audit-count", role: "status" });
    var results = W.el("div", { id: "audit-results" });
    var more = W.el("button", { type: "button", class: "secondary", id: "audit-more", hidden: true, text: W.t("auditMore") });
    main.append(form, count, results, W.el("div", { class: "actions" }, more));

    var base = new URLSearchParams();
    FILTERS.forEach(function (name) { if (params.get(name)) { base.set(name, params.get(name)); } });
    var body = null;
    var shown = 0;
    async function page(token) {
      // A page reads at most 31 days: an empty page with a token means "keep reading", up to a year back at a time.
      for (var i = 0; i < 12; i++) {
        var query = new URLSearchParams(base);
        if (token) { query.set("continuationToken", token); }
        var result = await W.api("GET", "/api/staff/audit" + (query.toString() ? "?" + query.toString() : ""));
        if (W.stale(renderId)) { return; }
        if (result.status !== 200) { W.showProblem(main, result, form); return; }
        token = result.body.continuationToken;
        if (result.body.items.length) { append(result.body.items); }
        if (result.body.items.length || !token) { break; }
      }
      more.hidden = !token;
      more.token = token;
      if (!shown) { W.clear(results).appendChild(W.el("p", { class: "notice ok", id: "audit-none", text: W.t(token ? "auditNoneYet" : "auditNone") })); }
      count.textContent = shown ? W.t("auditCount", { n: W.number(shown) }) + (token ? "" : " · " + W.t("auditEnd")) : "";
    }
    var headers = [W.t("auditAt"), W.t("auditWho"), W.t("auditWhat"), W.t("hotspotsRegion"), W.t("auditRecord")];
    function append(items) {
      if (!body) {
        var t = W.reports.table("audit-table", W.t("auditCaption"), headers, []);
        body = t.querySelector("tbody");
        W.clear(results).appendChild(t);
      }
      items.forEach(function (r) {
        var cells = [
          W.el("span", null, W.dateTime(r.at), W.el("br"), W.el("span", { class: "muted", text: "#" + r.n })),
          r.actor === null ? W.t("auditUnknown") : W.el("span", null, r.actorName || W.t("none"), r.actorName === r.actor ? null : [W.el("br"), W.el("span", { class: "muted", text: r.actor })]),
          W.el("span", null, W.t("auditAction_" + r.action), W.el("br"), W.el("span", { class: "muted", lang: "en", text: r.action })),
          r.region === null ? W.t("auditNoRegion") : W.regionName(r.region),
          W.el("span", null, [r.complaintId, r.target, r.detail].filter(Boolean).map(function (text, i) { return [i ? W.el("br") : null, text]; })),
        ];
        body.appendChild(W.el("tr", { "data-action": r.action }, cells.map(function (c, i) { return W.el("td", { "data-label": headers[i] }, c); })));
        shown++;
      });
    }
    more.addEventListener("click", function () {
      more.disabled = true;
      W.reports.quiet(page(more.token)).finally(function () { more.disabled = false; });
    });
    await page(null);
  } });

  // Head office only: the hash chain checked end to end.
  function verifier() {
    var button = W.el("button", { type: "button", class: "secondary", id: "audit-verify", text: W.t("auditVerify") });
    var result = W.el("div", { id: "audit-verify-result", role: "status", "aria-live": "polite" });
    button.addEventListener("click", function () {
      W.reports.quiet((async function () {
        button.disabled = true;
        button.textContent = W.t("auditVerifying");
        var answer = await W.api("GET", "/api/staff/audit/verify");
        button.disabled = false;
        button.textContent = W.t("auditVerify");
        W.clear(result);
        if (answer.status !== 200) { result.appendChild(W.el("p", { class: "notice bad", role: "alert", text: answer.status === 429 ? W.t("tooMany") : W.t("failed") })); return; }
        var v = answer.body;
        result.appendChild(v.valid
          ? W.el("p", { class: "notice ok", text: W.t("auditValid", { n: W.number(v.records) }) })
          : W.el("p", { class: "notice bad", role: "alert", text: W.t("auditBroken", { first: W.number(v.firstBroken), n: W.number(v.records) }) }));
      })());
    });
    return W.el("section", { class: "card" }, W.el("h3", { text: W.t("auditVerifyTitle") }), W.el("p", { class: "hint", text: W.t("auditVerifyHint") }), W.el("div", { class: "actions" }, button), result);
  }
})(window.Workspace);
