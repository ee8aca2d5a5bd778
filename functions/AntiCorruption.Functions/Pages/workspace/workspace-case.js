// One case (#/cases/{id}): its details, evidence (images inline, files downloaded through the
// app), conversation, history, notes and links, and the reporter's identity behind a warning and
// a reason; below them, for Complaints.Manage, the handling actions of workspace-case-actions.js.
// Its texts are in workspace-cases.js.
"use strict";
(function (W) {
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
      main.appendChild(W.caseActions.card(view, id, async function (message, gone) {
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
