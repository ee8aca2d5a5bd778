// A workshop's attendee list, drawn below the workshop (#/workshops/{id}, workspace-workshops.js):
// who registered, with their status and check-in time, and for the organisers (Workshops.Manage)
// the same list as a CSV or XLSX file. Its texts are here, but for the province column's, which
// it shares with the workshop list.
"use strict";
(function (W) {
  W.addStrings({
    th: {
      workshopsAttendees: "รายชื่อผู้ลงทะเบียน ({n} คน)", workshopsNoAttendees: "ยังไม่มีผู้ลงทะเบียน",
      workshopsDownloadCsv: "ดาวน์โหลดรายชื่อ (CSV)", workshopsDownloadXlsx: "ดาวน์โหลดรายชื่อ (Excel)",
      workshopsColNumber: "ลำดับ", workshopsColName: "ชื่อ-นามสกุล", workshopsColPosition: "ตำแหน่ง", workshopsColAgency: "หน่วยงาน",
      workshopsColStatus: "สถานะ", workshopsColCheckInAt: "เวลาเช็กอิน",
      workshopsStatus_pending: "รอจัดที่นั่ง", workshopsStatus_confirmed: "ยืนยันที่นั่งแล้ว", workshopsStatus_waitlisted: "รอคิว",
      workshopsStatus_cancelled: "ยกเลิกแล้ว", workshopsStatus_checked_in: "เช็กอินแล้ว",
    },
    en: {
      workshopsAttendees: "Attendees ({n})", workshopsNoAttendees: "No one has registered yet.",
      workshopsDownloadCsv: "Download list (CSV)", workshopsDownloadXlsx: "Download list (Excel)",
      workshopsColNumber: "No.", workshopsColName: "Full name", workshopsColPosition: "Position", workshopsColAgency: "Agency",
      workshopsColStatus: "Status", workshopsColCheckInAt: "Checked in at",
      workshopsStatus_pending: "Awaiting a seat", workshopsStatus_confirmed: "Confirmed", workshopsStatus_waitlisted: "Waitlisted",
      workshopsStatus_cancelled: "Cancelled", workshopsStatus_checked_in: "Checked in",
    },
  });

  function attendeeTable(attendees) {
    var labels = ["workshopsColNumber", "workshopsColName", "workshopsColPosition", "workshopsColAgency", "workshopsColProvince", "workshopsColStatus", "workshopsColCheckInAt"];
    var cell = function (key, content) { return W.el("td", { "data-label": W.t(key) }, content === null || content === undefined || content === "" ? W.t("none") : content); };
    return W.el("table", { class: "stack", id: "attendees" },
      W.el("thead", null, W.el("tr", null, labels.map(function (k) { return W.el("th", { scope: "col", text: W.t(k) }); }))),
      W.el("tbody", null, attendees.map(function (a) {
        return W.el("tr", null,
          cell("workshopsColNumber", W.number(a.number)), cell("workshopsColName", a.fullName), cell("workshopsColPosition", a.position),
          cell("workshopsColAgency", a.agency), cell("workshopsColProvince", W.lang === "th" && a.provinceName ? a.provinceName : W.province(a.province)),
          cell("workshopsColStatus", W.t("workshopsStatus_" + a.status)), cell("workshopsColCheckInAt", a.checkedInAt ? W.dateTime(a.checkedInAt) : null));
      })));
  }

  // The buttons that download the list as a file; the workshop screen shows them to organisers only.
  function downloads(id) {
    return [["csv", "workshopsDownloadCsv"], ["xlsx", "workshopsDownloadXlsx"]].map(function (f) {
      var b = W.el("button", { type: "button", class: "secondary", id: "download-" + f[0], text: W.t(f[1]) });
      b.addEventListener("click", async function () {
        b.disabled = true;
        await W.download("/api/staff/workshops/" + encodeURIComponent(id) + "/attendees?format=" + f[0], "attendees-" + id + "." + f[0]);
        b.disabled = false;
      });
      return b;
    });
  }

  // Reads the list into its section of the workshop screen, unless the screen has moved on meanwhile.
  async function render(section, id, renderId) {
    var list = await W.api("GET", "/api/staff/workshops/" + encodeURIComponent(id) + "/attendees?format=json");
    if (W.stale(renderId)) { return; }
    if (list.status !== 200) { W.showProblem(section, list); return; }
    section.append(W.el("h3", { id: "attendees-title", text: W.t("workshopsAttendees", { n: W.number(list.body.length) }) }),
      list.body.length ? attendeeTable(list.body) : W.el("p", { class: "hint", text: W.t("workshopsNoAttendees") }));
  }

  W.attendees = { downloads: downloads, render: render };
})(window.Workspace);
