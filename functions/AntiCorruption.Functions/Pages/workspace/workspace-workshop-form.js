// A workshop's create and edit form, for Workshops.Manage: its fields (a Bangkok wall-clock time
// for each instant, a province within the officer's regions), the body it sends (every field for
// a new workshop, only the changed ones for a change), and the two cards that hold it: "New
// workshop" above the list (#/workshops) and "Edit details" on a workshop (#/workshops/{id}),
// both drawn by workspace-workshops.js, which says what follows a success. Its texts are here.
"use strict";
(function (W) {
  W.addStrings({
    th: {
      workshopsNew: "สร้างการอบรมใหม่", workshopsNewTitle: "สร้างการอบรม", workshopsCreate: "สร้างการอบรม",
      workshopsFieldTitle: "หัวข้อการอบรม", workshopsFieldProvince: "จังหวัด", workshopsFieldVenue: "สถานที่",
      workshopsFieldStarts: "เริ่ม", workshopsFieldEnds: "สิ้นสุด", workshopsFieldDeadline: "ปิดรับสมัคร", workshopsFieldCapacity: "จำนวนที่นั่ง",
      workshopsTimeHint: "เวลาประเทศไทย (UTC+7)", workshopsDeadlineHint: "เวลาประเทศไทย (UTC+7) ต้องไม่หลังเวลาเริ่ม",
      workshopsCapacityHint: "เพิ่มที่นั่งแล้ว ผู้ที่รอคิวจะได้ที่นั่งตามลำดับทันที", workshopsChooseProvince: "— เลือกจังหวัด —",
      workshopsEdit: "แก้ไขรายละเอียด", workshopsEditTitle: "แก้ไขรายละเอียดการอบรม", workshopsNoChange: "ไม่มีข้อมูลที่เปลี่ยน",
    },
    en: {
      workshopsNew: "New workshop", workshopsNewTitle: "New workshop", workshopsCreate: "Create workshop",
      workshopsFieldTitle: "Title", workshopsFieldProvince: "Province", workshopsFieldVenue: "Venue",
      workshopsFieldStarts: "Starts", workshopsFieldEnds: "Ends", workshopsFieldDeadline: "Registration closes", workshopsFieldCapacity: "Capacity",
      workshopsTimeHint: "Thailand time (UTC+7)", workshopsDeadlineHint: "Thailand time (UTC+7), not after the start",
      workshopsCapacityHint: "More seats give the waitlist seats at once, in order.", workshopsChooseProvince: "— Choose a province —",
      workshopsEdit: "Edit details", workshopsEditTitle: "Edit workshop details", workshopsNoChange: "Nothing was changed.",
    },
  });

  // An instant as a Bangkok wall-clock value for <input type="datetime-local">.
  function localInput(iso) {
    if (!iso) { return ""; }
    var parts = {};
    new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Bangkok", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(new Date(iso)).forEach(function (p) { parts[p.type] = p.value; });
    return parts.year + "-" + parts.month + "-" + parts.day + "T" + parts.hour + ":" + parts.minute;
  }
  // A datetime-local value, read as Bangkok time: ISO 8601 with +07:00.
  function bangkokIso(value) {
    if (!value) { return null; }
    return (value.length === 16 ? value + ":00" : value) + "+07:00";
  }
  function inScopeProvinces() {
    var regions = W.me ? W.me.regions : [];
    return W.config.provinces.filter(function (p) { return regions.indexOf(p.paccRegion) >= 0; })
      .map(function (p) { return [p.code, W.province(p.code)]; })
      .sort(function (a, b) { return a[1].localeCompare(b[1], W.lang); });
  }

  // The fields of a workshop; ids are the API's field names so that W.showProblem finds them.
  function workshopForm(w, submitKey) {
    var form = W.el("form", { novalidate: true });
    var title = W.el("input", { type: "text", maxlength: "300", required: true, value: w ? w.title : null });
    var province = W.select([["", W.t("workshopsChooseProvince")]].concat(inScopeProvinces()), w ? w.province : "");
    province.required = true;
    var venue = W.el("input", { type: "text", maxlength: "300", required: true, value: w ? w.venue : null });
    var starts = W.el("input", { type: "datetime-local", required: true, value: w ? localInput(w.startsAt) : null });
    var ends = W.el("input", { type: "datetime-local", required: true, value: w ? localInput(w.endsAt) : null });
    var deadline = W.el("input", { type: "datetime-local", required: true, value: w ? localInput(w.registrationDeadline) : null });
    var capacity = W.el("input", { type: "number", min: "1", max: "100000", step: "1", inputmode: "numeric", required: true, value: w ? w.capacity : null });
    form.append(
      W.field("title", "workshopsFieldTitle", title),
      W.el("div", { class: "row" }, W.field("province", "workshopsFieldProvince", province), W.field("venue", "workshopsFieldVenue", venue)),
      W.el("div", { class: "row" }, W.field("startsAt", "workshopsFieldStarts", starts, "workshopsTimeHint"), W.field("endsAt", "workshopsFieldEnds", ends, "workshopsTimeHint")),
      W.el("div", { class: "row" }, W.field("registrationDeadline", "workshopsFieldDeadline", deadline, "workshopsDeadlineHint"),
        W.field("capacity", "workshopsFieldCapacity", capacity, w ? "workshopsCapacityHint" : null)),
      W.el("div", { class: "actions" }, W.el("button", { type: "submit", text: W.t(submitKey) })));
    var initial = {};
    function values() {
      return {
        title: title.value.trim(), province: province.value, venue: venue.value.trim(),
        startsAt: bangkokIso(starts.value), endsAt: bangkokIso(ends.value), registrationDeadline: bangkokIso(deadline.value),
        capacity: capacity.value === "" ? null : Number(capacity.value),
      };
    }
    initial = values();
    // The body: every field given for a new workshop, only the changed ones for a change.
    form.body = function () {
      var now = values();
      var body = {};
      Object.keys(now).forEach(function (k) {
        if (now[k] === null || now[k] === "") { if (!w) { return; } }
        if (w && now[k] === initial[k]) { return; }
        body[k] = now[k];
      });
      return body;
    };
    return form;
  }

  function submitting(form, on) { form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = on; }); }

  // The hidden "New workshop" card and the button that opens it. POSTs the workshop; on 201,
  // created(the new workshop) says what follows. The caller places { open, card }.
  function createCard(created) {
    var card = W.el("section", { class: "card", id: "new-workshop", hidden: true, "aria-labelledby": "new-workshop-title" },
      W.el("h3", { id: "new-workshop-title", tabindex: "-1", text: W.t("workshopsNewTitle") }));
    var form = workshopForm(null, "workshopsCreate");
    card.appendChild(form);
    var open = W.el("button", { type: "button", id: "new-workshop-open", "aria-expanded": "false", "aria-controls": "new-workshop", text: W.t("workshopsNew") });
    open.addEventListener("click", function () {
      card.hidden = !card.hidden;
      open.setAttribute("aria-expanded", String(!card.hidden));
      if (!card.hidden) { form.querySelector("#title").focus(); }
    });
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      W.clearProblem(card);
      submitting(form, true);
      var result = await W.api("POST", "/api/staff/workshops", form.body());
      submitting(form, false);
      if (result.status !== 201) { W.showProblem(card, result, form); return; }
      created(result.body);
    });
    return { open: open, card: card };
  }

  // The hidden "Edit details" card of workshop w and the button that opens it. PATCHes only the
  // changed fields (none: a toast); on 200, await saved() says what follows. The caller places { open, card }.
  function editCard(w, saved) {
    var card = W.el("section", { class: "card", id: "edit-workshop", hidden: true, "aria-labelledby": "edit-workshop-title" },
      W.el("h3", { id: "edit-workshop-title", text: W.t("workshopsEditTitle") }));
    var form = workshopForm(w, "save");
    card.appendChild(form);
    var open = W.el("button", { type: "button", class: "secondary", id: "edit-workshop-open", "aria-expanded": "false", "aria-controls": "edit-workshop", text: W.t("workshopsEdit") });
    open.addEventListener("click", function () {
      card.hidden = !card.hidden;
      open.setAttribute("aria-expanded", String(!card.hidden));
      if (!card.hidden) { form.querySelector("#title").focus(); }
    });
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      W.clearProblem(card);
      var body = form.body();
      if (!Object.keys(body).length) { W.toast(W.t("workshopsNoChange")); return; }
      submitting(form, true);
      var result = await W.api("PATCH", "/api/staff/workshops/" + encodeURIComponent(w.id), body);
      submitting(form, false);
      if (result.status !== 200) { W.showProblem(card, result, form); return; }
      await saved();
    });
    return { open: open, card: card };
  }

  W.workshopForm = { createCard: createCard, editCard: editCard };
})(window.Workspace);
