// Requests by letter (#/requests, DataRequests.Manage): a registrant who writes to PACC instead of
// using their confirmation code. Find their registrations by phone, email or national id (the value
// goes in the request body, never the address bar), export one as a JSON file for the reply, or
// erase one with the letter's reference as the reason. Each step is audited by the app first.
"use strict";
(function (W) {
  // Lengths allow the dashes and spaces a letter writes a number with.
  var KINDS = [["nationalId", "numeric", "20"], ["phone", "tel", "20"], ["email", "email", "254"]];

  W.addStrings({
    th: {
      requestsNav: "คำขอของเจ้าของข้อมูล", requestsTitle: "คำขอของเจ้าของข้อมูลทางหนังสือ (PDPA)",
      requestsIntro: "สำหรับผู้ลงทะเบียนอบรมที่ยื่นคำขอเป็นหนังสือแทนการใช้รหัสยืนยัน ค้นหาได้เฉพาะการลงทะเบียนในเขตงานของท่าน ทุกการค้นหา ส่งออก และลบ บันทึกไว้ในบันทึกการใช้งาน โดยไม่บันทึกค่าที่ใช้ค้นหา",
      requestsFindTitle: "ค้นหาการลงทะเบียน", requestsBy: "ค้นหาด้วย", requestsValue: "ค่าที่ระบุในหนังสือ",
      requestsValueHint: "พิมพ์ตามที่ระบุในหนังสือได้ ไม่ต้องตัดขีดหรือช่องว่าง",
      requestsKind_nationalId: "เลขประจำตัวประชาชน", requestsKind_phone: "หมายเลขโทรศัพท์", requestsKind_email: "อีเมล",
      requestsFind: "ค้นหา", requestsNone: "ไม่พบการลงทะเบียนในเขตงานของท่าน", requestsFound: "พบ {n} รายการ",
      requestsCaption: "การลงทะเบียนที่พบ ใหม่สุดก่อน", requestsName: "ชื่อ", requestsWorkshop: "การอบรม", requestsStarts: "วันอบรม",
      requestsStatus: "สถานะ", requestsRegistered: "ลงทะเบียนเมื่อ", requestsActions: "ดำเนินการ", requestsErasedTag: "ลบข้อมูลแล้ว {at}",
      requestsExport: "ส่งออก JSON", requestsErase: "ลบข้อมูล…",
      requestsEraseTitle: "ลบข้อมูลส่วนบุคคลของ {name}", requestsEraseHint: "การลงทะเบียนที่ยังมีผลจะถูกยกเลิก (ที่นั่งส่งต่อให้ผู้ที่รออยู่) ผู้ที่เข้าอบรมแล้วคงชื่อ ตำแหน่ง หน่วยงาน และเวลาเช็กอินไว้เป็นหลักฐานการอบรมตามระยะเวลาเก็บรักษา ลบแล้วเรียกคืนไม่ได้",
      requestsReason: "เลขที่หนังสือหรือเหตุผล", requestsReasonHint: "10–500 ตัวอักษร เช่น เลขที่และวันที่ของหนังสือ ห้ามใส่ชื่อหรือเลขประจำตัวของผู้ขอ",
      requestsEraseGo: "ยืนยันการลบข้อมูล", requestsCancel: "ยกเลิก",
      requestsErased: "ลบข้อมูลแล้ว: {erased}", requestsKept: "เก็บไว้: {kept}", requestsNothing: "ไม่มีข้อมูลที่ต้องลบเพิ่ม",
      requestsField_fullName: "ชื่อ-นามสกุล", requestsField_position: "ตำแหน่ง", requestsField_agency: "หน่วยงาน", requestsField_province: "จังหวัด",
      requestsField_phone: "โทรศัพท์", requestsField_email: "อีเมล", requestsField_nationalId: "เลขประจำตัวประชาชน", requestsField_checkedInAt: "เวลาเช็กอิน",
    },
    en: {
      requestsNav: "Data requests", requestsTitle: "Data subjects' requests by letter (PDPA)",
      requestsIntro: "For registrants who write to PACC instead of using their confirmation code. Only registrations in your scope are found. Every search, export and erasure is written to the audit trail, never the value searched for.",
      requestsFindTitle: "Find registrations", requestsBy: "Find by", requestsValue: "Value given in the letter",
      requestsValueHint: "Type it as the letter gives it; dashes and spaces are fine.",
      requestsKind_nationalId: "National id", requestsKind_phone: "Phone number", requestsKind_email: "Email",
      requestsFind: "Find", requestsNone: "No registration in your scope matches.", requestsFound: "{n} found",
      requestsCaption: "Registrations found, newest first", requestsName: "Name", requestsWorkshop: "Workshop", requestsStarts: "Workshop date",
      requestsStatus: "Status", requestsRegistered: "Registered", requestsActions: "Actions", requestsErasedTag: "erased {at}",
      requestsExport: "Export JSON", requestsErase: "Erase…",
      requestsEraseTitle: "Erase the personal data of {name}", requestsEraseHint: "A registration still held is cancelled (its seat passes to the waitlist). Someone who attended keeps name, position, agency and check-in as the training record for its retention period. This cannot be undone.",
      requestsReason: "Letter reference or reason", requestsReasonHint: "10-500 characters, such as the letter's number and date; never the person's name or id.",
      requestsEraseGo: "Erase the data", requestsCancel: "Cancel",
      requestsErased: "Erased: {erased}", requestsKept: "Kept: {kept}", requestsNothing: "Nothing more to erase.",
      requestsField_fullName: "name", requestsField_position: "position", requestsField_agency: "agency", requestsField_province: "province",
      requestsField_phone: "phone", requestsField_email: "email", requestsField_nationalId: "national id", requestsField_checkedInAt: "check-in time",
    },
  });

  // Field names as the answer gives them, in words; a name without words shown as it is.
  function fields(list) {
    return list && list.length ? list.map(function (f) { var key = "requestsField_" + f; var text = W.t(key); return text === key ? f : text; }).join(", ") : W.t("none");
  }

  function findCard(results) {
    var kind = W.select(KINDS.map(function (k) { return [k[0], W.t("requestsKind_" + k[0])]; }), "nationalId");
    var value = W.el("input", { type: "text", autocomplete: "off", spellcheck: "false", required: true, maxlength: "20", inputmode: "numeric" });
    kind.addEventListener("change", function () {
      var k = KINDS.find(function (x) { return x[0] === kind.value; });
      value.setAttribute("inputmode", k[1]);
      value.setAttribute("maxlength", k[2]);
    });
    var form = W.el("form", { class: "card", novalidate: true, id: "requests-find", "aria-labelledby": "requests-find-title" },
      W.el("h3", { id: "requests-find-title", text: W.t("requestsFindTitle") }),
      W.el("div", { class: "row" }, W.field("requests-kind", "requestsBy", kind), W.field("requests-value", "requestsValue", value, "requestsValueHint")),
      W.el("div", { class: "actions" }, W.el("button", { type: "submit", id: "requests-go", text: W.t("requestsFind") })));
    W.cases.onSubmit(form, async function () {
      var body = {};
      body[kind.value] = value.value.trim();
      var result = await W.api("POST", "/api/staff/registrations/find", body);
      if (result.status !== 200) {
        // The one field sent is the one the errors name: show them at the value box.
        var errors = (result.body && result.body.errors) || {};
        if (errors[kind.value]) { result.body.errors = { value: errors[kind.value] }; }
        W.cases.problem(form, result, "requests-");
        return;
      }
      // Found: the last attempt's errors go.
      form.querySelectorAll(".problem, .error").forEach(function (e) { e.hidden = true; });
      form.querySelectorAll("[aria-invalid]").forEach(function (e) { e.removeAttribute("aria-invalid"); });
      show(results, result.body);
    });
    return form;
  }

  function show(results, matches) {
    W.clear(results);
    results.appendChild(W.el("p", { class: matches.length ? "hint" : "notice ok", id: "requests-count", role: "status", tabindex: "-1",
      text: matches.length ? W.t("requestsFound", { n: W.number(matches.length) }) : W.t("requestsNone") }));
    if (matches.length) {
      var headers = [W.t("requestsName"), W.t("requestsWorkshop"), W.t("requestsStarts"), W.t("requestsStatus"), W.t("requestsRegistered"), W.t("requestsActions")];
      var table = W.reports.table("requests-table", W.t("requestsCaption"), headers, []);
      var body = table.querySelector("tbody");
      matches.forEach(function (m) { body.appendChild(row(m, headers, results)); });
      results.appendChild(table);
    }
    results.querySelector("#requests-count").focus();
  }

  function row(m, headers, results) {
    var exportButton = W.el("button", { type: "button", class: "secondary", "data-export": m.id, text: W.t("requestsExport") });
    exportButton.addEventListener("click", function () { W.download("/api/staff/registrations/" + encodeURIComponent(m.id), "registration-" + m.id.slice(0, 8) + ".json").catch(function () {}); });
    var eraseButton = W.el("button", { type: "button", class: "danger", "data-erase": m.id, text: W.t("requestsErase") });
    eraseButton.addEventListener("click", function () { eraseForm(m, results, eraseButton); });
    var cells = [
      m.fullName === null ? W.t("none") : m.fullName,
      W.el("span", null, m.workshopTitle, W.el("br"), W.el("span", { class: "muted", text: W.regionName(m.region) })),
      W.dateTime(m.workshopStartsAt),
      W.el("span", null, W.t("workshopsStatus_" + m.status), m.erasedAt ? [" ", W.el("span", { class: "tag", text: W.t("requestsErasedTag", { at: W.dateTime(m.erasedAt) }) })] : null),
      W.dateTime(m.createdAt),
      W.el("div", { class: "actions" }, exportButton, eraseButton),
    ];
    return W.el("tr", { "data-id": m.id }, cells.map(function (c, i) { return W.el("td", { "data-label": headers[i] }, c); }));
  }

  // Erasure asks for the letter's reference in a form of its own, next to the list, so that the
  // officer sees whose data goes before confirming.
  function eraseForm(m, results, opener) {
    var old = results.querySelector("#requests-erase");
    if (old) { old.remove(); }
    var reason = W.el("textarea", { maxlength: "500", minlength: "10", required: true });
    var cancel = W.el("button", { type: "button", class: "secondary", text: W.t("requestsCancel") });
    var form = W.el("form", { class: "card", novalidate: true, id: "requests-erase", "aria-labelledby": "requests-erase-title" },
      W.el("h3", { id: "requests-erase-title", tabindex: "-1", text: W.t("requestsEraseTitle", { name: m.fullName || m.id.slice(0, 8) }) }),
      W.el("p", { class: "notice warn", id: "requests-erase-warning", text: W.t("requestsEraseHint") }),
      W.field("erase-reason", "requestsReason", reason, "requestsReasonHint"),
      W.el("div", { class: "actions" }, W.el("button", { type: "submit", class: "danger", id: "requests-erase-go", "aria-describedby": "requests-erase-warning", text: W.t("requestsEraseGo") }), cancel));
    cancel.addEventListener("click", function () { form.remove(); opener.focus(); });
    W.cases.onSubmit(form, async function () {
      var result = await W.api("POST", "/api/staff/registrations/" + encodeURIComponent(m.id) + "/erase", { reason: reason.value.trim() });
      if (result.status !== 200) { W.cases.problem(form, result, "erase-"); return; }
      var outcome = result.body;
      var done = W.el("div", { class: "card", id: "requests-erase-done", tabindex: "-1" },
        W.el("p", { class: "notice ok", role: "status", text: outcome.erased.length ? W.t("requestsErased", { erased: fields(outcome.erased) }) : W.t("requestsNothing") }),
        outcome.kept && outcome.kept.length ? W.el("p", { text: W.t("requestsKept", { kept: fields(outcome.kept) }) }) : null,
        outcome.note ? W.el("p", { class: "hint", text: outcome.note }) : null);
      form.replaceWith(done);
      var line = results.querySelector("tr[data-id='" + CSS.escape(m.id) + "']");
      if (line) {
        m.status = outcome.status;
        m.erasedAt = outcome.erasedAt;
        m.fullName = outcome.erased.indexOf("fullName") >= 0 ? null : m.fullName;
        var headers = Array.prototype.map.call(results.querySelectorAll("thead th"), function (th) { return th.textContent; });
        line.replaceWith(row(m, headers, results));
      }
      W.toast(W.t("requestsErased", { erased: fields(outcome.erased) }));
      done.focus();
    });
    results.appendChild(form);
    form.querySelector("#requests-erase-title").focus();
  }

  W.route({ pattern: /^requests$/, home: "requests", nav: "requestsNav", roles: ["DataRequests.Manage"], render: function (main) {
    W.heading(main, "requestsTitle");
    main.appendChild(W.el("p", { class: "hint", text: W.t("requestsIntro") }));
    var results = W.el("div", { id: "requests-results" });
    main.append(findCard(results), results);
  } });
})(window.Workspace);
