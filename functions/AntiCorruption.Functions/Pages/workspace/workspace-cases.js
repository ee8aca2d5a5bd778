// Case work: the queue of the officer's scope (#/cases, its filters in the hash so that a URL
// names a view, a tracking-code or reference lookup), the helpers the case page
// (workspace-case.js) and its actions (workspace-case-actions.js) share, and the texts of all.
"use strict";
(function (W) {
  var ROLES = ["Complaints.Read", "Complaints.Manage", "Complaints.Identity"];
  var STATUSES = ["received", "registered", "under_review", "referred", "closed", "dismissed"];
  var FILTERS = ["fiscalYear", "region", "status", "category", "province", "assignee", "overdue", "q", "from", "to"];
  var PAGE_SIZE = 50;

  W.addStrings({
    th: {
      casesNav: "งานเรื่องร้องเรียน", casesTitle: "งานเรื่องร้องเรียน", casesLookupTitle: "เปิดเรื่องจากรหัสติดตามหรือเลขอ้างอิง",
      casesLookupCode: "รหัสติดตามเรื่อง หรือเลขอ้างอิง (R…)", casesLookupHint: "เช่น เมื่อผู้แจ้งโทรมาสอบถาม รหัสจะไม่ถูกบันทึกไว้ใน URL",
      casesLookupGo: "เปิดเรื่อง", casesLookupNone: "ไม่พบเรื่องที่มีรหัสนี้ในขอบเขตงานของท่าน",
      casesFilters: "ตัวกรอง", casesFiscalYear: "ปีงบประมาณ", casesRegion: "ภาค", casesAny: "ทั้งหมด", casesStatus: "สถานะ",
      casesCategory: "ประเภทเรื่อง", casesProvince: "จังหวัด", casesAssignee: "ผู้รับผิดชอบ", casesAssigneeMe: "เรื่องของฉัน",
      casesAssigneeNone: "ยังไม่มีผู้รับผิดชอบ", casesOverdueOnly: "เฉพาะเรื่องที่เกินกำหนด", casesAgencySearch: "ค้นหาหน่วยงาน",
      casesAgencyHint: "ค้นจากชื่อหน่วยงาน ใช้คำย่อได้ เช่น อบต.", casesFrom: "รับเรื่องตั้งแต่วันที่", casesTo: "ถึงวันที่",
      casesShow: "แสดงรายการ", casesClear: "ล้างตัวกรอง", casesResults: "รายการเรื่อง", casesPage: "หน้า {n}",
      casesCaption: "เรื่องร้องเรียน หน้า {n}: {count} เรื่อง", casesEmpty: "ไม่มีเรื่องที่ตรงกับตัวกรองนี้",
      casesNext: "หน้าถัดไป", casesFirst: "กลับไปหน้าแรก", casesReceived: "วันที่รับเรื่อง", casesCase: "เรื่อง",
      casesAgency: "หน่วยงาน", casesOverdue: "กำหนดเวลา", casesAckOverdue: "เกินกำหนดตอบรับ", casesFeedbackOverdue: "เกินกำหนดแจ้งผล",
      casesMe: "ฉัน", casesNobody: "ยังไม่มี", casesOpen: "เปิดเรื่อง {id}",
      casesCaseTitle: "เรื่อง {ref}", casesNotFoundTitle: "ไม่พบเรื่อง", casesBack: "กลับไปรายการเรื่อง",
      casesSummary: "ภาพรวม", casesReference: "เลขอ้างอิง", casesId: "รหัสเรื่อง", casesUpdated: "ปรับปรุงล่าสุด",
      casesAckBy: "ต้องตอบรับภายใน", casesFeedbackBy: "ต้องแจ้งผลภายใน", casesChannel: "ช่องทาง", channel_web: "เว็บไซต์", channel_line: "LINE",
      casesAnonymous: "ไม่ประสงค์ออกนาม", casesDetails: "รายละเอียดเรื่อง", casesSubject: "เรื่อง", casesDescription: "รายละเอียด",
      casesAccused: "ผู้ถูกกล่าวหา", casesPosition: "ตำแหน่ง", casesLocation: "พิกัดสถานที่", casesAmount: "มูลค่าความเสียหาย",
      casesIncident: "วันที่เกิดเหตุ", casesConsent: "ยินยอมตาม PDPA", casesEvidence: "หลักฐาน", casesNoEvidence: "ไม่มีไฟล์แนบ",
      casesPhotoAlt: "รูปหลักฐานที่ {n} ที่ผู้แจ้งส่งมา", casesPhotoFailed: "แสดงรูปไม่ได้ ใช้ปุ่มดาวน์โหลดแทน",
      casesDownloadFile: "ดาวน์โหลดไฟล์ที่ {n} ({type}, {size})", casesBytes: "{n} ไบต์",
      casesConversation: "การสนทนากับผู้แจ้ง", casesNoMessages: "ยังไม่มีข้อความ", casesEarlier: "มีข้อความก่อนหน้านี้ที่ไม่ได้แสดง (แสดงเฉพาะ 200 ข้อความล่าสุด)",
      casesFromStaff: "เจ้าหน้าที่", casesFromReporter: "ผู้แจ้ง", casesHistory: "ประวัติสถานะ", casesPublic: "ผู้แจ้งเห็น",
      casesInternal: "ภายในเท่านั้น", casesBy: "โดย {by}", casesChange: "{field}: {from} → {to}",
      field_category: "ประเภทเรื่อง", field_province: "จังหวัด", field_region: "ภาค", field_assignee: "ผู้รับผิดชอบ", field_agency: "หน่วยงาน",
      field_anonymous: "ไม่ประสงค์ออกนาม", field_legalHold: "ระงับการเปลี่ยนแปลงข้อมูลตามกฎหมาย (legal hold)",
      casesIdentityWithdrawn: "ผู้แจ้งถอนการเปิดเผยตัวตน", casesLegalHold: "ระงับตามกฎหมาย (legal hold)", casesLegalHoldSince: "ตั้งแต่ {since} โดย {by}",
      casesHoldTitle: "ระงับการเปลี่ยนแปลงข้อมูลตามกฎหมาย (legal hold)", casesHoldHint: "เก็บข้อมูลของเรื่องไว้ตามเดิมเพื่อดำเนินคดี ระหว่างนี้ผู้แจ้งขอไม่เปิดเผยตัวตนไม่ได้ และจะไม่ลบข้อมูลตามระยะเวลาเก็บรักษา",
      casesHoldGo: "ระงับการเปลี่ยนแปลงข้อมูล", casesHoldPlaced: "ระงับการเปลี่ยนแปลงข้อมูลของเรื่องนี้แล้ว",
      casesHoldLiftTitle: "ยกเลิกการระงับตามกฎหมาย", casesHoldLiftHint: "เมื่อยกเลิก ผู้แจ้งขอไม่เปิดเผยตัวตนได้ และข้อมูลจะถูกลบตามระยะเวลาเก็บรักษา",
      casesHoldLiftGo: "ยกเลิกการระงับ", casesHoldLifted: "ยกเลิกการระงับตามกฎหมายแล้ว",
      casesNotes: "บันทึกภายใน", casesNoNotes: "ยังไม่มีบันทึกภายใน", casesLinks: "เรื่องที่เกี่ยวข้อง", casesNoLinks: "ยังไม่มีเรื่องที่เชื่อมโยง",
      relation_duplicate_of: "ซ้ำกับเรื่อง", relation_duplicated_by: "มีเรื่องที่ซ้ำกับเรื่องนี้", relation_related: "เกี่ยวข้องกับเรื่อง",
      casesActions: "ดำเนินการ", casesAssignMe: "รับเรื่องนี้เป็นผู้รับผิดชอบ", casesUnassign: "ยกเลิกผู้รับผิดชอบ",
      casesAssigned: "ท่านเป็นผู้รับผิดชอบเรื่องนี้แล้ว", casesUnassigned: "ยกเลิกผู้รับผิดชอบแล้ว",
      casesStatusTitle: "เปลี่ยนสถานะ", casesNewStatus: "สถานะใหม่", casesNote: "หมายเหตุ", casesNoteHint: "จำเป็นเมื่อแจ้งผู้แจ้ง หรือเมื่อเปิดเรื่องที่ยุติแล้วอีกครั้ง",
      casesShowTo: "ผู้ที่เห็นหมายเหตุ", casesShowInternal: "ภายในเท่านั้น (ผู้แจ้งไม่เห็น)", casesShowPublic: "แจ้งผู้แจ้ง (เห็นด้วยรหัสติดตาม)",
      casesStatusGo: "เปลี่ยนสถานะ", casesStatusDone: "เปลี่ยนสถานะเป็น \"{status}\" แล้ว",
      casesMessageTitle: "ส่งข้อความถึงผู้แจ้ง", casesMessage: "ข้อความ", casesMessageHint: "ผู้แจ้งจะเห็นข้อความนี้เมื่อใช้รหัสติดตามเรื่อง",
      casesMessageGo: "ส่งข้อความ", casesMessageDone: "ส่งข้อความถึงผู้แจ้งแล้ว",
      casesNoteTitle: "เพิ่มบันทึกภายใน", casesNoteText: "บันทึก", casesNoteTextHint: "ผู้แจ้งไม่เห็นบันทึกนี้", casesNoteGo: "บันทึก", casesNoteDone: "บันทึกภายในแล้ว",
      casesReclassifyTitle: "เปลี่ยนประเภท จังหวัด หรือหน่วยงาน (โอนเรื่อง)", casesReason: "เหตุผล", casesReasonHint: "10–500 ตัวอักษร บันทึกไว้ในประวัติสำหรับเจ้าหน้าที่",
      casesTransferHint: "จังหวัดของภาคอื่นจะโอนเรื่องไปยังภาคนั้น และยกเลิกผู้รับผิดชอบ", casesReclassifyGo: "บันทึกการเปลี่ยนแปลง",
      casesReclassifyDone: "บันทึกการเปลี่ยนแปลงแล้ว", casesNothingChanged: "ยังไม่ได้เปลี่ยนประเภท จังหวัด หรือหน่วยงาน",
      casesTransferred: "โอนเรื่องไปยัง{region}แล้ว เรื่องนี้ไม่อยู่ในขอบเขตงานของท่านอีกต่อไป",
      casesLinkTitle: "เชื่อมโยงกับเรื่องอื่น", casesOtherId: "รหัสเรื่องอื่น (26 ตัวอักษร)", casesRelation: "ความสัมพันธ์",
      casesLinkGo: "เชื่อมโยง", casesLinkDone: "เชื่อมโยงเรื่องแล้ว",
      casesIdentityTitle: "ตัวตนผู้แจ้ง", casesIdentityWarn: "คำเตือน: ข้อมูลตัวตนผู้แจ้งเป็นข้อมูลลับเพื่อคุ้มครองผู้แจ้งเบาะแส เปิดดูได้เฉพาะเมื่อจำเป็นต่อการดำเนินเรื่อง การเปิดทุกครั้งจะถูกบันทึกไว้ในบันทึกการใช้งานพร้อมชื่อของท่านและเหตุผล ห้ามเปิดเผยต่อผู้อื่น",
      casesIdentityReason: "เหตุผลที่ต้องเปิดดู", casesIdentityReasonHint: "10–500 ตัวอักษร", casesIdentityGo: "เปิดดูตัวตนผู้แจ้ง (บันทึกการใช้งาน)",
      casesIdentityShown: "ข้อมูลนี้แสดงเฉพาะในหน้านี้ และจะหายไปเมื่อออกจากหน้า", casesReporterName: "ชื่อ", casesReporterPhone: "โทรศัพท์",
      casesReporterEmail: "อีเมล", casesReporterLine: "LINE", casesReporterAnonymous: "ผู้แจ้งไม่ประสงค์ออกนาม ไม่มีข้อมูลตัวตน",
      casesReporterErased: "ผู้แจ้งเคยให้ข้อมูลตัวตนไว้ และข้อมูลนั้นถูกลบแล้วตามระยะเวลาเก็บรักษาข้อมูล เมื่อ {at}",
      casesEvidenceErased: "ไฟล์หลักฐานของเรื่องนี้ถูกลบแล้วตามระยะเวลาเก็บรักษาข้อมูล เมื่อ {at}",
      casesMessagesErased: "ข้อความกับผู้แจ้งของเรื่องนี้ถูกลบแล้วตามระยะเวลาเก็บรักษาข้อมูล เมื่อ {at}",
      casesConflict: "เปลี่ยนสถานะนี้ไม่ได้",
    },
    en: {
      casesNav: "Cases", casesTitle: "Cases", casesLookupTitle: "Open a case by tracking code or reference",
      casesLookupCode: "Tracking code or reference (R…)", casesLookupHint: "For a reporter on the phone. The code is never put in the URL.",
      casesLookupGo: "Open case", casesLookupNone: "No case in your scope has this code.",
      casesFilters: "Filters", casesFiscalYear: "Fiscal year", casesRegion: "Region", casesAny: "All", casesStatus: "Status",
      casesCategory: "Category", casesProvince: "Province", casesAssignee: "Assignee", casesAssigneeMe: "Mine",
      casesAssigneeNone: "Unassigned", casesOverdueOnly: "Overdue only", casesAgencySearch: "Agency search",
      casesAgencyHint: "Part of the agency's name; abbreviations such as อบต. work.", casesFrom: "Received from", casesTo: "Received to",
      casesShow: "Show", casesClear: "Clear filters", casesResults: "Cases found", casesPage: "Page {n}",
      casesCaption: "Complaints, page {n}: {count} cases", casesEmpty: "No case matches these filters.",
      casesNext: "Next page", casesFirst: "Back to the first page", casesReceived: "Received", casesCase: "Case",
      casesAgency: "Agency", casesOverdue: "Deadlines", casesAckOverdue: "Acknowledgement overdue", casesFeedbackOverdue: "Feedback overdue",
      casesMe: "Me", casesNobody: "Nobody", casesOpen: "Open case {id}",
      casesCaseTitle: "Case {ref}", casesNotFoundTitle: "Case not found", casesBack: "Back to the cases",
      casesSummary: "Overview", casesReference: "Reference", casesId: "Case id", casesUpdated: "Last updated",
      casesAckBy: "Acknowledge by", casesFeedbackBy: "Feedback due by", casesChannel: "Channel", channel_web: "Web", channel_line: "LINE",
      casesAnonymous: "Anonymous", casesDetails: "Details", casesSubject: "Subject", casesDescription: "Description",
      casesAccused: "Accused", casesPosition: "Position", casesLocation: "Location", casesAmount: "Amount involved",
      casesIncident: "Incident date", casesConsent: "PDPA consent", casesEvidence: "Evidence", casesNoEvidence: "No files attached.",
      casesPhotoAlt: "Evidence photo {n} sent by the reporter", casesPhotoFailed: "The photo cannot be shown; use the download button.",
      casesDownloadFile: "Download file {n} ({type}, {size})", casesBytes: "{n} bytes",
      casesConversation: "Conversation with the reporter", casesNoMessages: "No messages yet.", casesEarlier: "Earlier messages are not shown (only the newest 200).",
      casesFromStaff: "Staff", casesFromReporter: "Reporter", casesHistory: "Status history", casesPublic: "Seen by the reporter",
      casesInternal: "Internal only", casesBy: "by {by}", casesChange: "{field}: {from} → {to}",
      field_category: "Category", field_province: "Province", field_region: "Region", field_assignee: "Assignee", field_agency: "Agency",
      field_anonymous: "Anonymous", field_legalHold: "Legal hold",
      casesIdentityWithdrawn: "Reporter withdrew their identity", casesLegalHold: "Legal hold", casesLegalHoldSince: "since {since}, by {by}",
      casesHoldTitle: "Place a legal hold", casesHoldHint: "Keeps the case's records as they are for legal proceedings: meanwhile the reporter cannot turn the case anonymous and the retention schedule erases nothing from it.",
      casesHoldGo: "Place legal hold", casesHoldPlaced: "A legal hold is placed on this case.",
      casesHoldLiftTitle: "Lift the legal hold", casesHoldLiftHint: "Once lifted, the reporter can turn the case anonymous and the retention schedule applies again.",
      casesHoldLiftGo: "Lift legal hold", casesHoldLifted: "The legal hold is lifted.",
      casesNotes: "Internal notes", casesNoNotes: "No internal notes yet.", casesLinks: "Linked cases", casesNoLinks: "No linked cases.",
      relation_duplicate_of: "Duplicate of", relation_duplicated_by: "Duplicated by", relation_related: "Related to",
      casesActions: "Actions", casesAssignMe: "Assign to me", casesUnassign: "Unassign",
      casesAssigned: "The case is now assigned to you.", casesUnassigned: "The case is now unassigned.",
      casesStatusTitle: "Change the status", casesNewStatus: "New status", casesNote: "Note", casesNoteHint: "Needed when the reporter is told, or when a closed case is reopened.",
      casesShowTo: "Who sees the note", casesShowInternal: "Internal only (not the reporter)", casesShowPublic: "The reporter too (with the tracking code)",
      casesStatusGo: "Change status", casesStatusDone: "Status changed to \"{status}\".",
      casesMessageTitle: "Write to the reporter", casesMessage: "Message", casesMessageHint: "The reporter sees it with the tracking code.",
      casesMessageGo: "Send message", casesMessageDone: "Message sent to the reporter.",
      casesNoteTitle: "Add an internal note", casesNoteText: "Note", casesNoteTextHint: "The reporter never sees it.", casesNoteGo: "Save note", casesNoteDone: "Internal note saved.",
      casesReclassifyTitle: "Reclassify or transfer", casesReason: "Reason", casesReasonHint: "10–500 characters, kept in the history for staff.",
      casesTransferHint: "A province of another region transfers the case there and takes its assignee off.", casesReclassifyGo: "Save the change",
      casesReclassifyDone: "Change saved.", casesNothingChanged: "Change the category, province or agency first.",
      casesTransferred: "The case was transferred to {region}; it is no longer in your scope.",
      casesLinkTitle: "Link to another case", casesOtherId: "Other case id (26 characters)", casesRelation: "Relation",
      casesLinkGo: "Link", casesLinkDone: "Cases linked.",
      casesIdentityTitle: "Reporter's identity", casesIdentityWarn: "Warning: a reporter's identity is confidential, to protect whistleblowers. Open it only when the case needs it. Every opening is written to the audit trail with your name and reason. Do not pass it on.",
      casesIdentityReason: "Why you need it", casesIdentityReasonHint: "10–500 characters", casesIdentityGo: "Open the reporter's identity (audited)",
      casesIdentityShown: "Shown on this page only; it is gone when you leave it.", casesReporterName: "Name", casesReporterPhone: "Phone",
      casesReporterEmail: "Email", casesReporterLine: "LINE", casesReporterAnonymous: "The reporter stayed anonymous: there is no identity.",
      casesReporterErased: "The reporter gave their identity; it was erased by the retention schedule on {at}.",
      casesEvidenceErased: "This case's evidence files were deleted by the retention schedule on {at}.",
      casesMessagesErased: "This case's conversation with the reporter was deleted by the retention schedule on {at}.",
      casesConflict: "This status change is not allowed",
    },
  });

  // ---- small parts ------------------------------------------------------------------------------
  function multiRegion() { return W.has("Region.All") || W.me.regions.length > 1; }
  function provincesInScope() {
    return W.config.provinces.filter(function (p) { return W.me.regions.indexOf(p.paccRegion) >= 0; })
      .map(function (p) { return [p.code, W.province(p.code)]; })
      .sort(function (a, b) { return a[1].localeCompare(b[1], W.lang === "th" ? "th" : "en"); });
  }
  function assigneeText(assignee) { return !assignee ? W.t("casesNobody") : assignee === W.me.id ? W.t("casesMe") : assignee; }
  function overdueTags(s) {
    return [s.acknowledgeOverdue ? W.el("span", { class: "tag overdue", text: W.t("casesAckOverdue") }) : null,
      s.feedbackOverdue ? W.el("span", { class: "tag overdue", text: W.t("casesFeedbackOverdue") }) : null];
  }
  function dl(rows) {
    return W.el("dl", null, rows.filter(function (r) { return r; }).map(function (r) { return [W.el("dt", { text: W.t(r[0]) }), W.el("dd", null, r[1])]; }));
  }
  function textOr(value) { return value === null || value === undefined || value === "" ? W.t("none") : value; }
  function size(n) { return n >= 1048576 ? W.number(Math.round(n / 104857.6) / 10) + " MB" : n >= 1024 ? W.number(Math.round(n / 102.4) / 10) + " KB" : W.t("casesBytes", { n: W.number(n) }); }
  // A problem answer shown in the form, its field errors next to the controls named prefix + field.
  function problem(form, result, prefix) {
    W.showProblem(form, result, null);
    form.querySelectorAll(".error").forEach(function (e) { e.hidden = true; e.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (e) { e.removeAttribute("aria-invalid"); });
    var errors = (result.body && result.body.errors) || {};
    Object.keys(errors).forEach(function (name) {
      var control = form.querySelector("#" + CSS.escape(prefix + name));
      var error = form.querySelector("#" + CSS.escape(prefix + name) + "-error");
      if (control) { control.setAttribute("aria-invalid", "true"); }
      if (error) { error.textContent = errors[name].join(" "); error.hidden = false; }
    });
  }
  // A submit handler that keeps its button busy, and never leaves a rejection unhandled.
  function onSubmit(form, handler) {
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      if (button.disabled) { return; }
      button.disabled = true;
      try { await handler(); } catch (e) { if (!e || e.message !== "signed out") { W.toast(W.t("failed")); } } finally { button.disabled = false; }
    });
    return form;
  }

  // ---- the queue ----------------------------------------------------------------------------------
  function lookupCard(main) {
    var input = W.el("input", { type: "text", autocomplete: "off", spellcheck: "false", maxlength: "64" });
    var form = W.el("form", { class: "card", novalidate: true },
      W.el("h3", { text: W.t("casesLookupTitle") }),
      W.el("div", { class: "row" }, W.field("cases-lookup", "casesLookupCode", input, "casesLookupHint"),
        W.el("div", { class: "narrow" }, W.el("button", { type: "submit", text: W.t("casesLookupGo") }))));
    onSubmit(form, async function () {
      var value = input.value.trim();
      var body = /^[Rr][0-7][0-9A-Za-z]{25}$/.test(value) ? { reference: value } : { trackingCode: value };
      var result = await W.api("POST", "/api/staff/complaints/lookup", body);
      if (result.status === 200) { input.value = ""; W.go("cases/" + encodeURIComponent(result.body.id)); return; }
      if (result.status === 404) { result = { status: 400, body: { detail: W.t("casesLookupNone") } }; }
      // The answer names trackingCode or reference: both are this one box.
      W.showProblem(form, result, null);
      var errors = (result.body && result.body.errors) || {};
      var messages = Object.keys(errors).map(function (k) { return errors[k].join(" "); });
      var error = form.querySelector("#cases-lookup-error");
      error.textContent = messages.join(" ");
      error.hidden = !messages.length;
      if (messages.length) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
    });
    main.appendChild(form);
  }

  function filterForm(params) {
    var current = W.fiscalYear();
    var years = [];
    for (var y = current; y > current - 6; y--) { years.push([y, String(y)]); }
    var year = params.get("fiscalYear") || String(current);
    if (!years.some(function (o) { return String(o[0]) === year; })) { years.push([year, year]); }
    var any = [["", W.t("casesAny")]];
    var controls = [
      W.field("fiscalYear", "casesFiscalYear", W.select(years, year)),
      multiRegion() ? W.field("region", "casesRegion", W.select(any.concat(W.me.regions.map(function (n) { return [n, W.regionName(n)]; })), params.get("region") || "")) : null,
      W.field("status", "casesStatus", W.select(any.concat(STATUSES.map(function (s) { return [s, W.status(s)]; })), params.get("status") || "")),
      W.field("category", "casesCategory", W.select(any.concat(W.config.categories.map(function (c) { return [c.id, W.category(c.id)]; })), params.get("category") || "")),
      W.field("province", "casesProvince", W.select(any.concat(provincesInScope()), params.get("province") || "")),
      W.field("assignee", "casesAssignee", W.select(any.concat([["me", W.t("casesAssigneeMe")], ["none", W.t("casesAssigneeNone")]]), params.get("assignee") || "")),
      W.field("q", "casesAgencySearch", W.el("input", { type: "search", maxlength: "300", value: params.get("q") || "" }), "casesAgencyHint"),
      W.field("from", "casesFrom", W.el("input", { type: "date", value: params.get("from") || "" })),
      W.field("to", "casesTo", W.el("input", { type: "date", value: params.get("to") || "" })),
    ];
    var overdue = W.el("input", { type: "checkbox", id: "overdue", checked: params.get("overdue") === "true" });
    var form = W.el("form", { class: "card", novalidate: true, "aria-labelledby": "cases-filters" },
      W.el("h3", { id: "cases-filters", text: W.t("casesFilters") }),
      W.el("div", { class: "row" }, controls),
      W.el("label", { class: "check" }, overdue, W.t("casesOverdueOnly")), W.el("p", { class: "error", id: "overdue-error", hidden: true }),
      W.el("div", { class: "actions" }, W.el("button", { type: "submit", text: W.t("casesShow") }),
        W.el("button", { type: "button", class: "secondary", id: "cases-clear", text: W.t("casesClear") })));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = new URLSearchParams();
      FILTERS.forEach(function (name) {
        var control = form.querySelector("#" + name);
        if (!control) { return; }
        var value = control.type === "checkbox" ? (control.checked ? "true" : "") : control.value.trim();
        if (value) { query.set(name, value); }
      });
      W.go("cases?" + query.toString());
    });
    form.querySelector("#cases-clear").addEventListener("click", function () { W.go("cases"); });
    return form;
  }

  function queueTable(items, pageNumber) {
    var headers = ["casesReceived", "casesCase", "casesCategory", "casesProvince", "casesAgency", "casesStatus", "casesAssignee", "casesOverdue"];
    function cell(key, content) { return W.el("td", { "data-label": W.t(key) }, content); }
    return W.el("table", { class: "stack" },
      W.el("caption", { class: "sr-only", text: W.t("casesCaption", { n: pageNumber, count: items.length }) }),
      W.el("thead", null, W.el("tr", null, headers.map(function (h) { return W.el("th", { scope: "col", text: W.t(h) }); }))),
      W.el("tbody", null, items.map(function (s) {
        return W.el("tr", null,
          cell("casesReceived", W.dateTime(s.receivedAt)),
          cell("casesCase", W.el("a", { href: "#/cases/" + encodeURIComponent(s.id), class: "case-link", "aria-label": W.t("casesOpen", { id: s.id }) }, s.id)),
          cell("casesCategory", W.category(s.category)),
          cell("casesProvince", W.province(s.province)),
          cell("casesAgency", s.agency),
          cell("casesStatus", W.el("span", { class: "tag", text: W.status(s.status) })),
          cell("casesAssignee", assigneeText(s.assignee)),
          cell("casesOverdue", s.acknowledgeOverdue || s.feedbackOverdue ? overdueTags(s) : W.t("none")));
      })));
  }

  async function renderQueue(main, match, params, renderId) {
    W.cases.lastQueue = location.hash.replace(/^#\//, "") || "cases";
    W.heading(main, "casesTitle");
    lookupCard(main);
    var form = filterForm(params);
    main.appendChild(form);
    var results = W.el("section", { "aria-labelledby": "cases-results" });
    main.appendChild(results);
    var query = new URLSearchParams();
    FILTERS.forEach(function (name) { if (params.get(name)) { query.set(name, params.get(name)); } });
    if (!query.get("fiscalYear")) { query.set("fiscalYear", String(W.fiscalYear())); }
    query.set("pageSize", String(PAGE_SIZE));
    var pageNumber = 1;

    async function load(token) {
      var q = new URLSearchParams(query);
      if (token) { q.set("continuationToken", token); }
      W.clear(results).appendChild(W.el("p", { role: "status", text: W.t("loading") }));
      var result = await W.api("GET", "/api/staff/complaints?" + q.toString());
      if (W.stale(renderId)) { return false; }
      W.clear(results);
      var title = W.el("h3", { id: "cases-results", tabindex: "-1", text: W.t("casesResults") + (pageNumber > 1 ? " · " + W.t("casesPage", { n: pageNumber }) : "") });
      results.appendChild(title);
      if (result.status === 400) { W.showProblem(results, result, form); return false; }
      if (result.status === 403) { results.appendChild(W.el("p", { class: "notice bad", role: "alert", text: W.t("noRole") })); return false; }
      if (result.status !== 200) { W.showProblem(results, result, null); return false; }
      var items = result.body.items;
      results.appendChild(items.length ? queueTable(items, pageNumber) : W.el("p", { class: "notice warn", role: "status", text: W.t("casesEmpty") }));
      var pager = W.el("div", { class: "actions" });
      var next = result.body.continuationToken;
      if (next) {
        pager.appendChild(W.el("button", { type: "button", id: "cases-next", text: W.t("casesNext"), onclick: function () { pageNumber++; load(next).then(function (ok) { if (ok) { results.querySelector("h3").focus(); } }); } }));
      }
      if (pageNumber > 1) {
        pager.appendChild(W.el("button", { type: "button", class: "secondary", text: W.t("casesFirst"), onclick: function () { pageNumber = 1; load(null).then(function (ok) { if (ok) { results.querySelector("h3").focus(); } }); } }));
      }
      if (pager.firstChild) { results.appendChild(pager); }
      return true;
    }
    await load(null);
  }

  // What the case page (workspace-case.js) shares with the queue; lastQueue is the view to go back to.
  W.cases = { roles: ROLES, lastQueue: "cases", assigneeText: assigneeText, overdueTags: overdueTags, dl: dl, textOr: textOr, size: size, problem: problem, onSubmit: onSubmit };

  W.route({ pattern: /^cases$/, home: "cases", nav: "casesNav", roles: ROLES, render: renderQueue });
})(window.Workspace);
