// The tip form's script (/api/form): the form in Thai or English, its checks before sending, the
// files and the tracking code once sent. The place of the incident is form-location.js, loaded
// before this one; the status page with its messages is form-status.js, loaded after this one. Served from this app like the workspace's
// scripts, so that the page's policy allows scripts from 'self' alone and no inline script.
(function () {
  "use strict";
  var T = {
    th: {title:"แจ้งเบาะแสการทุจริตในภาครัฐ",navReport:"แจ้งเบาะแส",navStatus:"ติดตามเรื่อง",intro:"ข้อมูลของท่านถูกเข้ารหัสและเก็บเป็นความลับ ท่านเลือกไม่เปิดเผยตัวตนได้ หน้านี้ไม่ใช้คุกกี้และไม่บันทึกที่อยู่ IP",fixThese:"กรุณาแก้ไขข้อมูลต่อไปนี้",category:"ประเภทเรื่อง",province:"จังหวัดที่เกิดเหตุ",agency:"หน่วยงานที่เกี่ยวข้อง",agencyHint:"เช่น อบต. ท่าศาลา, สำนักงานเขตบางรัก",accusedName:"ชื่อผู้ถูกกล่าวหา (ถ้าทราบ)",description:"รายละเอียดเหตุการณ์",descriptionHint:"เกิดอะไรขึ้น ที่ไหน เมื่อไร ใครเกี่ยวข้อง (20 ถึง 10,000 ตัวอักษร)",incidentDate:"วันที่เกิดเหตุ (ถ้าทราบ)",files:"หลักฐาน (รูปภาพหรือ PDF ไม่เกิน 10 ไฟล์ ไฟล์ละไม่เกิน 10 MB)",identity:"การเปิดเผยตัวตน",anonymousYes:"ไม่เปิดเผยตัวตน",anonymousNo:"เปิดเผยตัวตน (เจ้าหน้าที่ติดต่อกลับได้)",name:"ชื่อ-นามสกุล",phone:"โทรศัพท์",email:"อีเมล",notifyByEmail:"แจ้งทางอีเมลเมื่อมีความคืบหน้า",notifyByEmailHint:"อีเมลฉบับแรกจะมีรหัสยืนยัน กรอกรหัสนั้นที่หน้าติดตามเรื่องเพื่อเริ่มรับอีเมล อีเมลจะบอกเพียงว่ามีความคืบหน้า ไม่มีรายละเอียดของเรื่อง ท่านอ่านได้ด้วยรหัสติดตามเรื่อง",notifyNeedsEmail:"การแจ้งทางอีเมลต้องให้อีเมลด้วย",consent:"ข้าพเจ้ายินยอมให้สำนักงาน ป.ป.ท. ใช้ข้อมูลส่วนบุคคลนี้เพื่อดำเนินการเรื่องร้องเรียนเท่านั้น ตาม พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562",submit:"ส่งเรื่อง",doneTitle:"ได้รับเรื่องของท่านแล้ว",doneKeep:"รหัสติดตามเรื่องของท่าน โปรดบันทึกไว้ก่อนออกจากหน้านี้ เป็นทางเดียวในการติดตามเรื่องและตอบคำถามของเจ้าหน้าที่",copy:"คัดลอกรหัส",download:"ดาวน์โหลดเป็นไฟล์",copied:"คัดลอกแล้ว",trackingCode:"รหัสติดตามเรื่อง",check:"ตรวจสอบ",statusLabel:"สถานะ",history:"ความคืบหน้า",messages:"ข้อความ",reply:"ตอบเจ้าหน้าที่หรือเพิ่มข้อมูล",send:"ส่งข้อความ",required:"จำเป็นต้องกรอกข้อมูลนี้",tooShort:"ต้องมีอย่างน้อย 20 ตัวอักษร",tooLong:"ต้องไม่เกิน 10,000 ตัวอักษร",badPhone:"หมายเลขโทรศัพท์ไม่ถูกต้อง เช่น 081 234 5678",badEmail:"อีเมลไม่ถูกต้อง",contact:"กรุณาให้หมายเลขโทรศัพท์หรืออีเมลอย่างน้อยหนึ่งช่องทาง",mustConsent:"ต้องให้ความยินยอมเมื่อเปิดเผยตัวตน",tooManyFiles:"แนบได้ไม่เกิน 10 ไฟล์",choose:"— เลือก —",leave:"ท่านบันทึกรหัสติดตามเรื่องแล้วหรือยัง",failed:"ส่งไม่สำเร็จ กรุณาลองใหม่",fileName:"รหัสติดตามเรื่อง-ปปท.txt",fileText:"รหัสติดตามเรื่องร้องเรียน สำนักงาน ป.ป.ท.\n"},
    en: {title:"Report corruption in the public sector",navReport:"Report",navStatus:"Track a report",intro:"What you send is encrypted and kept confidential. You may stay anonymous. This page sets no cookies and does not record your IP address.",fixThese:"Please fix the following",category:"Type of wrongdoing",province:"Province where it happened",agency:"Agency concerned",agencyHint:"e.g. Tha Sala SAO, Bang Rak District Office",accusedName:"Name of the person accused (if known)",description:"What happened",descriptionHint:"What, where, when, who (20 to 10,000 characters)",incidentDate:"Date it happened (if known)",files:"Evidence (photos or PDF, up to 10 files of 10 MB each)",identity:"Your identity",anonymousYes:"Stay anonymous",anonymousNo:"Give my identity (staff may contact me)",name:"Full name",phone:"Phone",email:"Email",notifyByEmail:"Email me when there is news",notifyByEmailHint:"The first email gives a code: enter it on the tracking page to start the emails. They only say there is news, never what; you read it with your tracking code.",notifyNeedsEmail:"Give an email address to be notified by email.",consent:"I consent to PACC using these personal data only to handle this complaint, under the Personal Data Protection Act B.E. 2562",submit:"Send report",doneTitle:"Your report has been received",doneKeep:"Your tracking code. Save it before you leave this page: it is the only way to follow your report and answer staff.",copy:"Copy code",download:"Download as a file",copied:"Copied",trackingCode:"Tracking code",check:"Check",statusLabel:"Status",history:"Progress",messages:"Messages",reply:"Answer staff or add information",send:"Send message",required:"This field is required.",tooShort:"Must be at least 20 characters.",tooLong:"Must be at most 10,000 characters.",badPhone:"Must be a Thai phone number such as 081 234 5678.",badEmail:"Must be a valid email address.",contact:"Give a phone number or an email address.",mustConsent:"Consent is needed when you give your identity.",tooManyFiles:"At most 10 files.",choose:"— choose —",leave:"Have you saved your tracking code?",failed:"Sending failed. Please try again.",fileName:"pacc-tracking-code.txt",fileText:"PACC complaint tracking code\n"}
  };
  // Files are cleaned of metadata before they are kept: the reporter is told so beside the file field.
  T.th.filesHint = "ก่อนจัดเก็บ ระบบจะลบข้อมูลแฝงในไฟล์ออก เช่น ตำแหน่ง GPS รุ่นและหมายเลขเครื่องในรูปถ่าย และชื่อผู้สร้างไฟล์ PDF แล้วเข้ารหัสไฟล์ไว้ (รูป HEIC จะถูกแปลงเป็น JPEG)";
  T.en.filesHint = "Before a file is kept, its hidden metadata is removed (such as the GPS position, phone model and serial number in a photo, or the author of a PDF) and the file is encrypted. HEIC photos become JPEG.";
  // The fields of the case beyond the description, and the dates the page shows.
  Object.assign(T.th, {
    accusedPosition: "ตำแหน่งของผู้ถูกกล่าวหา (ถ้าทราบ)", accusedPositionHint: "เช่น นายก อบต., หัวหน้าเจ้าหน้าที่พัสดุ",
    subject: "เรื่องโดยย่อ (ถ้าต้องการ)", subjectHint: "หัวข้อสั้น ๆ เช่น เรียกรับเงินเพื่อออกใบอนุญาตก่อสร้าง",
    amountThb: "จำนวนเงินที่เกี่ยวข้อง (บาท ถ้าทราบ)", amountHint: "เช่น เงินที่ถูกเรียกรับหรือมูลค่าสัญญา ใส่เป็นตัวเลข เช่น 1,500,000",
    badAmount: "ใส่จำนวนเงินเป็นตัวเลขบาทที่ไม่ติดลบ เช่น 1,500,000 หรือ 2,500.50", amountTooLarge: "ต้องไม่เกิน 1,000,000,000,000 บาท",
    tooLongShort: "ต้องไม่เกิน 200 ตัวอักษร",
    receivedOn: "วันที่ได้รับเรื่อง", acknowledgeBy: "ตอบรับเรื่องภายใน", feedbackBy: "แจ้งความคืบหน้าภายใน", updatedOn: "ปรับปรุงล่าสุด",
    datesBangkok: "วันที่ทั้งหมดเป็นวันตามเวลาประเทศไทย", messagesOmitted: "ข้อความที่เก่ากว่านี้ไม่ได้แสดง หน้านี้แสดงเฉพาะ 200 ข้อความล่าสุด"
  });
  Object.assign(T.en, {
    accusedPosition: "Position of the person accused (if known)", accusedPositionHint: "e.g. SAO chief executive, head of procurement",
    subject: "Subject (optional)", subjectHint: "A short title, e.g. Money demanded for a building permit",
    amountThb: "Amount of money involved (baht, if known)", amountHint: "e.g. the bribe demanded or the contract value, as a number such as 1,500,000",
    badAmount: "Enter an amount in baht as a number that is not negative, e.g. 1,500,000 or 2,500.50.", amountTooLarge: "Must be at most 1,000,000,000,000 baht.",
    tooLongShort: "Must be at most 200 characters.",
    receivedOn: "Received on", acknowledgeBy: "Acknowledged by", feedbackBy: "Progress reported by", updatedOn: "Last updated",
    datesBangkok: "All dates are Thailand (Bangkok) dates.", messagesOmitted: "Older messages are not shown: this page shows the latest 200."
  });
  // The place of the incident's texts, from its own file (form-location.js, loaded before this one).
  Object.assign(T.th, window.TipFormLocation.texts.th);
  Object.assign(T.en, window.TipFormLocation.texts.en);
  var lang = "th";
  var ref = JSON.parse(document.getElementById("reference").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var t = function (key) { return T[lang][key]; };
  var codeSaved = true;
  var languageListeners = [];

  function fillSelects() {
    var cat = $("category"), prov = $("province"), c = cat.value, p = prov.value;
    cat.replaceChildren(new Option(t("choose"), ""));
    ref.categories.forEach(function (x) { cat.add(new Option(lang === "th" ? x.nameTh : x.nameEn, x.id)); });
    prov.replaceChildren(new Option(t("choose"), ""));
    ref.provinces.forEach(function (x) { prov.add(new Option(lang === "th" ? x.nameTh : x.nameEn, x.code)); });
    cat.value = c; prov.value = p;
  }
  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach(function (el) { el.textContent = t(el.getAttribute("data-i18n")); });
    document.title = t("title") + (lang === "th" ? " · สำนักงาน ป.ป.ท." : " · PACC");
    var other = lang === "th" ? "en" : "th";
    $("lang").textContent = other === "en" ? "English" : "ภาษาไทย";
    $("lang").lang = other;
    fillSelects();
    incidentPlace.show();
    showReceipt();
    languageListeners.forEach(function (listener) { listener(); });
  }
  $("lang").addEventListener("click", function () { lang = lang === "th" ? "en" : "th"; applyLanguage(); });

  function show(view) {
    $("report-view").hidden = view !== "report";
    $("status-view").hidden = view !== "status";
  }
  window.addEventListener("hashchange", function () { show(location.hash === "#status" ? "status" : "report"); });
  show(location.hash === "#status" ? "status" : "report");

  document.querySelectorAll("input[name=anonymous]").forEach(function (r) {
    r.addEventListener("change", function () { $("reporter-fields").hidden = anonymous(); });
  });
  function anonymous() { return document.querySelector("input[name=anonymous]:checked").value === "true"; }

  function clearErrors(form) {
    form.querySelectorAll(".error").forEach(function (e) { e.hidden = true; e.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (e) { e.removeAttribute("aria-invalid"); });
    $("summary").hidden = true;
    $("summary-list").replaceChildren();
  }
  function showErrors(errors, withSummary) {
    var first = null;
    Object.keys(errors).forEach(function (field) {
      // The field's own box, else its parent's (location.latitude shows at location), else the description's.
      var key = field.replace(/\[\d+\]$/, "");
      while (!$(key + "-error") && key.indexOf(".") > 0) key = key.slice(0, key.lastIndexOf("."));
      var box = $(key + "-error") || $("description-error");
      box.textContent = (box.hidden ? "" : box.textContent + " ") + errors[field].join(" ");
      box.hidden = false;
      var input = $(key);
      if (input) { input.setAttribute("aria-invalid", "true"); first = first || input; }
      if (withSummary) {
        var li = document.createElement("li"), a = document.createElement("a");
        var label = document.querySelector('label[for="' + key + '"]');
        a.href = "#" + key; a.textContent = (label ? label.textContent + ": " : "") + errors[field].join(" ");
        a.addEventListener("click", function (e) { e.preventDefault(); (input || box).focus(); });
        li.appendChild(a); $("summary-list").appendChild(li);
      }
    });
    if (withSummary) { $("summary").hidden = false; $("summary").focus(); } else if (first) { first.focus(); }
  }

  var thaiPhone = /^(\+66|0)[\s.-]?[2-9]([\s.-]?\d){7,8}$/;
  // Lengths as the server counts them: characters a person sees (an emoji, or a Thai letter with
  // its vowel and tone marks, is one), and for a minimum only those that show something.
  var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter() : null;
  function seen(text) { return segmenter ? Array.from(segmenter.segment(text), function (s) { return s.segment; }) : Array.from(text); }
  function visible(text) {
    return seen(text).filter(function (g) { return /[\p{L}\p{N}\p{P}\p{S}]/u.test(g.replace(/[\u115F\u1160\u3164\uFFA0\u2800]/g, "")); }).length;
  }
  // Thai digits (๐ to ๙) read as the digits they are.
  function digits(text) { return text.replace(/[\u0E50-\u0E59]/g, function (d) { return String(d.charCodeAt(0) - 0x0E50); }); }
  // "1,500,000", "1500000", "2,500.50", "฿1,500,000" or "1,500,000 บาท": baht as a number; null
  // when the field is empty, false when it cannot be read. Commas only as thousands separators,
  // so "1,5" is refused rather than read as 15.
  function readAmount() {
    var raw = $("amountThb").value;
    if (!raw.trim()) return null;
    var text = digits(raw).replace(/\s|฿|บาท|THB|baht/gi, "");
    if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(text)) return false;
    return Number(text.replace(/,/g, ""));
  }
  // The place of the incident (form-location.js): its field, the phone's position on request and
  // the line saying what will be sent; read when the form is checked and sent.
  var incidentPlace = window.TipFormLocation.start({ $: $, t: t, digits: digits });

  function validate() {
    var e = {};
    if (!$("category").value) e.category = [t("required")];
    if (!$("province").value) e.province = [t("required")];
    if (!visible($("agency").value)) e.agency = [t("required")];
    ["accusedPosition", "subject"].forEach(function (f) { if (seen($(f).value.trim()).length > 200) e[f] = [t("tooLongShort")]; });
    var d = $("description").value.trim(), shown = visible(d);
    if (!shown) e.description = [t("required")]; else if (shown < 20) e.description = [t("tooShort")]; else if (seen(d).length > 10000) e.description = [t("tooLong")];
    if (incidentPlace.read() === false) e.location = [t("badLocation")];
    var amount = readAmount();
    if (amount === false) e.amountThb = [t("badAmount")]; else if (amount > 1e12) e.amountThb = [t("amountTooLarge")];
    if ($("files").files.length > 10) e.attachmentIds = [t("tooManyFiles")];
    if (!anonymous()) {
      if (!$("reporter.name").value.trim()) e["reporter.name"] = [t("required")];
      var phone = $("reporter.phone").value.trim(), email = $("reporter.email").value.trim();
      if (!phone && !email) { e["reporter.phone"] = [t("contact")]; e["reporter.email"] = [t("contact")]; }
      if (phone && !thaiPhone.test(phone)) e["reporter.phone"] = [t("badPhone")];
      if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]{2,}$/.test(email)) e["reporter.email"] = [t("badEmail")];
      if ($("reporter.notifyByEmail").checked && !email) e["reporter.notifyByEmail"] = [t("notifyNeedsEmail")];
      if (!$("consent").checked) e.consent = [t("mustConsent")];
    }
    return e;
  }

  function upload(file, done, fail) {
    var xhr = new XMLHttpRequest(), data = new FormData();
    data.append("file", file);
    xhr.open("POST", "/api/attachments");
    xhr.setRequestHeader("Accept-Language", lang);
    xhr.upload.onprogress = function (ev) { if (ev.lengthComputable) $("upload-progress").value = Math.round(ev.loaded / ev.total * 100); };
    xhr.onload = function () { xhr.status === 201 ? done(JSON.parse(xhr.responseText).attachmentId) : fail(xhr); };
    xhr.onerror = function () { fail(xhr); };
    xhr.send(data);
  }
  function uploadAll(files, ids, next, fail) {
    if (ids.length === files.length) { next(ids); return; }
    $("upload-progress").hidden = false; $("upload-progress").value = 0;
    upload(files[ids.length], function (id) { ids.push(id); uploadAll(files, ids, next, fail); }, fail);
  }

  async function post(url, body, idempotencyKey) {
    var headers = { "Content-Type": "application/json", "Accept-Language": lang };
    if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
    return fetch(url, { method: "POST", headers: headers, body: typeof body === "string" ? body : JSON.stringify(body), credentials: "omit" });
  }

  // A send whose answer is lost (the connection dropped, the server was busy) is sent again as
  // the same request: the same files, the same body and the same Idempotency-Key, so the server
  // answers with the first tracking code instead of making a second report. Any change to the
  // form makes it a new request.
  var lastSend = null;
  function sameFiles(a, b) {
    return a.length === b.length && a.every(function (f, i) { return f === b[i]; });
  }

  $("report").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var form = $("report");
    clearErrors(form);
    var errors = validate();
    if (Object.keys(errors).length) { showErrors(errors, true); return; }
    $("submit").disabled = true;
    var files = Array.from($("files").files);
    var uploaded = lastSend && sameFiles(lastSend.files, files) ? lastSend.ids : [];
    uploadAll(files, uploaded.slice(), async function (ids) {
      var body = { category: $("category").value, province: $("province").value, agency: $("agency").value, description: $("description").value, anonymous: anonymous(), attachmentIds: ids };
      if ($("accusedName").value.trim()) body.accusedName = $("accusedName").value;
      if (visible($("accusedPosition").value)) body.accusedPosition = $("accusedPosition").value;
      if (visible($("subject").value)) body.subject = $("subject").value;
      if ($("incidentDate").value) body.incidentDate = $("incidentDate").value;
      // A position goes only when the reporter typed one or pressed the button, and it is the one shown.
      var place = incidentPlace.read();
      if (place) body.location = place;
      var amount = readAmount();
      if (amount !== null) body.amountThb = amount;
      if (!anonymous()) { body.consent = $("consent").checked; body.reporter = { name: $("reporter.name").value, phone: $("reporter.phone").value || null, email: $("reporter.email").value || null, notifyByEmail: $("reporter.notifyByEmail").checked }; }
      var text = JSON.stringify(body);
      if (!lastSend || lastSend.body !== text) lastSend = { files: files, ids: ids, body: text, key: crypto.randomUUID() };
      var response;
      try { response = await post("/api/complaints", text, lastSend.key); }
      catch (e) { response = null; }
      $("submit").disabled = false;
      if (!response || response.status >= 500) {
        showErrors({ description: [t("failed")] }, true);
        return;
      }
      var answered = lastSend; lastSend = null;
      if (response.status === 202) {
        var receipt = await response.json();
        form.hidden = true;
        $("tracking-code").textContent = receipt.trackingCode;
        lastReceipt = receipt; showReceipt();
        $("done").hidden = false; $("done").focus();
        codeSaved = false;
      } else {
        var problem = await response.json().catch(function () { return {}; });
        // The files stay uploaded for the corrected form, unless they were what was refused.
        if (!problem.errors || !Object.keys(problem.errors).some(function (k) { return k.indexOf("attachmentIds") === 0; })) lastSend = { files: answered.files, ids: answered.ids };
        showErrors(problem.errors || { description: [problem.detail || t("failed")] }, true);
      }
    }, async function (xhr) {
      $("submit").disabled = false;
      var problem = {}; try { problem = JSON.parse(xhr.responseText); } catch (e) { }
      showErrors({ attachmentIds: [problem.detail || t("failed")] }, true);
    });
  });

  $("copy").addEventListener("click", function () {
    navigator.clipboard.writeText($("tracking-code").textContent).then(function () { $("copied").textContent = t("copied"); codeSaved = true; });
  });
  $("download").addEventListener("click", function () {
    var blob = new Blob([t("fileText") + $("tracking-code").textContent + "\n"], { type: "text/plain;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob); a.download = t("fileName"); a.click();
    URL.revokeObjectURL(a.href); codeSaved = true;
  });
  window.addEventListener("beforeunload", function (e) { if (!codeSaved) { e.preventDefault(); e.returnValue = t("leave"); } });

  // The server gives the reporter Bangkok calendar dates (yyyy-MM-dd), never times; each is shown
  // as that Bangkok date wherever the browser is: Buddhist era in Thai (30 พ.ย. 2569), Gregorian
  // in English (30 Nov 2026).
  function day(value) {
    var date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(value + "T12:00:00+07:00") : new Date(value);
    return date.toLocaleDateString(lang === "th" ? "th-TH-u-ca-buddhist" : "en-GB-u-ca-gregory", { timeZone: "Asia/Bangkok", day: "numeric", month: "short", year: "numeric" });
  }
  var lastReceipt = null;
  function showReceipt() {
    var r = lastReceipt;
    if (!r) return;
    $("done-received").textContent = r.receivedAt ? day(r.receivedAt) : "";
    $("done-acknowledge").textContent = r.acknowledgeBy ? day(r.acknowledgeBy) : "";
    $("done-feedback").textContent = r.feedbackDueBy ? day(r.feedbackDueBy) : "";
    $("done-dates").hidden = !(r.receivedAt && r.acknowledgeBy && r.feedbackDueBy);
  }

  applyLanguage();

  // What the status page's script (form-status.js, loaded after this one) shares with the form.
  window.TipForm = {
    $: $, t: t, day: day, post: post, clearErrors: clearErrors, showErrors: showErrors,
    lang: function () { return lang; },
    onLanguage: function (listener) { languageListeners.push(listener); }
  };
})();
