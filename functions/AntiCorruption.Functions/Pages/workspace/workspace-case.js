// One case (#/cases/{id}): its details, evidence (images inline, files downloaded through the
// app), conversation, history, notes and links, the handling actions for Complaints.Manage, and
// the reporter's identity behind a warning and a reason. Its texts are in workspace-cases.js.
"use strict";
(function (W) {
  var MOVES = ["under_review", "referred", "closed", "dismissed"];
  var IMAGES = ["image/jpeg", "image/png", "image/webp"];
  var blobs = [];

  function withdrawn(view) { return view.erased && view.erased.reporter && view.erased.reporter.by === "reporter"; }

  function summaryCard(view) {
    var s = view.summary;
    return W.el("section", { class: "card", "aria-labelledby": "case-summary" }, W.el("h3", { id: "case-summary", text: W.t("casesSummary") }),
      W.cases.dl([
        ["casesStatus", [W.el("span", { class: "tag", text: W.status(s.status) }), " ", W.cases.overdueTags(s)]],
        ["casesReference", view.reference], ["casesId", s.id],
        ["casesReceived", W.dateTime(s.receivedAt)], ["casesUpdated", W.dateTime(s.updatedAt)],
        ["casesAckBy", W.dateTime(s.acknowledgeBy)], ["casesFeedbackBy", W.dateTime(s.feedbackDueBy)],
        ["casesChannel", W.t("channel_" + s.channel)], ["casesCategory", W.category(s.category)],
        ["casesProvince", W.province(s.province)], ["casesRegion", W.regionName(s.region)], ["casesAgency", s.agency],
        ["casesAssignee", W.cases.assigneeText(s.assignee)], ["casesAnonymous", W.t(s.anonymous ? "yes" : "no")],
        // That the reporter withdrew their identity, and when; never what it was.
        withdrawn(view) ? ["casesIdentityWithdrawn", W.dateTime(view.erased.reporter.at)] : null,
        view.legalHold && view.legalHold.hold ? ["casesLegalHold", W.t("casesLegalHoldSince", { since: W.dateTime(view.legalHold.since), by: W.cases.assigneeText(view.legalHold.by) })] : null,
      ]));
  }

  function detailsCard(view) {
    var d = view.details;
    var where = d.location ? d.location.latitude + ", " + d.location.longitude : W.t("none");
    return W.el("section", { class: "card", "aria-labelledby": "case-details" }, W.el("h3", { id: "case-details", text: W.t("casesDetails") }),
      W.cases.dl([
        ["casesSubject", W.cases.textOr(d.subject)], ["casesDescription", d.description], ["casesAccused", W.cases.textOr(d.accusedName)],
        ["casesPosition", W.cases.textOr(d.accusedPosition)], ["casesLocation", where], ["casesAmount", W.baht(view.amountThb)],
        ["casesIncident", W.date(view.incidentDate)], ["casesConsent", W.t(view.consent ? "yes" : "no")],
      ]));
  }

  function evidenceCard(view, renderId) {
    var card = W.el("section", { class: "card evidence", "aria-labelledby": "case-evidence" }, W.el("h3", { id: "case-evidence", text: W.t("casesEvidence") }));
    var erased = view.erased && view.erased.evidence;
    if (erased) { card.appendChild(W.el("p", { class: "hint", id: "evidence-erased", text: W.t("casesEvidenceErased", { at: W.dateTime(erased.at) }) })); }
    else if (!view.attachments.length) { card.appendChild(W.el("p", { class: "hint", text: W.t("casesNoEvidence") })); }
    view.attachments.forEach(function (a, i) {
      var n = i + 1;
      var ext = (a.contentType.split("/")[1] || "bin").replace("jpeg", "jpg");
      var download = W.el("button", { type: "button", class: "secondary", text: W.t("casesDownloadFile", { n: n, type: ext.toUpperCase(), size: W.cases.size(a.size) }),
        onclick: function () { W.download(a.url, "evidence-" + n + "." + ext).catch(function () {}); } });
      var figure = W.el("figure", null);
      if (IMAGES.indexOf(a.contentType) >= 0) {
        var img = W.el("img", { alt: W.t("casesPhotoAlt", { n: n }) });
        figure.appendChild(img);
        W.blobUrl(a.url).then(function (url) {
          if (!url) { figure.replaceChild(W.el("p", { class: "hint", text: W.t("casesPhotoFailed") }), img); return; }
          if (W.stale(renderId)) { URL.revokeObjectURL(url); return; }
          blobs.push(url);
          img.src = url;
        }).catch(function () {});
      }
      figure.appendChild(W.el("figcaption", null, download));
      card.appendChild(figure);
    });
    return card;
  }

  function conversationCard(view) {
    var card = W.el("section", { class: "card conversation", "aria-labelledby": "case-conversation" }, W.el("h3", { id: "case-conversation", text: W.t("casesConversation") }));
    if (view.earlierMessagesOmitted) { card.appendChild(W.el("p", { class: "hint", text: W.t("casesEarlier") })); }
    var erased = view.erased && view.erased.messages;
    if (erased) { card.appendChild(W.el("p", { class: "hint", id: "messages-erased", text: W.t("casesMessagesErased", { at: W.dateTime(erased.at) }) })); }
    if (!view.messages.length) { if (!erased) { card.appendChild(W.el("p", { class: "hint", text: W.t("casesNoMessages") })); } return card; }
    card.appendChild(W.el("ol", { class: "messages" }, view.messages.map(function (m) {
      return W.el("li", null, W.el("p", { class: "muted" }, W.el("strong", { text: W.t(m.from === "staff" ? "casesFromStaff" : "casesFromReporter") }), " · ", W.dateTime(m.at)),
        W.el("p", { text: m.text }));
    })));
    return card;
  }

  function historyCard(view) {
    var card = W.el("section", { class: "card timeline", "aria-labelledby": "case-history" }, W.el("h3", { id: "case-history", text: W.t("casesHistory") }));
    card.appendChild(W.el("ol", null, view.history.map(function (h) {
      var changes = (h.changes || []).map(function (c) {
        var show = c.field === "category" ? W.category : c.field === "province" ? W.province : c.field === "region" ? function (v) { return v === null ? W.t("none") : W.regionName(Number(v)); }
          : c.field === "anonymous" || c.field === "legalHold" ? function (v) { return W.t(v === "true" ? "yes" : "no"); } : W.cases.textOr;
        return W.el("p", { text: W.t("casesChange", { field: W.t("field_" + c.field), from: show(c.from), to: show(c.to) }) });
      });
      return W.el("li", null,
        W.el("p", null, W.el("strong", { text: W.status(h.status) }), " · ", W.dateTime(h.at), h.by ? " · " + W.t("casesBy", { by: W.cases.assigneeText(h.by) }) : "",
          h.note ? [" ", W.el("span", { class: "tag", text: W.t(h.public ? "casesPublic" : "casesInternal") })] : null),
        h.note ? W.el("p", { text: h.note }) : null, changes);
    })));
    return card;
  }

  function notesCard(view) {
    var card = W.el("section", { class: "card timeline", "aria-labelledby": "case-notes" }, W.el("h3", { id: "case-notes", text: W.t("casesNotes") }));
    if (!view.notes.length) { card.appendChild(W.el("p", { class: "hint", text: W.t("casesNoNotes") })); return card; }
    card.appendChild(W.el("ol", null, view.notes.map(function (n) {
      return W.el("li", null, W.el("p", { class: "muted", text: W.dateTime(n.at) + " · " + W.t("casesBy", { by: W.cases.assigneeText(n.by) }) }), W.el("p", { text: n.text }));
    })));
    return card;
  }

  function linksCard(view) {
    var card = W.el("section", { class: "card", "aria-labelledby": "case-links" }, W.el("h3", { id: "case-links", text: W.t("casesLinks") }));
    var links = view.links || [];
    if (!links.length) { card.appendChild(W.el("p", { class: "hint", text: W.t("casesNoLinks") })); return card; }
    card.appendChild(W.el("ul", null, links.map(function (l) {
      return W.el("li", null, W.t("relation_" + l.relation) + " ", W.el("a", { href: "#/cases/" + encodeURIComponent(l.id), text: l.id }), " · " + W.dateTime(l.at));
    })));
    return card;
  }

  function identityCard(view, id) {
    var card = W.el("section", { class: "card", "aria-labelledby": "case-identity" }, W.el("h3", { id: "case-identity", text: W.t("casesIdentityTitle") }));
    if (view.summary.anonymous) { card.appendChild(W.el("p", { class: "hint", text: W.t("casesReporterAnonymous") })); return card; }
    if (view.erased && view.erased.reporter) {
      card.appendChild(W.el("p", { class: "hint", id: "identity-erased", text: W.t("casesReporterErased", { at: W.dateTime(view.erased.reporter.at) }) }));
      return card;
    }
    var reason = W.el("textarea", { maxlength: "500", minlength: "10", required: true });
    var form = W.el("form", { novalidate: true },
      W.el("p", { class: "notice warn", id: "identity-warning", text: W.t("casesIdentityWarn") }),
      W.field("identity-reason", "casesIdentityReason", reason, "casesIdentityReasonHint"),
      W.el("div", { class: "actions" }, W.el("button", { type: "submit", class: "danger", id: "identity-open", "aria-describedby": "identity-warning", text: W.t("casesIdentityGo") })));
    card.appendChild(form);
    W.cases.onSubmit(form, async function () {
      var result = await W.api("POST", "/api/staff/complaints/" + encodeURIComponent(id) + "/identity", { reason: reason.value.trim() });
      if (result.status !== 200) { W.cases.problem(form, result, "identity-"); return; }
      var r = result.body.reporter;
      var shown = W.el("div", { id: "identity-shown", tabindex: "-1" },
        W.el("p", { class: "notice warn", role: "status", text: W.t("casesIdentityShown") }),
        r ? W.cases.dl([["casesReporterName", r.name], ["casesReporterPhone", W.cases.textOr(r.phone)], ["casesReporterEmail", W.cases.textOr(r.email)], r.lineUserId ? ["casesReporterLine", r.lineUserId] : null])
          : W.el("p", { text: W.t("casesReporterAnonymous") }));
      card.replaceChild(shown, form);
      shown.focus();
    });
    return card;
  }

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

  async function renderCase(main, match, params, renderId, confirmation) {
    var id = decodeURIComponent(match[1]);
    blobs.forEach(function (u) { URL.revokeObjectURL(u); });
    blobs = [];
    var result = await W.api("GET", "/api/staff/complaints/" + encodeURIComponent(id));
    if (W.stale(renderId)) { return; }
    W.clear(main);
    var back = W.el("p", null, W.el("a", { href: "#/" + W.cases.lastQueue, text: W.t("casesBack") }));
    if (result.status !== 200) {
      W.heading(main, result.status === 404 ? "casesNotFoundTitle" : "casesTitle");
      main.appendChild(W.el("p", { class: "notice bad", role: "alert", text: result.status === 404 ? W.t("notFound") : result.status === 403 ? W.t("noRole") : W.t("failed") }));
      main.appendChild(back);
      return;
    }
    var view = result.body;
    var heading = W.heading(main, "casesCaseTitle", { ref: view.reference });
    main.appendChild(back);
    var status = W.el("p", { role: "status", id: "case-confirmation", tabindex: "-1" });
    main.appendChild(status);
    main.append(summaryCard(view), detailsCard(view), evidenceCard(view, renderId), conversationCard(view), historyCard(view), notesCard(view), linksCard(view));
    if (W.has("Complaints.Identity")) { main.appendChild(identityCard(view, id)); }
    if (W.has("Complaints.Manage")) {
      main.appendChild(actionsCard(view, id, async function (message, gone) {
        if (gone) {
          W.clear(main);
          W.heading(main, "casesCaseTitle", { ref: view.reference });
          var notice = W.el("p", { class: "notice ok", role: "status", tabindex: "-1", text: gone });
          main.append(notice, W.el("p", null, W.el("a", { href: "#/" + W.cases.lastQueue, text: W.t("casesBack") })));
          notice.focus();
          return;
        }
        await renderCase(main, match, params, renderId, message);
      }));
    }
    if (confirmation) {
      status.className = "notice ok";
      status.textContent = confirmation;
      W.toast(confirmation);
      status.focus();
    } else if (heading && document.activeElement === document.body) {
      heading.focus();
    }
  }

  W.route({ pattern: /^cases\/([^/]+)$/, roles: W.cases.roles, render: function (main, match, params, renderId) { return renderCase(main, match, params, renderId, null); } });
})(window.Workspace);
