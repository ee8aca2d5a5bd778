// The handling actions on one case (#/cases/{id}), for Complaints.Manage: take or give up the
// case, move its status (with a note, internal or shown to the reporter), message the reporter,
// add an internal note, reclassify or transfer it, link it to another case, and place or lift a
// legal hold. The case page (workspace-case.js) draws it below the case; its texts are in
// workspace-cases.js.
"use strict";
(function (W) {
  var MOVES = ["under_review", "referred", "closed", "dismissed"];

  function actionsCard(view, id, done) {
    var s = view.summary;
    var base = "/api/staff/complaints/" + encodeURIComponent(id);
    var card = W.el("section", { class: "card", "aria-labelledby": "case-actions" }, W.el("h3", { id: "case-actions", text: W.t("casesActions") }));

    // Assignee
    var assign = W.el("div", { class: "actions" });
    function assignButton(id, key, value, message, cls) {
      var b = W.el("button", { type: "button", id: id, class: cls, text: W.t(key) });
      b.addEventListener("click", async function () {
        b.disabled = true;
        try {
          var result = await W.api("PUT", base + "/assignee", { assignee: value });
          if (result.status === 200) { await done(W.t(message)); } else { W.showProblem(card, result, null); }
        } catch (e) { if (!e || e.message !== "signed out") { W.toast(W.t("failed")); } } finally { b.disabled = false; }
      });
      return b;
    }
    if (s.assignee !== W.me.id) { assign.appendChild(assignButton("assign-me", "casesAssignMe", "me", "casesAssigned")); }
    if (s.assignee) { assign.appendChild(assignButton("assign-none", "casesUnassign", null, "casesUnassigned", "secondary")); }
    card.appendChild(assign);

    // Status
    var statusSelect = W.select(MOVES.map(function (m) { return [m, W.status(m)]; }), s.status === "under_review" ? "closed" : "under_review");
    var note = W.el("textarea", { maxlength: "2000" });
    var internal = W.el("input", { type: "radio", name: "status-public", id: "status-internal", value: "false", checked: true });
    var external = W.el("input", { type: "radio", name: "status-public", id: "status-public-yes", value: "true" });
    var statusForm = W.el("form", { novalidate: true, "aria-labelledby": "status-title" },
      W.el("h4", { id: "status-title", text: W.t("casesStatusTitle") }),
      W.field("status-status", "casesNewStatus", statusSelect),
      W.field("status-note", "casesNote", note, "casesNoteHint"),
      W.el("fieldset", { id: "status-public" }, W.el("legend", { text: W.t("casesShowTo") }),
        W.el("label", { class: "check", for: "status-internal" }, internal, W.t("casesShowInternal")),
        W.el("label", { class: "check", for: "status-public-yes" }, external, W.t("casesShowPublic")),
        W.el("p", { class: "error", id: "status-public-error", hidden: true })),
      W.el("div", { class: "actions" }, W.el("button", { type: "submit", id: "status-go", text: W.t("casesStatusGo") })));
    W.cases.onSubmit(statusForm, async function () {
      var body = { status: statusSelect.value, public: external.checked };
      if (note.value.trim()) { body.note = note.value.trim(); }
      var result = await W.api("PATCH", base + "/status", body);
      if (result.status === 200) { await done(W.t("casesStatusDone", { status: W.status(result.body.status) })); return; }
      if (result.status === 409 && result.body && !result.body.detail) { result.body.detail = W.t("casesConflict"); }
      W.cases.problem(statusForm, result, "status-");
    });

    // Message to the reporter
    var message = W.el("textarea", { maxlength: "5000", required: true });
    var messageForm = W.el("form", { novalidate: true, "aria-labelledby": "message-title" },
      W.el("h4", { id: "message-title", text: W.t("casesMessageTitle") }),
      W.field("message-text", "casesMessage", message, "casesMessageHint"),
      W.el("div", { class: "actions" }, W.el("button", { type: "submit", id: "message-go", text: W.t("casesMessageGo") })));
    W.cases.onSubmit(messageForm, async function () {
      var result = await W.api("POST", base + "/messages", { text: message.value });
      if (result.status === 201) { await done(W.t("casesMessageDone")); return; }
      W.cases.problem(messageForm, result, "message-");
    });

    // Internal note
    var noteText = W.el("textarea", { maxlength: "5000", required: true });
    var noteForm = W.el("form", { novalidate: true, "aria-labelledby": "note-title" },
      W.el("h4", { id: "note-title", text: W.t("casesNoteTitle") }),
      W.field("note-text", "casesNoteText", noteText, "casesNoteTextHint"),
      W.el("div", { class: "actions" }, W.el("button", { type: "submit", id: "note-go", class: "secondary", text: W.t("casesNoteGo") })));
    W.cases.onSubmit(noteForm, async function () {
      var result = await W.api("POST", base + "/notes", { text: noteText.value });
      if (result.status === 201) { await done(W.t("casesNoteDone")); return; }
      W.cases.problem(noteForm, result, "note-");
    });

    // Reclassify or transfer
    var reason = W.el("textarea", { maxlength: "500", required: true });
    var category = W.select(W.config.categories.map(function (c) { return [c.id, W.category(c.id)]; }), s.category);
    var province = W.select(W.config.provinces.map(function (p) { return [p.code, W.province(p.code)]; })
      .sort(function (a, b) { return a[1].localeCompare(b[1], W.lang === "th" ? "th" : "en"); }), s.province);
    var agency = W.el("input", { type: "text", maxlength: "300", value: s.agency });
    var moveForm = W.el("form", { novalidate: true, "aria-labelledby": "move-title" },
      W.el("h4", { id: "move-title", text: W.t("casesReclassifyTitle") }),
      W.el("p", { class: "hint", text: W.t("casesTransferHint") }),
      W.el("div", { class: "row" }, W.field("move-category", "casesCategory", category), W.field("move-province", "casesProvince", province)),
      W.field("move-agency", "casesAgency", agency),
      W.field("move-reason", "casesReason", reason, "casesReasonHint"),
      W.el("div", { class: "actions" }, W.el("button", { type: "submit", id: "move-go", class: "secondary", text: W.t("casesReclassifyGo") })));
    W.cases.onSubmit(moveForm, async function () {
      var body = { reason: reason.value.trim() };
      if (category.value !== s.category) { body.category = category.value; }
      if (province.value !== s.province) { body.province = province.value; }
      if (agency.value.trim() !== s.agency) { body.agency = agency.value.trim(); }
      if (!body.category && !body.province && body.agency === undefined) {
        W.cases.problem(moveForm, { status: 400, body: { detail: W.t("casesNothingChanged") } }, "move-");
        return;
      }
      var result = await W.api("PATCH", base, body);
      if (result.status !== 200) { W.cases.problem(moveForm, result, "move-"); return; }
      if (W.me.regions.indexOf(result.body.region) < 0) { done(null, W.t("casesTransferred", { region: W.regionName(result.body.region) })); return; }
      await done(W.t("casesReclassifyDone"));
    });

    // Link
    var otherId = W.el("input", { type: "text", maxlength: "26", autocomplete: "off", spellcheck: "false" });
    var relation = W.select([["related", W.t("relation_related")], ["duplicate_of", W.t("relation_duplicate_of")]], "related");
    var linkForm = W.el("form", { novalidate: true, "aria-labelledby": "link-title" },
      W.el("h4", { id: "link-title", text: W.t("casesLinkTitle") }),
      W.el("div", { class: "row" }, W.field("link-otherId", "casesOtherId", otherId), W.field("link-relation", "casesRelation", relation)),
      W.el("div", { class: "actions" }, W.el("button", { type: "submit", id: "link-go", class: "secondary", text: W.t("casesLinkGo") })));
    W.cases.onSubmit(linkForm, async function () {
      var result = await W.api("POST", base + "/links", { otherId: otherId.value.trim().toUpperCase(), relation: relation.value });
      if (result.status === 200 || result.status === 201) { await done(W.t("casesLinkDone")); return; }
      W.cases.problem(linkForm, result, "link-");
    });

    // Legal hold: while it stands the case's records are kept as they are (the reporter cannot
    // turn the case anonymous, retention leaves it); placing and lifting both need a reason.
    var held = !!(view.legalHold && view.legalHold.hold);
    var holdReason = W.el("textarea", { maxlength: "500", minlength: "10", required: true });
    var holdForm = W.el("form", { novalidate: true, "aria-labelledby": "hold-title" },
      W.el("h4", { id: "hold-title", text: W.t(held ? "casesHoldLiftTitle" : "casesHoldTitle") }),
      W.el("p", { class: "hint", text: W.t(held ? "casesHoldLiftHint" : "casesHoldHint") }),
      W.field("hold-reason", "casesReason", holdReason, "casesReasonHint"),
      W.el("div", { class: "actions" }, W.el("button", { type: "submit", id: "hold-go", class: "secondary", text: W.t(held ? "casesHoldLiftGo" : "casesHoldGo") })));
    W.cases.onSubmit(holdForm, async function () {
      var result = await W.api("PUT", base + "/legal-hold", { hold: !held, reason: holdReason.value.trim() });
      if (result.status === 200) { await done(W.t(result.body.hold ? "casesHoldPlaced" : "casesHoldLifted")); return; }
      W.cases.problem(holdForm, result, "hold-");
    });

    [statusForm, messageForm, noteForm, moveForm, linkForm, holdForm].forEach(function (f) { card.appendChild(W.el("div", { class: "card" }, f)); });
    return card;
  }

  W.caseActions = { card: actionsCard };
})(window.Workspace);
