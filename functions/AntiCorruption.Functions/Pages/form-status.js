// The status page of the tip form (/api/form#status): the report found by its tracking code, its
// status, progress and messages, and the reporter's reply. Loaded after form.js, whose language,
// texts and helpers it shares (window.TipForm); served from this app like form.js.
(function () {
  "use strict";
  var f = window.TipForm, $ = f.$, t = f.t, day = f.day, post = f.post, clearErrors = f.clearErrors, showErrors = f.showErrors;
  // The texts only this page uses.
  var S = {
    th: {staff:"เจ้าหน้าที่",you:"ท่าน",
      st:{received:"ได้รับเรื่องแล้ว",registered:"ลงทะเบียนรับเรื่องแล้ว",under_review:"อยู่ระหว่างตรวจสอบ",referred:"ส่งต่อหน่วยงานที่เกี่ยวข้อง",closed:"ยุติเรื่องแล้ว",dismissed:"ไม่รับไว้พิจารณา"}},
    en: {staff:"Staff",you:"You",
      st:{received:"Received",registered:"Registered",under_review:"Under review",referred:"Referred",closed:"Closed",dismissed:"Dismissed"}}
  };
  var s = function (key) { return S[f.lang()][key]; };
  var lastView = null;

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
  }
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
