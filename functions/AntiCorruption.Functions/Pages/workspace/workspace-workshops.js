// Workshops: the fiscal year's workshops in the officer's regions with their seats (#/workshops),
// and one workshop (#/workshops/{id}). The form that creates and changes one (Workshops.Manage)
// is workspace-workshop-form.js, a workshop's attendee list, with its CSV and XLSX files,
// workspace-attendees.js, and the door's check-in screen workspace-checkin.js; the texts of the
// check-in screen are here with these.
"use strict";
(function (W) {
  var MANAGE = "Workshops.Manage";
  var CHECKIN = "Workshops.CheckIn";
  var ROLES = [MANAGE, CHECKIN];

  W.addStrings({
    th: {
      workshopsNav: "การอบรม", workshopsTitle: "การอบรม ปีงบประมาณ {year}", workshopsFiscalYear: "ปีงบประมาณ (พ.ศ.)", workshopsShow: "แสดง",
      workshopsNone: "ไม่มีการอบรมในปีงบประมาณนี้ในเขตงานของท่าน", workshopsListCaption: "การอบรมในปีงบประมาณ {year}",
      workshopsColTitle: "หัวข้อการอบรม", workshopsColProvince: "จังหวัด", workshopsColVenue: "สถานที่", workshopsColWhen: "วันเวลา",
      workshopsColSeats: "ที่นั่ง", workshopsColCapacity: "จำนวนที่นั่ง", workshopsColConfirmed: "ยืนยันแล้ว", workshopsColWaitlisted: "รอคิว",
      workshopsColCheckedIn: "เช็กอินแล้ว", workshopsColRemaining: "ที่นั่งว่าง", workshopsColState: "สถานะ", workshopsColActions: "ดำเนินการ",
      workshopsSeats: "รับ {capacity} · ยืนยัน {confirmed} · รอคิว {waitlisted} · เช็กอิน {checkedIn} · ว่าง {remaining}",
      workshopsPast: "จบแล้ว", workshopsOpen: "เปิดรับสมัคร", workshopsClosed: "ปิดรับสมัคร", workshopsUntil: "ถึง",
      workshopsCreated: "สร้างการอบรมแล้ว: {title}",
      workshopsSaved: "บันทึกแล้ว ที่นั่ง {capacity} · ยืนยันแล้ว {confirmed} · รอคิว {waitlisted} · ว่าง {remaining}",
      workshopsBack: "กลับไปรายการการอบรม", workshopsDeadline: "ปิดรับสมัคร", workshopsRegistration: "การรับสมัคร", workshopsToCheckIn: "เปิดหน้าเช็กอิน",
      workshopsCheckInTitle: "เช็กอินผู้เข้าอบรม", workshopsCheckInCount: "เช็กอินแล้ว {checkedIn} จาก {seats} คนที่ได้ที่นั่ง",
      workshopsReady: "พร้อมเช็กอิน สแกนรหัส QR หรือพิมพ์รหัสยืนยัน", workshopsChecking: "กำลังตรวจสอบ…",
      workshopsOk: "✓ เช็กอินแล้ว: {name}", workshopsOkNoName: "✓ เช็กอินแล้ว", workshopsAlready: "✗ เช็กอินไปแล้ว",
      workshopsNotHere: "✗ ไม่พบรหัสนี้ในการอบรมนี้", workshopsNotConfirmed: "✗ ยังไม่ได้รับการยืนยันที่นั่ง (เช่น อยู่ในรายชื่อรอคิว)",
      workshopsBadCode: "✗ รูปแบบรหัสไม่ถูกต้อง (รหัสมี 20 ตัวอักษร)", workshopsCheckInFailed: "✗ เช็กอินไม่สำเร็จ: {reason}",
      workshopsCamera: "กล้อง", workshopsCameraStart: "เปิดกล้องสแกน QR", workshopsCameraStop: "ปิดกล้อง", workshopsVideo: "ภาพจากกล้องสำหรับสแกนรหัส QR",
      workshopsCameraOn: "กล้องเปิดอยู่ ให้ผู้เข้าอบรมยื่นรหัส QR เข้าหากล้อง", workshopsCameraOff: "กล้องปิดอยู่",
      workshopsCameraNone: "ใช้กล้องไม่ได้ (ไม่มีกล้องหรือไม่ได้รับอนุญาต) กรุณาพิมพ์รหัสแทน", workshopsDecoderNone: "เบราว์เซอร์นี้อ่านรหัส QR ไม่ได้ กรุณาพิมพ์รหัสแทน",
      workshopsTyped: "พิมพ์รหัส", workshopsCode: "รหัสยืนยัน", workshopsCodeHint: "20 ตัวอักษร จะมีขีดหรือเว้นวรรคหรือไม่ก็ได้", workshopsCheckIn: "เช็กอิน",
      workshopsToAttendees: "ดูรายชื่อผู้ลงทะเบียน",
    },
    en: {
      workshopsNav: "Workshops", workshopsTitle: "Workshops, fiscal year {year}", workshopsFiscalYear: "Fiscal year (Buddhist Era)", workshopsShow: "Show",
      workshopsNone: "No workshops in this fiscal year within your scope.", workshopsListCaption: "Workshops in fiscal year {year}",
      workshopsColTitle: "Workshop", workshopsColProvince: "Province", workshopsColVenue: "Venue", workshopsColWhen: "When",
      workshopsColSeats: "Seats", workshopsColCapacity: "Capacity", workshopsColConfirmed: "Confirmed", workshopsColWaitlisted: "Waitlisted",
      workshopsColCheckedIn: "Checked in", workshopsColRemaining: "Seats left", workshopsColState: "State", workshopsColActions: "Actions",
      workshopsSeats: "capacity {capacity} · confirmed {confirmed} · waitlisted {waitlisted} · checked in {checkedIn} · left {remaining}",
      workshopsPast: "Ended", workshopsOpen: "Registration open", workshopsClosed: "Registration closed", workshopsUntil: "to",
      workshopsCreated: "Workshop created: {title}",
      workshopsSaved: "Saved. Capacity {capacity} · confirmed {confirmed} · waitlisted {waitlisted} · left {remaining}",
      workshopsBack: "Back to workshops", workshopsDeadline: "Registration closes", workshopsRegistration: "Registration", workshopsToCheckIn: "Open check-in",
      workshopsCheckInTitle: "Check-in", workshopsCheckInCount: "{checkedIn} of {seats} seated attendees checked in",
      workshopsReady: "Ready: scan a QR code or type a confirmation code", workshopsChecking: "Checking…",
      workshopsOk: "✓ Checked in: {name}", workshopsOkNoName: "✓ Checked in", workshopsAlready: "✗ Already checked in",
      workshopsNotHere: "✗ This code is not for this workshop", workshopsNotConfirmed: "✗ No confirmed seat (waitlisted, for example)",
      workshopsBadCode: "✗ Not a confirmation code (codes have 20 characters)", workshopsCheckInFailed: "✗ Check-in failed: {reason}",
      workshopsCamera: "Camera", workshopsCameraStart: "Start camera", workshopsCameraStop: "Stop camera", workshopsVideo: "Camera view for scanning QR codes",
      workshopsCameraOn: "Camera on: hold the attendee's QR code in front of it", workshopsCameraOff: "Camera off",
      workshopsCameraNone: "The camera cannot be used (none, or not allowed). Type the code instead.", workshopsDecoderNone: "This browser cannot read QR codes. Type the code instead.",
      workshopsTyped: "Type a code", workshopsCode: "Confirmation code", workshopsCodeHint: "20 characters, with or without dashes or spaces", workshopsCheckIn: "Check in",
      workshopsToAttendees: "See the attendee list",
    },
  });

  // ---- helpers ------------------------------------------------------------------------------------
  var flash = null; // a message for the next rendering of a screen: {key, values} or {workshop: true}

  function stateTags(w) {
    return [
      w.past ? W.el("span", { class: "tag overdue", text: W.t("workshopsPast") }) : null,
      w.past ? null : W.el("span", { class: "tag", text: W.t(w.registrationOpen ? "workshopsOpen" : "workshopsClosed") }),
    ];
  }
  function when(w) { return W.dateTime(w.startsAt) + " " + W.t("workshopsUntil") + " " + W.dateTime(w.endsAt); }
  function seatsText(w) {
    return W.t("workshopsSeats", { capacity: W.number(w.capacity), confirmed: W.number(w.confirmed), waitlisted: W.number(w.waitlisted), checkedIn: W.number(w.checkedIn), remaining: W.number(w.seatsRemaining) });
  }
  function yearOf(params) {
    var y = params && params.get("fiscalYear");
    return y && /^\d{4}$/.test(y) ? Number(y) : null;
  }
  // The staff view of one workshop (seats, past): its fiscal year from the link, or from the public route.
  async function loadWorkshop(id, params) {
    var year = yearOf(params);
    if (!year) {
      var open = await W.api("GET", "/api/workshops/" + encodeURIComponent(id));
      if (open.status !== 200) { return { result: open }; }
      year = open.body.fiscalYear;
    }
    var list = await W.api("GET", "/api/staff/workshops?fiscalYear=" + year);
    if (list.status !== 200) { return { result: list }; }
    var found = list.body.find(function (w) { return w.id === id; });
    return found ? { workshop: found } : { result: { status: 404, body: null } };
  }
  function detailHash(w) { return "workshops/" + w.id + "?fiscalYear=" + w.fiscalYear; }
  function checkInHash(w) { return "workshops/" + w.id + "/checkin?fiscalYear=" + w.fiscalYear; }

  // ---- #/workshops --------------------------------------------------------------------------------
  async function renderList(main, match, params, renderId) {
    var current = W.fiscalYear();
    var year = yearOf(params) || current;
    W.heading(main, "workshopsTitle", { year: year });
    var shown = flash;
    flash = null;
    if (shown && shown.key) {
      main.appendChild(W.el("p", { class: "notice ok", role: "status", text: W.t(shown.key, shown.values) }));
    }

    var years = [];
    for (var y = current - 4; y <= current + 2; y++) { years.push(y); }
    if (years.indexOf(year) < 0) { years.push(year); years.sort(); }
    var yearSelect = W.select(years.map(function (v) { return [v, String(v)]; }), year);
    var yearForm = W.el("form", { class: "card row", "aria-label": W.t("workshopsFiscalYear") },
      W.field("fiscalYear", "workshopsFiscalYear", yearSelect),
      W.el("div", { class: "narrow" }, W.el("button", { type: "submit", class: "secondary", id: "show-year", text: W.t("workshopsShow") })));
    yearForm.addEventListener("submit", function (event) { event.preventDefault(); W.go("workshops?fiscalYear=" + yearSelect.value); });
    main.appendChild(yearForm);

    if (W.has(MANAGE)) {
      var create = W.workshopForm.createCard(function (created) {
        flash = { key: "workshopsCreated", values: { title: created.title } };
        W.go("workshops?fiscalYear=" + created.fiscalYear);
      });
      main.append(W.el("div", { class: "actions" }, create.open), create.card);
    }

    var holder = W.el("div", { "aria-busy": "true" }, W.el("p", { class: "hint", text: W.t("loading") }));
    main.appendChild(holder);
    var result = await W.api("GET", "/api/staff/workshops?fiscalYear=" + year);
    if (W.stale(renderId)) { return; }
    W.clear(holder).removeAttribute("aria-busy");
    if (result.status !== 200) { W.showProblem(holder, result); return; }
    if (!result.body.length) { holder.appendChild(W.el("p", { class: "notice warn", text: W.t("workshopsNone") })); return; }

    var labels = ["workshopsColTitle", "workshopsColProvince", "workshopsColVenue", "workshopsColWhen", "workshopsColCapacity", "workshopsColConfirmed",
      "workshopsColWaitlisted", "workshopsColCheckedIn", "workshopsColRemaining", "workshopsColState", "workshopsColActions"];
    var cell = function (key, content) { return W.el("td", { "data-label": W.t(key) }, content); };
    holder.appendChild(W.el("table", { class: "stack", id: "workshops" },
      W.el("caption", { class: "sr-only", text: W.t("workshopsListCaption", { year: year }) }),
      W.el("thead", null, W.el("tr", null, labels.map(function (k) { return W.el("th", { scope: "col", text: W.t(k) }); }))),
      W.el("tbody", null, result.body.map(function (w) {
        var checkIn = W.el("button", { type: "button", class: "secondary", text: W.t("workshopsToCheckIn") });
        checkIn.addEventListener("click", function () { W.go(checkInHash(w)); });
        return W.el("tr", { "data-id": w.id, class: w.past ? "past" : null },
          cell("workshopsColTitle", W.el("a", { href: "#/" + detailHash(w), text: w.title })),
          cell("workshopsColProvince", W.province(w.province)),
          cell("workshopsColVenue", w.venue),
          cell("workshopsColWhen", when(w)),
          cell("workshopsColCapacity", W.number(w.capacity)),
          cell("workshopsColConfirmed", W.number(w.confirmed)),
          cell("workshopsColWaitlisted", W.number(w.waitlisted)),
          cell("workshopsColCheckedIn", W.number(w.checkedIn)),
          cell("workshopsColRemaining", W.number(w.seatsRemaining)),
          cell("workshopsColState", stateTags(w)),
          cell("workshopsColActions", w.past ? null : checkIn));
      }))));
  }

  // ---- #/workshops/{id} ---------------------------------------------------------------------------
  async function renderDetail(main, match, params, renderId) {
    var id = match[1];
    var h = W.heading(main, "workshopsNav");
    var loading = W.el("p", { class: "hint", text: W.t("loading") });
    main.appendChild(loading);
    var found = await loadWorkshop(id, params);
    if (W.stale(renderId)) { return; }
    loading.remove();
    var back = W.el("p", null, W.el("a", { href: "#/workshops" + (found.workshop ? "?fiscalYear=" + found.workshop.fiscalYear : ""), text: W.t("workshopsBack") }));
    if (!found.workshop) { main.appendChild(back); W.showProblem(main, found.result); return; }
    var w = found.workshop;
    h.textContent = w.title;
    var shown = flash;
    flash = null;
    var notice = shown && shown.saved ? W.el("p", { class: "notice ok", role: "status", tabindex: "-1", id: "saved",
      text: W.t("workshopsSaved", { capacity: W.number(w.capacity), confirmed: W.number(w.confirmed), waitlisted: W.number(w.waitlisted), remaining: W.number(w.seatsRemaining) }) }) : null;

    var toCheckIn = W.el("button", { type: "button", id: "to-checkin", text: W.t("workshopsToCheckIn") });
    toCheckIn.addEventListener("click", function () { W.go(checkInHash(w)); });
    var actions = W.el("div", { class: "actions" }, toCheckIn);
    if (W.has(MANAGE)) {
      W.attendees.downloads(id).forEach(function (b) { actions.appendChild(b); });
    }

    main.append(back);
    if (notice) { main.appendChild(notice); }
    main.append(W.el("section", { class: "card", "aria-label": w.title },
      W.el("p", null, stateTags(w)),
      W.el("dl", null,
        W.el("dt", { text: W.t("workshopsColProvince") }), W.el("dd", { text: W.province(w.province) }),
        W.el("dt", { text: W.t("workshopsColVenue") }), W.el("dd", { text: w.venue }),
        W.el("dt", { text: W.t("workshopsColWhen") }), W.el("dd", { text: when(w) }),
        W.el("dt", { text: W.t("workshopsDeadline") }), W.el("dd", { text: W.dateTime(w.registrationDeadline) }),
        W.el("dt", { text: W.t("workshopsColSeats") }), W.el("dd", { id: "seats", text: seatsText(w) })),
      actions));

    if (W.has(MANAGE)) {
      var edit = W.workshopForm.editCard(w, async function () {
        // The answer has no waitlist counts: the screen is drawn again from the staff list, with the promoted attendees.
        flash = { saved: true };
        await W.rerender();
        var saved = document.getElementById("saved");
        if (saved) { saved.focus(); }
      });
      main.append(W.el("div", { class: "actions" }, edit.open), edit.card);
    }

    var section = W.el("section", { "aria-labelledby": "attendees-title" });
    main.appendChild(section);
    await W.attendees.render(section, id, renderId);
  }

  // What the door's check-in screen (workspace-checkin.js) shares with these.
  W.workshops = { roles: ROLES, load: loadWorkshop, when: when, detailHash: detailHash };

  W.route({ pattern: /^workshops$/, home: "workshops", nav: "workshopsNav", roles: ROLES, render: renderList });
  W.route({ pattern: /^workshops\/([a-z0-9-]{3,64})$/, roles: ROLES, render: renderDetail });
})(window.Workspace);
