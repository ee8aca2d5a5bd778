// Reports: the fiscal-year summaries of one's scope (download, compile now) and the hotspots that
// rise above their baseline; the texts of the audit trail screen (workspace-audit.js) too.
"use strict";
(function (W) {
  var FILES = ["report.xlsx", "report.html", "complaints.csv", "registrations.csv", "summary.json"];

  W.addStrings({
    th: {
      summariesNav: "สรุปรายงาน", summariesTitle: "สรุปรายงานประจำปีงบประมาณ",
      summariesIntro: "แฟ้มสรุปของเขตงานของท่าน จัดทำอัตโนมัติทุกคืน หรือสั่งจัดทำใหม่ได้ทันทีด้านล่าง",
      summariesExcel: "ผู้ใช้ Excel: เปิดแฟ้ม report.xlsx ได้ทันที ส่วน complaints.csv และ registrations.csv เป็น UTF-8 มี BOM ซึ่ง Excel อ่านภาษาไทยได้ถูกต้อง",
      summariesCompileTitle: "จัดทำสรุปใหม่ทันที", summariesYear: "ปีงบประมาณ", summariesCompile: "จัดทำสรุปทันที",
      summariesCompileHint: "จัดทำแฟ้มระดับประเทศและของทุกภาคในครั้งเดียว อาจใช้เวลาหนึ่งถึงสองนาที",
      summariesWorking: "กำลังจัดทำสรุปปีงบประมาณ {year}… หน้านี้จะแจ้งเมื่อเสร็จ",
      summariesDone: "จัดทำสรุปปีงบประมาณ {year} เสร็จแล้ว ดาวน์โหลดแฟ้มได้ด้านล่าง",
      summariesSlow: "ยังจัดทำสรุปปีงบประมาณ {year} ไม่เสร็จภายใน 2 นาที กรุณากลับมาดูหน้านี้อีกครั้งภายหลัง",
      summariesNone: "ยังไม่มีสรุปรายงานในเขตงานของท่าน กด “จัดทำสรุปทันที” เพื่อจัดทำ",
      summariesFy: "ปีงบประมาณ {year}", summariesNational: "ระดับประเทศ", summariesRegions: "แฟ้มรายภาค ({n} ภาค)",
      summariesGenerated: "จัดทำเมื่อ {at}", summariesFile: "แฟ้ม", summariesWhat: "เนื้อหา", summariesSize: "ขนาด",
      "summariesFile_report.xlsx": "รายงานสำหรับ Excel (เปิดด้วย Excel ได้ทันที)", "summariesFile_report.html": "รายงานสำหรับอ่านและพิมพ์ (เปิดในเบราว์เซอร์)",
      "summariesFile_complaints.csv": "รายการเรื่องร้องเรียน ไม่มีข้อมูลผู้ร้อง (CSV, UTF-8 มี BOM)",
      "summariesFile_registrations.csv": "การลงทะเบียนอบรม (CSV, UTF-8 มี BOM)", "summariesFile_summary.json": "ตัวเลขสรุปสำหรับระบบอื่น (JSON)",
      summariesBytes: "{n} ไบต์", summariesKb: "{n} KB", summariesMb: "{n} MB",
      hotspotsNav: "จุดเสี่ยง", hotspotsTitle: "จุดเสี่ยงการทุจริต",
      hotspotsIntro: "หน่วยงานและจังหวัดที่มีเรื่องร้องเรียนใน 30 วันล่าสุดสูงกว่าระดับปกติ (90 วันก่อนหน้า) อย่างมีนัยสำคัญ เรียงจากเด่นชัดที่สุด",
      hotspotsShow: "แสดง", hotspotsCaption: "จุดเสี่ยงปีงบประมาณ {year}", hotspotsNone: "ไม่พบจุดเสี่ยงในปีงบประมาณ {year} ในเขตงานของท่าน",
      hotspotsKind: "ประเภท", hotspotsName: "ชื่อ", hotspotsRegion: "ภาค", hotspotsRecent: "30 วันล่าสุด", hotspotsBaseline: "90 วันก่อนหน้า",
      hotspotsExpected: "ค่าที่คาดไว้ใน 30 วัน", hotspotsP: "ค่า p", hotspotsDetected: "ตรวจพบเมื่อ",
      hotspotsKind_agency: "หน่วยงาน", hotspotsKind_province: "จังหวัด", hotspotsCountry: "ทั้งประเทศ",
      auditNav: "บันทึกการใช้งาน", auditTitle: "บันทึกการใช้งาน (audit trail)",
      auditIntro: "ทุกการเปิดดูข้อมูลส่วนบุคคลและทุกการเปลี่ยนแปลง เรียงจากล่าสุด เฉพาะในเขตงานของท่าน",
      auditFilters: "ค้นหา", auditFrom: "ตั้งแต่วันที่", auditTo: "ถึงวันที่", auditDatesHint: "วันตามเวลากรุงเทพฯ ถ้าไม่ระบุ แสดง 31 วันล่าสุด", auditRange: "ช่วงที่ค้นหา: {from} ถึง {to}",
      auditActor: "รหัสผู้ใช้", auditActorHint: "รหัสของท่านคือ {id}", auditComplaint: "รหัสเรื่องร้องเรียน", auditAction: "การกระทำ", auditAny: "ทั้งหมด",
      auditSearch: "ค้นหา", auditClear: "ล้างตัวกรอง", auditMore: "แสดงรายการก่อนหน้านี้", auditNone: "ไม่พบรายการตามเงื่อนไขนี้", auditNoneYet: "ยังไม่พบรายการในช่วงที่ค้นแล้ว กด “แสดงรายการก่อนหน้านี้” เพื่อค้นย้อนต่อ",
      auditEnd: "แสดงครบทุกรายการแล้ว", auditCaption: "บันทึกการใช้งาน ล่าสุดก่อน", auditCount: "แสดง {n} รายการ",
      auditAt: "เวลา", auditWho: "ผู้ใช้", auditWhat: "การกระทำ", auditRecord: "รายการที่เกี่ยวข้อง", auditNoRegion: "ไม่ระบุภาค", auditUnknown: "ไม่ทราบตัวตน",
      auditVerifyTitle: "ตรวจความถูกต้องของบันทึก", auditVerifyHint: "ตรวจสายลายนิ้วมือ (hash) ของบันทึกทั้งหมดตั้งแต่รายการแรก ว่าไม่มีรายการใดถูกแก้ ลบ หรือสลับลำดับ",
      auditVerify: "ตรวจความถูกต้องของบันทึก", auditVerifying: "กำลังตรวจ…",
      auditValid: "บันทึกถูกต้องครบถ้วน: ตรวจแล้ว {n} รายการ ไม่มีรายการใดถูกแก้ ลบ หรือสลับลำดับ",
      auditBroken: "บันทึกไม่ถูกต้อง: รายการลำดับที่ {first} เป็นรายการแรกที่ต่อกันไม่ได้ (ตรวจ {n} รายการ) กรุณาแจ้งผู้ดูแลระบบทันที",
      "auditAction_complaint.assign": "มอบหมายเรื่อง", "auditAction_complaint.evidence": "เปิดหลักฐาน", "auditAction_complaint.identity": "เปิดดูตัวตนผู้ร้อง",
      "auditAction_complaint.link": "เชื่อมโยงเรื่อง", "auditAction_complaint.lookup": "ค้นหาด้วยรหัสติดตาม", "auditAction_complaint.message": "ส่งข้อความถึงผู้ร้อง",
      "auditAction_complaint.note": "บันทึกภายใน", "auditAction_complaint.read": "เปิดอ่านเรื่อง", "auditAction_complaint.reclassify": "แก้ไขประเภท/โอนเรื่อง",
      "auditAction_complaint.status": "เปลี่ยนสถานะ", "auditAction_staff.refused": "ถูกปฏิเสธสิทธิ์", "auditAction_summary.compile": "สั่งจัดทำสรุป", "auditAction_retention.applied": "ลบข้อมูลตามระยะเวลาเก็บรักษา",
      "auditAction_summary.download": "ดาวน์โหลดสรุป", "auditAction_workshop.attendees": "ดูรายชื่อผู้อบรม", "auditAction_workshop.checkin": "เช็กอินผู้อบรม",
      "auditAction_workshop.create": "สร้างการอบรม", "auditAction_workshop.update": "แก้ไขการอบรม",
      "auditAction_complaint.legal_hold": "ระงับ/ยกเลิกการระงับตามกฎหมาย", "auditAction_registration.find": "ค้นหาผู้ลงทะเบียนตามคำขอ",
      "auditAction_registration.export": "ส่งออกข้อมูลผู้ลงทะเบียน", "auditAction_registration.erase": "ลบข้อมูลผู้ลงทะเบียนตามคำขอ",
    },
    en: {
      summariesNav: "Summaries", summariesTitle: "Fiscal-year summaries",
      summariesIntro: "The summary files of your scope, compiled every night; you can compile one now below.",
      summariesExcel: "Excel users: open report.xlsx directly. complaints.csv and registrations.csv are UTF-8 with a BOM, so Excel reads their Thai text correctly.",
      summariesCompileTitle: "Compile now", summariesYear: "Fiscal year", summariesCompile: "Compile now",
      summariesCompileHint: "Compiles the national files and every region's at once; it can take a minute or two.",
      summariesWorking: "Compiling fiscal year {year}… this page will say when it is done.",
      summariesDone: "Fiscal year {year} is compiled: the files are ready below.",
      summariesSlow: "Fiscal year {year} was not finished within 2 minutes. Please come back to this page later.",
      summariesNone: "No summaries in your scope yet. Press “Compile now” to make one.",
      summariesFy: "Fiscal year {year}", summariesNational: "National", summariesRegions: "Regional files ({n} regions)",
      summariesGenerated: "Compiled {at}", summariesFile: "File", summariesWhat: "Contents", summariesSize: "Size",
      "summariesFile_report.xlsx": "Report for Excel (opens directly in Excel)", "summariesFile_report.html": "Report to read and print (opens in a browser)",
      "summariesFile_complaints.csv": "Complaints, without reporters (CSV, UTF-8 with BOM)",
      "summariesFile_registrations.csv": "Workshop registrations (CSV, UTF-8 with BOM)", "summariesFile_summary.json": "Figures for other systems (JSON)",
      summariesBytes: "{n} bytes", summariesKb: "{n} KB", summariesMb: "{n} MB",
      hotspotsNav: "Hotspots", hotspotsTitle: "Corruption hotspots",
      hotspotsIntro: "Agencies and provinces whose complaints of the last 30 days rose well above their baseline (the 90 days before), most significant first.",
      hotspotsShow: "Show", hotspotsCaption: "Hotspots of fiscal year {year}", hotspotsNone: "No hotspots in fiscal year {year} within your scope.",
      hotspotsKind: "Kind", hotspotsName: "Name", hotspotsRegion: "Region", hotspotsRecent: "Last 30 days", hotspotsBaseline: "90 days before",
      hotspotsExpected: "Expected in 30 days", hotspotsP: "p-value", hotspotsDetected: "Detected",
      hotspotsKind_agency: "Agency", hotspotsKind_province: "Province", hotspotsCountry: "Whole country",
      auditNav: "Audit trail", auditTitle: "Audit trail",
      auditIntro: "Every opening of personal data and every change, newest first, within your scope.",
      auditFilters: "Search", auditFrom: "From", auditTo: "To", auditDatesHint: "Bangkok days; without them, the last 31 days.", auditRange: "Searching {from} to {to}.",
      auditActor: "Staff id", auditActorHint: "Yours is {id}", auditComplaint: "Complaint id", auditAction: "Action", auditAny: "Any",
      auditSearch: "Search", auditClear: "Clear filters", auditMore: "Show earlier records", auditNone: "No records match.", auditNoneYet: "No records in the part searched so far: press “Show earlier records” to search further back.",
      auditEnd: "All matching records are shown.", auditCaption: "Audit records, newest first", auditCount: "{n} records shown",
      auditAt: "Time", auditWho: "Staff", auditWhat: "Action", auditRecord: "Record", auditNoRegion: "No region", auditUnknown: "Unknown caller",
      auditVerifyTitle: "Verify the trail", auditVerifyHint: "Checks the hash chain of every record from the first, so that no record was changed, removed or moved.",
      auditVerify: "Verify the trail", auditVerifying: "Verifying…",
      auditValid: "The trail is intact: {n} records checked, none changed, removed or moved.",
      auditBroken: "The trail is broken: record {first} is the first whose link does not hold ({n} records checked). Tell the administrators at once.",
      "auditAction_complaint.assign": "Assigned", "auditAction_complaint.evidence": "Opened evidence", "auditAction_complaint.identity": "Opened reporter identity",
      "auditAction_complaint.link": "Linked cases", "auditAction_complaint.lookup": "Looked up by tracking code", "auditAction_complaint.message": "Messaged reporter",
      "auditAction_complaint.note": "Internal note", "auditAction_complaint.read": "Read case", "auditAction_complaint.reclassify": "Reclassified / transferred",
      "auditAction_complaint.status": "Changed status", "auditAction_staff.refused": "Refused", "auditAction_summary.compile": "Compile requested", "auditAction_retention.applied": "Retention schedule applied",
      "auditAction_summary.download": "Downloaded summary", "auditAction_workshop.attendees": "Read attendees", "auditAction_workshop.checkin": "Checked in",
      "auditAction_workshop.create": "Created workshop", "auditAction_workshop.update": "Updated workshop",
      "auditAction_complaint.legal_hold": "Placed or lifted legal hold", "auditAction_registration.find": "Searched registrations (request by letter)",
      "auditAction_registration.export": "Exported a registration", "auditAction_registration.erase": "Erased a registration (request by letter)",
    },
  });

  // ---- shared bits ------------------------------------------------------------------------------
  function sleep(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }
  function decimal(n, digits) { return new Intl.NumberFormat(W.lang === "th" ? "th-TH" : "en-GB", { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n); }
  function size(bytes) {
    if (bytes < 1024) { return W.t("summariesBytes", { n: W.number(bytes) }); }
    return bytes < 1024 * 1024 ? W.t("summariesKb", { n: decimal(bytes / 1024, 1) }) : W.t("summariesMb", { n: decimal(bytes / 1024 / 1024, 1) });
  }
  function years() { var now = W.fiscalYear(); return [0, 1, 2, 3, 4].map(function (i) { return [now - i, String(now - i)]; }); }
  function scopeName(scope) { return scope === "national" ? W.t("summariesNational") : W.regionName(Number(scope.replace("region-", ""))); }
  // A table that stacks on a phone: every cell names its column.
  function table(id, caption, headers, rows) {
    return W.el("table", { class: "stack", id: id },
      W.el("caption", { class: "sr-only", text: caption }),
      W.el("thead", null, W.el("tr", null, headers.map(function (h) { return W.el("th", { scope: "col", text: h }); }))),
      W.el("tbody", null, rows.map(function (cells) {
        return W.el("tr", null, cells.map(function (c, i) { return W.el("td", { "data-label": headers[i] }, c); }));
      })));
  }
  // A Bangkok day from the URL, formatted; what is not a day is left as typed (the server names it).
  function day(text) {
    if (!text) { return "…"; }
    try { return W.date(text); } catch (e) { return text; }
  }
  function quiet(promise) { return promise.catch(function (e) { if (!e || e.message !== "signed out") { throw e; } }); }

  // ---- summaries --------------------------------------------------------------------------------
  W.route({ pattern: /^summaries$/, home: "summaries", nav: "summariesNav", roles: ["Summaries.Read"], render: async function (main, match, params, renderId) {
    W.heading(main, "summariesTitle");
    main.appendChild(W.el("p", { class: "hint", text: W.t("summariesIntro") }));
    var year = W.select(years(), W.fiscalYear());
    var button = W.el("button", { type: "submit", id: "summaries-compile", text: W.t("summariesCompile") });
    var form = W.el("form", { class: "card", novalidate: true },
      W.el("h3", { text: W.t("summariesCompileTitle") }),
      W.el("div", { class: "row" }, W.field("fiscalYear", "summariesYear", year, "summariesCompileHint"), W.el("div", { class: "narrow" }, button)));
    var status = W.el("div", { id: "summaries-status", role: "status", "aria-live": "polite" });
    var list = W.el("div", { id: "summaries-list" });
    main.append(form, status, W.el("div", { class: "card" }, W.el("p", { id: "summaries-excel", text: W.t("summariesExcel") })), list);

    function say(kind, key, values) { W.clear(status).appendChild(W.el("p", { class: "notice " + kind, text: W.t(key, values) })); }
    async function listing() {
      var result = await W.api("GET", "/api/staff/summaries");
      return result.status === 200 ? result.body : null;
    }
    function stamps(entries, fy) {
      var at = {};
      entries.filter(function (e) { return e.fiscalYear === fy; }).forEach(function (e) { at[e.scope] = e.generatedAt; });
      return at;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      quiet((async function () {
        var fy = Number(year.value);
        button.disabled = true;
        W.clearProblem(main);
        var before = stamps((await listing()) || [], fy);
        var result = await W.api("POST", "/api/staff/summaries/" + fy + "/compile");
        if (result.status !== 202) { button.disabled = false; W.showProblem(main, result, form); return; }
        say("warn", "summariesWorking", { year: fy });
        // The compile runs from a queue: done once every scope of that year has a new time and all its files.
        for (var started = Date.now(); Date.now() - started < 120000;) {
          await sleep(2000);
          if (W.stale(renderId)) { return; }
          var entries = await listing();
          var ours = (entries || []).filter(function (e) { return e.fiscalYear === fy; });
          if (ours.length && ours.every(function (e) { return e.generatedAt && e.generatedAt !== before[e.scope] && e.files.length === FILES.length; })) {
            draw(list, entries);
            button.disabled = false;
            say("ok", "summariesDone", { year: fy });
            return;
          }
        }
        button.disabled = false;
        say("warn", "summariesSlow", { year: fy });
      })());
    });

    var entries = await listing();
    if (W.stale(renderId)) { return; }
    if (entries === null) { list.appendChild(W.el("p", { class: "notice bad", role: "alert", text: W.t("failed") })); return; }
    draw(list, entries);
  } });

  function draw(list, entries) {
    W.clear(list);
    if (!entries.length) { list.appendChild(W.el("p", { class: "notice warn", text: W.t("summariesNone") })); return; }
    var byYear = [];
    entries.forEach(function (e) {
      var group = byYear.find(function (g) { return g.year === e.fiscalYear; });
      if (!group) { group = { year: e.fiscalYear, scopes: [] }; byYear.push(group); }
      group.scopes.push(e);
    });
    byYear.sort(function (a, b) { return b.year - a.year; }).forEach(function (group) {
      var card = W.el("section", { class: "card", "data-year": group.year }, W.el("h3", { text: W.t("summariesFy", { year: group.year }) }));
      var national = group.scopes.filter(function (e) { return e.scope === "national"; });
      var regions = group.scopes.filter(function (e) { return e.scope !== "national"; });
      national.forEach(function (e) { card.appendChild(scopeBlock(e)); });
      // Head office sees every region's files as well: folded away under the national ones.
      if (national.length && regions.length) {
        card.appendChild(W.el("details", null, W.el("summary", { text: W.t("summariesRegions", { n: regions.length }) }), regions.map(scopeBlock)));
      } else {
        regions.forEach(function (e) { card.appendChild(scopeBlock(e)); });
      }
      list.appendChild(card);
    });
  }

  function scopeBlock(entry) {
    var where = scopeName(entry.scope);
    var files = entry.files.slice().sort(function (a, b) { return FILES.indexOf(a.name) - FILES.indexOf(b.name); });
    var rows = files.map(function (f) {
      var button = W.el("button", { type: "button", class: "secondary", "data-year": entry.fiscalYear, "data-scope": entry.scope, "data-file": f.name },
        W.t("download"), W.el("span", { class: "sr-only", text: " " + f.name + " " + where + " " + entry.fiscalYear }));
      button.addEventListener("click", function () {
        var path = "/api/staff/summaries/" + entry.fiscalYear + "/" + (entry.scope === "national" ? "" : "regions/" + entry.scope.replace("region-", "") + "/") + f.name;
        button.disabled = true;
        quiet(W.download(path, "fy" + entry.fiscalYear + "-" + f.name)).finally(function () { button.disabled = false; });
      });
      return [W.el("span", { lang: "en", text: f.name }), W.t("summariesFile_" + f.name), size(f.size), button];
    });
    return W.el("div", { class: "scope", "data-scope": entry.scope },
      W.el("h4", { text: where }),
      W.el("p", { class: "hint", text: W.t("summariesGenerated", { at: W.dateTime(entry.generatedAt) }) }),
      table(null, W.t("summariesFy", { year: entry.fiscalYear }) + " · " + where,
        [W.t("summariesFile"), W.t("summariesWhat"), W.t("summariesSize"), W.t("download")], rows));
  }

  // ---- hotspots ---------------------------------------------------------------------------------
  W.route({ pattern: /^hotspots$/, home: "hotspots", nav: "hotspotsNav", roles: ["Complaints.Read"], render: async function (main, match, params, renderId) {
    var fy = Number(params.get("fiscalYear")) || W.fiscalYear();
    W.heading(main, "hotspotsTitle");
    main.appendChild(W.el("p", { class: "hint", text: W.t("hotspotsIntro") }));
    var choices = years();
    if (!choices.some(function (c) { return c[0] === fy; })) { choices.push([fy, String(fy)]); }
    var year = W.select(choices, fy);
    var form = W.el("form", { class: "card", novalidate: true },
      W.el("div", { class: "row" }, W.field("fiscalYear", "summariesYear", year), W.el("div", { class: "narrow" }, W.el("button", { type: "submit", id: "hotspots-show", text: W.t("hotspotsShow") }))));
    form.addEventListener("submit", function (event) { event.preventDefault(); W.go("hotspots?fiscalYear=" + year.value); });
    var results = W.el("div", { id: "hotspots-results", "aria-live": "polite" }, W.el("p", { class: "hint", text: W.t("loading") }));
    main.append(form, results);

    var result = await W.api("GET", "/api/staff/hotspots?fiscalYear=" + encodeURIComponent(fy));
    if (W.stale(renderId)) { return; }
    W.clear(results);
    if (result.status !== 200) { W.showProblem(main, result, form); return; }
    if (!result.body.length) { results.appendChild(W.el("p", { class: "notice ok", id: "hotspots-none", text: W.t("hotspotsNone", { year: fy }) })); return; }
    results.appendChild(table("hotspots-table", W.t("hotspotsCaption", { year: fy }),
      [W.t("hotspotsKind"), W.t("hotspotsName"), W.t("hotspotsRegion"), W.t("hotspotsRecent"), W.t("hotspotsBaseline"), W.t("hotspotsExpected"), W.t("hotspotsP"), W.t("hotspotsDetected")],
      result.body.map(function (h) {
        return [W.el("span", { class: "tag", text: W.t("hotspotsKind_" + h.kind) }), h.kind === "province" ? W.province(h.key) : h.label,
          h.region === null || h.region === undefined ? W.t("hotspotsCountry") : W.regionName(h.region),
          W.number(h.recent), W.number(h.baseline), decimal(h.expected, 1), h.pValue < 0.001 ? "< " + decimal(0.001, 3) : decimal(h.pValue, 3), W.dateTime(h.detectedAt)];
      })));
  } });

  // What the audit trail screen (workspace-audit.js) shares with these.
  W.reports = { table: table, day: day, quiet: quiet };
})(window.Workspace);
