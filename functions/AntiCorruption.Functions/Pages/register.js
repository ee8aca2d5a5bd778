// The workshop registration page's script (/api/register): the open workshops in Thai or English,
// the registration with its checks, the confirmation code and its QR code, and the cancellation.
// Served from this app like the tip form's, so that the page's policy allows scripts from 'self'
// alone and no inline script.
(function () {
  "use strict";
  var T = {
    th: {
      title: "ลงทะเบียนเข้าร่วมอบรม สำนักงาน ป.ป.ท.", pageTitle: "ลงทะเบียนอบรม · สำนักงาน ป.ป.ท.", open: "การอบรมที่เปิดรับสมัคร",
      timesBangkok: "วันและเวลาทั้งหมดเป็นเวลาประเทศไทย", none: "ขณะนี้ยังไม่มีการอบรมที่เปิดรับสมัคร", loadFailed: "โหลดรายการอบรมไม่สำเร็จ กรุณาลองใหม่",
      seats: "เหลือ {n} ที่", full: "ที่นั่งเต็มแล้ว ลงทะเบียนเป็นรายชื่อสำรองได้", choose: "ลงทะเบียนการอบรมนี้",
      at: " เวลา ", clock: " น.",
      fullName: "ชื่อ-นามสกุล", position: "ตำแหน่ง", agency: "หน่วยงาน", province: "จังหวัดของหน่วยงาน", phone: "โทรศัพท์", email: "อีเมล",
      nationalId: "เลขประจำตัวประชาชน (ไม่บังคับ)",
      notice: "ประกาศความเป็นส่วนตัว: สำนักงาน ป.ป.ท. เก็บชื่อ ตำแหน่ง หน่วยงาน และช่องทางติดต่อของท่านเพื่อการลงทะเบียนและเช็กอินการอบรมนี้เท่านั้น ข้อมูลถูกเข้ารหัสและลบเมื่อหมดความจำเป็น ท่านขอเข้าถึงหรือลบข้อมูลได้ตาม พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562",
      consent: "ข้าพเจ้ายินยอมตามประกาศข้างต้น", submit: "ลงทะเบียน", pick: "— เลือก —",
      required: "จำเป็นต้องกรอกข้อมูลนี้", contact: "กรุณาให้หมายเลขโทรศัพท์หรืออีเมลอย่างน้อยหนึ่งช่องทาง", mustConsent: "ต้องให้ความยินยอมก่อนลงทะเบียน",
      offline: "ส่งข้อมูลไม่สำเร็จ กรุณาตรวจสอบการเชื่อมต่อแล้วกดลงทะเบียนอีกครั้ง", failed: "ลงทะเบียนไม่สำเร็จ",
      askOffice: "ติดต่อ {office} (ผู้จัดการอบรม {title}) เพื่อขอรับรหัสยืนยันของท่าน",
      resend: "ส่งรหัสยืนยันไปยังอีเมลที่ลงทะเบียนไว้",
      centralOffice: "สำนักงาน ป.ป.ท. (ส่วนกลาง)", regionOffice: "สำนักงาน ป.ป.ท. เขต {n}",
      doneTitle: "ลงทะเบียนแล้ว", doneCode: "รหัสยืนยันของท่าน (แสดงที่จุดลงทะเบียนหน้างาน)", qr: "คิวอาร์โค้ดของรหัสยืนยัน", place: " ลำดับที่ {n}",
      cancelTitle: "ยกเลิกการลงทะเบียน", cancelCode: "รหัสยืนยัน", cancel: "ยกเลิก", cancelled: "ยกเลิกแล้ว", notFound: "ไม่พบรหัสนี้",
      st: { pending: "กำลังจัดที่นั่ง", confirmed: "ได้รับที่นั่งแล้ว", waitlisted: "อยู่ในรายชื่อสำรอง", cancelled: "ยกเลิกแล้ว", checked_in: "เช็กอินแล้ว" }
    },
    en: {
      title: "PACC workshop registration", pageTitle: "Workshop registration · PACC", open: "Workshops open for registration",
      timesBangkok: "All dates and times are Thailand (Bangkok) time.", none: "No workshop is open for registration at the moment.", loadFailed: "The workshops could not be loaded. Please try again.",
      seats: "{n} seats left", full: "Full: you can join the waiting list", choose: "Register for this workshop",
      at: ", ", clock: "",
      fullName: "Full name", position: "Position", agency: "Agency", province: "Province of your agency", phone: "Phone", email: "Email",
      nationalId: "National ID number (optional)",
      notice: "Privacy notice: PACC keeps your name, position, agency and contact details only to register you for this workshop and check you in. They are encrypted and deleted when no longer needed. You may ask to see or delete them under the Personal Data Protection Act B.E. 2562.",
      consent: "I consent as described in the notice above", submit: "Register", pick: "— choose —",
      required: "This field is required.", contact: "Give a phone number or an email address.", mustConsent: "Consent is needed to register.",
      offline: "Sending failed. Check your connection and press Register again.", failed: "Registration failed.",
      askOffice: "Contact {office} (organiser of {title}) to get your confirmation code.",
      resend: "Send my confirmation code to the email I registered with",
      centralOffice: "the PACC central office", regionOffice: "the PACC Region {n} office",
      doneTitle: "Registered", doneCode: "Your confirmation code (show it at the registration desk)", qr: "QR code of the confirmation code", place: ", position {n}",
      cancelTitle: "Cancel a registration", cancelCode: "Confirmation code", cancel: "Cancel registration", cancelled: "Cancelled", notFound: "This code was not found.",
      st: { pending: "Seat being decided", confirmed: "Seat confirmed", waitlisted: "On the waiting list", cancelled: "Cancelled", checked_in: "Checked in" }
    }
  };
  var lang = "th";
  var $ = function (id) { return document.getElementById(id); };
  var t = function (key) { return T[lang][key]; };
  var ref = JSON.parse($("reference").textContent);
  // What the page shows, kept so that a change of language can show it again in the other one.
  var workshops = null, loadFailed = false, chosen = null, last = null, pollDelay = 1500, seat = null, cancelResult = null;

  // Dates and times in Bangkok wherever the browser is: Buddhist era in Thai (30 พ.ย. 2569 เวลา
  // 09:00–16:00 น.), Gregorian in English (30 Nov 2026, 09:00–16:00).
  function date(d) { return d.toLocaleDateString(lang === "th" ? "th-TH-u-ca-buddhist" : "en-GB-u-ca-gregory", { timeZone: "Asia/Bangkok", day: "numeric", month: "short", year: "numeric" }); }
  function time(d) { return d.toLocaleTimeString("en-GB", { timeZone: "Asia/Bangkok", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }); }
  function when(startsAt, endsAt) {
    var start = new Date(startsAt), end = endsAt ? new Date(endsAt) : null;
    if (end && date(start) === date(end)) return date(start) + t("at") + time(start) + "–" + time(end) + t("clock");
    return date(start) + t("at") + time(start) + t("clock") + (end ? " – " + date(end) + t("at") + time(end) + t("clock") : "");
  }
  function provinceName(code) {
    var p = ref.provinces.filter(function (x) { return x.code === code; })[0];
    return p ? (lang === "th" ? p.nameTh : p.nameEn) : code || "";
  }
  function office(region) { return region === 0 ? t("centralOffice") : t("regionOffice").replace("{n}", region); }

  function fillProvinces() {
    var select = $("province"), value = select.value;
    select.replaceChildren(new Option(t("pick"), ""));
    ref.provinces.forEach(function (p) { select.add(new Option(lang === "th" ? p.nameTh : p.nameEn, p.code)); });
    select.value = value;
  }
  function showWorkshops() {
    var box = $("workshops");
    if (loadFailed) { box.textContent = t("loadFailed"); return; }
    if (!workshops) return;
    if (!workshops.length) { box.textContent = t("none"); return; }
    box.replaceChildren.apply(box, workshops.map(function (w) {
      var item = document.createElement("div"), h = document.createElement("h3"), p = document.createElement("p"), b = document.createElement("button");
      item.className = "workshop";
      h.textContent = w.title;
      p.textContent = when(w.startsAt, w.endsAt) + " · " + w.venue + " · " + provinceName(w.province) + " · " + (w.seatsRemaining > 0 ? t("seats").replace("{n}", w.seatsRemaining) : t("full"));
      b.type = "button"; b.textContent = t("choose");
      b.addEventListener("click", function () { chosen = w; showChosen(); $("register").hidden = false; $("fullName").focus(); });
      item.append(h, p, b);
      return item;
    }));
  }
  function showChosen() {
    if (!chosen) return;
    $("chosen").textContent = chosen.title;
    $("chosen-when").textContent = when(chosen.startsAt, chosen.endsAt) + " · " + chosen.venue;
  }
  function showSeat() {
    if (!seat) return;
    $("state").textContent = (T[lang].st[seat.status] || seat.status) + (seat.waitlistPosition ? t("place").replace("{n}", seat.waitlistPosition) : "");
  }
  function showCancelResult() {
    if (!cancelResult) return;
    $("cancel-result").textContent = cancelResult.ok ? t("cancelled") : cancelResult.detail || t("notFound");
  }
  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach(function (el) { el.textContent = t(el.getAttribute("data-i18n")); });
    document.title = t("pageTitle");
    var other = lang === "th" ? "en" : "th";
    $("lang").textContent = other === "en" ? "English" : "ภาษาไทย";
    $("lang").lang = other;
    $("qr").alt = t("qr");
    fillProvinces();
    showWorkshops();
    showChosen();
    showSeat();
    showCancelResult();
  }
  // The choice lives in this page only: no cookie, nothing stored.
  $("lang").addEventListener("click", function () { lang = lang === "th" ? "en" : "th"; applyLanguage(); });

  fetch("/api/workshops", { credentials: "omit", headers: { "Accept-Language": lang } })
    .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
    .then(function (list) { workshops = list; showWorkshops(); }, function () { loadFailed = true; showWorkshops(); });

  function clearErrors() {
    document.querySelectorAll("#register .error").forEach(function (e) { e.hidden = true; e.textContent = ""; });
    document.querySelectorAll("#register [aria-invalid]").forEach(function (e) { e.removeAttribute("aria-invalid"); });
    $("resend").hidden = true; $("resend-status").textContent = "";
  }
  function showErrors(errors) {
    var first = null;
    Object.keys(errors).forEach(function (field) {
      var box = $(field + "-error") || $("form-error");
      box.textContent = (box.hidden ? "" : box.textContent + " ") + errors[field].join(" "); box.hidden = false;
      var input = $(field); if (input) { input.setAttribute("aria-invalid", "true"); first = first || input; }
    });
    (first || $("form-error")).focus();
  }

  $("register").addEventListener("submit", async function (ev) {
    ev.preventDefault(); clearErrors();
    var e = {};
    if (!$("fullName").value.trim()) e.fullName = [t("required")];
    if (!$("province").value) e.province = [t("required")];
    if (!$("phone").value.trim() && !$("email").value.trim()) { e.phone = e.email = [t("contact")]; }
    if (!$("consent").checked) e.consent = [t("mustConsent")];
    if (Object.keys(e).length) { showErrors(e); return; }
    var body = { fullName: $("fullName").value, position: $("position").value || null, agency: $("agency").value || null, province: $("province").value, phone: $("phone").value || null, email: $("email").value || null, nationalId: $("nationalId").value || null, consent: true };
    var text = JSON.stringify(body), target = chosen;
    // The same details sent again (after a lost answer) go with the same random key, so the
    // server can tell this browser's retry from someone else typing the same phone or email.
    if (!last || last.text !== text || last.workshop !== target.id) last = { text: text, workshop: target.id, key: newKey() };
    $("submit").disabled = true;
    var r;
    try {
      r = await fetch("/api/workshops/" + encodeURIComponent(target.id) + "/registrations", { method: "POST", headers: { "Content-Type": "application/json", "Accept-Language": lang, "Idempotency-Key": last.key }, body: text, credentials: "omit" });
    } catch (err) {
      $("submit").disabled = false;
      showErrors({ form: [t("offline")] });
      return;
    }
    $("submit").disabled = false;
    var data = await r.json().catch(function () { return {}; });
    if (r.status === 202) {
      $("register").hidden = true;
      $("code").textContent = data.confirmationCode;
      showQr(data.confirmationCode);
      seat = { status: data.status }; showSeat();
      $("done").hidden = false; $("done").focus();
      pollDelay = 1500; setTimeout(refresh, pollDelay);
    } else if (r.status === 409 && /already-registered$/.test(data.type || "")) {
      // No code comes back for a duplicate: it could be anyone's details. Say who can help.
      showErrors({ form: [data.detail, t("askOffice").replace("{office}", office(target.region)).replace("{title}", target.title)] });
      // With the email typed here, the code can go again to the address the registration holds (if any).
      $("resend").hidden = !$("email").value.trim();
    } else {
      showErrors(data.errors || { form: [data.detail || t("failed")] });
    }
  });

  $("resend-code").addEventListener("click", async function () {
    $("resend-code").disabled = true;
    try {
      var r = await fetch("/api/registrations/resend-code", { method: "POST", headers: { "Content-Type": "application/json", "Accept-Language": lang }, body: JSON.stringify({ workshopId: chosen.id, email: $("email").value.trim() }), credentials: "omit" });
      var data = await r.json().catch(function () { return {}; });
      $("resend-status").textContent = data.detail || t("failed");
    } catch (err) {
      $("resend-status").textContent = t("offline");
    } finally {
      $("resend-code").disabled = false;
    }
  });

  function newKey() {
    var bytes = new Uint8Array(16); crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }
  // Codes go in request bodies only, never in a URL: the QR image is fetched and shown from a blob: URL.
  function post(path, code) {
    return fetch(path, { method: "POST", headers: { "Content-Type": "application/json", "Accept-Language": lang }, body: JSON.stringify({ confirmationCode: code }), credentials: "omit" });
  }
  async function showQr(code) {
    var r = await post("/api/registrations/qr", code);
    if (r.ok) $("qr").src = URL.createObjectURL(await r.blob());
  }

  // Each poll counts against the per-client lookup limit, so the wait between polls grows.
  async function refresh() {
    var r = await post("/api/registrations/lookup", $("code").textContent);
    if (r.ok) {
      seat = await r.json(); showSeat();
      if (seat.status === "pending" && pollDelay < 60000) { pollDelay *= 2; setTimeout(refresh, pollDelay); }
    }
  }

  $("cancel").addEventListener("submit", async function (ev) {
    ev.preventDefault();
    var r = await post("/api/registrations/cancel", $("cancelCode").value.trim());
    var data = await r.json().catch(function () { return {}; });
    cancelResult = { ok: r.ok, detail: data.detail }; showCancelResult();
  });

  applyLanguage();
})();
