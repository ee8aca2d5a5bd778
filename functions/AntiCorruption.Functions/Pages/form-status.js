// The status page of the tip form (/api/form#status): the report found by its tracking code, its
// status, progress and messages, the reporter's reply, and news by email for a reporter who asked
// for it (confirmed with the code the first mail gave, or stopped). Loaded after form.js, whose language,
// texts and helpers it shares (window.TipForm); served from this app like form.js.
(function () {
  "use strict";
  var f = window.TipForm, $ = f.$, t = f.t, day = f.day, post = f.post, clearErrors = f.clearErrors, showErrors = f.showErrors;
  // The texts only this page uses.
  var S = {
    th: {staff:"เจ้าหน้าที่",you:"ท่าน",
      st:{received:"ได้รับเรื่องแล้ว",registered:"ลงทะเบียนรับเรื่องแล้ว",under_review:"อยู่ระหว่างตรวจสอบ",referred:"ส่งต่อหน่วยงานที่เกี่ยวข้อง",closed:"ยุติเรื่องแล้ว",dismissed:"ไม่รับไว้พิจารณา"},
      emailTitle:"การแจ้งทางอีเมล",confirmationCode:"รหัสยืนยันจากอีเมล (8 ตัวอักษร)",confirm:"ยืนยันอีเมล",stop:"หยุดรับอีเมล",
      email:{awaiting:"ท่านขอให้แจ้งทางอีเมลเมื่อมีความคืบหน้า เราส่งรหัสยืนยันไปที่อีเมลที่ท่านให้ไว้แล้ว กรอกรหัสนั้นที่นี่เพื่อเริ่มรับอีเมล",
        on:"ท่านจะได้รับอีเมลเมื่อมีความคืบหน้า อีเมลจะไม่มีรายละเอียดของเรื่อง",
        off:"หยุดส่งอีเมลแล้ว หากต้องการรับอีกครั้ง กรอกรหัสยืนยันจากอีเมลฉบับแรก"}},
    en: {staff:"Staff",you:"You",
      st:{received:"Received",registered:"Registered",under_review:"Under review",referred:"Referred",closed:"Closed",dismissed:"Dismissed"},
      emailTitle:"News by email",confirmationCode:"Confirmation code from the email (8 characters)",confirm:"Confirm my email",stop:"Stop the emails",
      email:{awaiting:"You asked to be emailed when there is news. A confirmation code was sent to the address you gave: enter it here to start the emails.",
        on:"You will get an email when there is news. It says nothing about the report.",
        off:"The emails are stopped. To get them again, enter the confirmation code from the first email."}}
  };
  var s = function (key) { return S[f.lang()][key]; };
  // The case shown and the code it was found by: what the email part acts on, whatever the box holds now.
  var lastView = null, lastCode = null;

  function showCase() {
    var view = lastView;
    if (!view) return;
    $("case-status").textContent = s("st")[view.status] || view.status;
    // While the report is still on its way into storage, it has no dates yet.
    $("case-dates").hidden = !view.receivedAt;
    $("case-received").textContent = view.receivedAt ? day(view.receivedAt) : "";
    $("case-updated").textContent = view.updatedAt ? day(view.updatedAt) : "";
    $("case-history").replaceChildren.apply($("case-history"), view.history.map(function (h) {
      var li = document.createElement("li");
      li.textContent = (s("st")[h.status] || h.status) + (h.at ? " · " + day(h.at) : "") + (h.note ? " — " + h.note : "");
      return li;
    }));
    // Only the newest messages come back; the page says so when there are older ones.
    $("messages-omitted").hidden = view.earlierMessagesOmitted !== true;
    $("case-messages").replaceChildren.apply($("case-messages"), view.messages.map(function (m) {
      var li = document.createElement("li");
      li.textContent = (m.from === "staff" ? s("staff") : s("you")) + " · " + day(m.at) + ": " + m.text;
      return li;
    }));
    showEmailNotices(view.emailNotifications);
  }
  // Only for a reporter who asked for news by email: where it stands, the code box until it is
  // on, and a way to stop it while it is.
  function showEmailNotices(state) {
    $("email-notices").hidden = !state;
    if (!state) return;
    $("email-notices-title").textContent = s("emailTitle");
    $("email-notices-state").textContent = s("email")[state] || "";
    $("confirmationCode-label").textContent = s("confirmationCode");
    $("email-confirm").textContent = s("confirm");
    $("email-stop").textContent = s("stop");
    $("email-confirm-form").hidden = state === "on";
    $("email-stop").hidden = state !== "on";
  }
  async function changeEmailNotices(body) {
    var view = lastView;
    if (!view) return;
    clearErrors($("email-confirm-form"));
    $("email-notices-error").hidden = true;
    body.trackingCode = lastCode;
    var response = await post("/api/complaints/email-notifications", body);
    if (response.status === 200) {
      view.emailNotifications = (await response.json()).emailNotifications;
      $("confirmationCode").value = "";
      if (view === lastView) { showEmailNotices(view.emailNotifications); $("email-notices-state").focus(); }
      return;
    }
    var problem = await response.json().catch(function () { return {}; });
    // The code box is hidden while the mails are on: a failed stop is said in its own alert.
    if (body.stop) { $("email-notices-error").textContent = problem.detail || t("failed"); $("email-notices-error").hidden = false; }
    else showErrors(problem.errors || { confirmationCode: [problem.detail || t("failed")] }, false);
  }
  $("email-confirm-form").addEventListener("submit", function (ev) { ev.preventDefault(); changeEmailNotices({ confirmationCode: $("confirmationCode").value }); });
  $("email-stop").addEventListener("click", function () { changeEmailNotices({ stop: true }); });
  async function loadCase() {
    var form = $("status-form");
    clearErrors(form);
    var response = await post("/api/complaints/status", { trackingCode: $("trackingCode").value });
    if (response.status !== 200) {
      var problem = await response.json().catch(function () { return {}; });
      showErrors(problem.errors || { trackingCode: [problem.detail || t("failed")] }, false);
      $("case").hidden = true;
      lastView = null;
      return;
    }
    lastView = await response.json();
    lastCode = $("trackingCode").value;
    showCase();
    $("case").hidden = false;
  }
  $("status-form").addEventListener("submit", function (ev) { ev.preventDefault(); loadCase(); });
  $("reply-form").addEventListener("submit", async function (ev) {
    ev.preventDefault();
    clearErrors($("reply-form"));
    var response = await post("/api/complaints/messages", { trackingCode: $("trackingCode").value, text: $("text").value });
    if (response.status === 201) { $("text").value = ""; loadCase(); }
    else { var problem = await response.json().catch(function () { return {}; }); showErrors(problem.errors || { text: [problem.detail || t("failed")] }, false); }
  });
  f.onLanguage(showCase);
})();
