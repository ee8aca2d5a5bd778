using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Testing;
using MiniExcelLibs;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// Fiscal year 2563 (Oct 2019 - Sep 2020), which no other test writes to: a known set of
/// complaints and registrations, compiled through the staff route and the queue.
/// </summary>
[Collection(AppTests.Name)]
public class SummaryTests(AppFixture fixture)
{
    private const int Year = 2563;
    private readonly AppHost _app = fixture.Host;

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _seeded;

    /// <summary>The seeded complaints' ids and every time of theirs: received, acknowledged, closed.</summary>
    private static readonly List<(string Id, DateTimeOffset[] Times)> Seeded = [];

    /// <summary>
    /// Twelve complaints across the year (one with a formula for an agency, one identified) and
    /// three registrations. Each complaint is received at 09:17:29.345 Bangkok time, and
    /// acknowledged and closed at other odd minutes, so that a time of day in a file can only
    /// have come from them.
    /// </summary>
    private async Task SeedAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_seeded)
            {
                return;
            }

            var processor = _app.Service<ComplaintProcessor>();
            var codes = _app.Service<TrackingCodes>();
            var pii = _app.Service<PiiProtector>();
            var store = _app.Service<ComplaintStore>();
            for (var i = 0; i < 12; i++)
            {
                var receivedAt = new DateTimeOffset(2019, 10, 1, 2, 17, 29, 345, TimeSpan.Zero).AddDays(i * 30);
                var id = ComplaintIds.New(receivedAt);
                var anonymous = i != 5;
                await processor.ProcessAsync(ComplaintQueueWriter.Serialize(new ComplaintMessage(
                    1, id, codes.Hash(codes.New()), receivedAt, i % 3 == 0 ? ComplaintChannel.Line : ComplaintChannel.Web,
                    i % 2 == 0 ? "bribery" : "procurement", i < 8 ? "TH-80" : "TH-10", i < 8 ? 8 : 0,
                    i == 7 ? "=cmd|' /C calc'!A0" : "อบต. ตัวอย่าง", null, 1000m * i, anonymous, !anonymous, [],
                    pii.SealJson(new CaseDetails(null, "รายละเอียดที่ห้ามปรากฏในไฟล์สรุป", null, null, null), ComplaintMessage.DetailsContext(id)),
                    anonymous ? null : pii.SealJson(new ReporterDetails("ผู้แจ้งลับเฉพาะ", "0811111111", null, null), ComplaintMessage.ReporterContext(id)))), CancellationToken.None);
                var stored = (await store.GetAsync(id, CancellationToken.None))!;
                Seeded.Add((id, [receivedAt, stored.UpdatedAt]));
                if (i < 4)
                {
                    // Four closed: acknowledged after 2, 4, 6, 8 days (and 3 h 41 min); closed after 10, 20, 30, 40 days (and 1 h 2 min).
                    var acknowledgedAt = receivedAt.AddDays(2 * (i + 1)).AddMinutes((3 * 60) + 41);
                    var closedAt = receivedAt.AddDays(10 * (i + 1)).AddMinutes(62);
                    Seeded[^1] = (id, [receivedAt, stored.UpdatedAt, acknowledgedAt, closedAt]);
                    await _app.Service<ComplaintWork>().UpdateAsync(id, c =>
                    {
                        c.Status = "closed";
                        c.AcknowledgedAt = acknowledgedAt;
                        c.ClosedAt = closedAt;
                        return true;
                    }, CancellationToken.None);
                }
            }

            // Registrations for the seeded Nakhon Si Thammarat workshop of 2 July 2020.
            var table = _app.Storage.Table(StorageNames.RegistrationsTable);
            foreach (var (status, checkedIn) in new[] { ("checked_in", true), ("confirmed", false), ("cancelled", false) })
            {
                await table.UpsertEntityAsync(new RegistrationEntity
                {
                    PartitionKey = "nst-2563-0702",
                    RowKey = "r-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
                    Status = status,
                    Province = "TH-80",
                    CreatedAt = new DateTimeOffset(2020, 6, 20, 3, 0, 0, TimeSpan.Zero),
                    CheckedInAt = checkedIn ? new DateTimeOffset(2020, 7, 2, 1, 45, 0, TimeSpan.Zero) : null,
                });
            }

            _seeded = true;
        }
        finally
        {
            Once.Release();
        }
    }

    private async Task<JsonElement> CompileAsync()
    {
        await SeedAsync();
        var before = await ListedAsync();
        var requested = await _app.StaffAsync(HttpMethod.Post, $"api/staff/summaries/{Year}/compile", null, StaffRoles.SummariesRead);
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        try
        {
            return (await Eventually.GetAsync<JsonElement?>(async () =>
            {
                var listed = await ListedAsync();
                return listed is { } l && l.GetProperty("files").GetArrayLength() == 5 && l.GetProperty("generatedAt").GetString() != before?.GetProperty("generatedAt").GetString() ? l : null;
            }, TimeSpan.FromSeconds(30), "the compiled summary"))!.Value;
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + "\n" + string.Join("\n", _app.Logs.Lines.Where(l => l.Contains("ompile", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal)).TakeLast(8)), ex);
        }
    }

    private async Task<JsonElement?> ListedAsync()
    {
        var list = await (await _app.StaffAsync(HttpMethod.Get, "api/staff/summaries", null, StaffRoles.SummariesRead)).Content.ReadFromJsonAsync<JsonElement>();
        return list.EnumerateArray().Where(y => y.GetProperty("fiscalYear").GetInt32() == Year).Cast<JsonElement?>().FirstOrDefault();
    }

    private async Task<(HttpResponseMessage Response, byte[] Bytes)> DownloadAsync(string file)
    {
        var response = await _app.StaffAsync(HttpMethod.Get, $"api/staff/summaries/{Year}/{file}", null, StaffRoles.SummariesRead);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Compile_KnownYear_GivesTheRightNumbersInEveryFile()
    {
        await CompileAsync();

        var (jsonResponse, jsonBytes) = await DownloadAsync("summary.json");
        Assert.Equal("application/json", jsonResponse.Content.Headers.ContentType!.MediaType);
        var summary = JsonDocument.Parse(jsonBytes).RootElement;
        Assert.Equal(Year, summary.GetProperty("fiscalYear").GetInt32());
        Assert.Equal("2019-10-01", summary.GetProperty("period").GetProperty("from").GetString());
        Assert.Equal("2020-09-30", summary.GetProperty("period").GetProperty("to").GetString());
        var complaints = summary.GetProperty("complaints");
        Assert.Equal(12, complaints.GetProperty("total").GetInt64());
        Assert.Equal(8, complaints.GetProperty("byRegion").GetProperty("8").GetInt64());
        Assert.Equal(4, complaints.GetProperty("byProvince").GetProperty("TH-10").GetInt64());
        Assert.Equal(6, complaints.GetProperty("byCategory").GetProperty("bribery").GetInt64());
        Assert.Equal(4, complaints.GetProperty("byStatus").GetProperty("closed").GetInt64());
        Assert.Equal(4, complaints.GetProperty("byChannel").GetProperty("line").GetInt64());
        // Every 30 days from 1 October: two fall in October 2019 (the 1st and the 31st).
        Assert.Equal(11, complaints.GetProperty("byMonth").EnumerateObject().Count());
        Assert.Equal(2, complaints.GetProperty("byMonth").GetProperty("2019-10").GetInt64());
        Assert.Equal(Math.Round(11 / 12.0, 4), complaints.GetProperty("anonymousShare").GetDouble());
        // Every complaint of 2563 is long past its 7 days: all twelve count, three acknowledged in time.
        Assert.Equal(Math.Round(3 / 12.0, 4), complaints.GetProperty("acknowledgedWithin7DaysShare").GetDouble());
        Assert.Equal(12, complaints.GetProperty("acknowledgedWithin7DaysBase").GetInt64());
        Assert.Equal(20, complaints.GetProperty("medianDaysToClose").GetDouble());
        var nst = summary.GetProperty("registrations").GetProperty("byWorkshop").EnumerateArray().Single(w => w.GetProperty("workshopId").GetString() == "nst-2563-0702");
        Assert.Equal(2, nst.GetProperty("confirmed").GetInt32());
        Assert.Equal(1, nst.GetProperty("cancelled").GetInt32());
        Assert.Equal(1, nst.GetProperty("checkedIn").GetInt32());
        Assert.Equal(0.5, nst.GetProperty("attendanceRate").GetDouble());
        Assert.Equal(JsonValueKind.Array, summary.GetProperty("hotspots").ValueKind);
        Assert.Equal(["TH-70", "TH-80", "TH-81"], summary.GetProperty("pilotProvinces").EnumerateArray().Select(p => p.GetProperty("code").GetString()).Order());

        var (csvResponse, csv) = await DownloadAsync("complaints.csv");
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var csvText = Encoding.UTF8.GetString(csv[3..]);
        var lines = csvText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(13, lines.Length);
        Assert.StartsWith("รหัสอ้างอิงเรื่อง,วันที่รับเรื่อง,ปีงบประมาณ", lines[0], StringComparison.Ordinal);
        Assert.Contains(",'=cmd|' /C calc'!A0,", csvText, StringComparison.Ordinal);
        Assert.DoesNotContain(lines.Skip(1).SelectMany(l => l.Split(',')), cell => cell.TrimStart('"').StartsWith('='));
        Assert.DoesNotContain("ผู้แจ้งลับเฉพาะ", csvText, StringComparison.Ordinal);
        Assert.DoesNotContain("0811111111", csvText, StringComparison.Ordinal);
        Assert.DoesNotContain("ห้ามปรากฏ", csvText, StringComparison.Ordinal);
        Assert.Equal("attachment", csvResponse.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"fy{Year}-complaints.csv", csvResponse.Content.Headers.ContentDisposition.FileName?.Trim('"'));

        var (_, registrations) = await DownloadAsync("registrations.csv");
        Assert.Equal([0xEF, 0xBB, 0xBF], registrations[..3]);
        Assert.Equal(3, Encoding.UTF8.GetString(registrations[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("nst-2563-0702", StringComparison.Ordinal)));

        var (_, xlsx) = await DownloadAsync("report.xlsx");
        using var workbook = new MemoryStream(xlsx);
        Assert.Contains("ตามเขต", workbook.GetSheetNames());
        workbook.Position = 0;
        var byRegion = workbook.Query(useHeaderRow: true, sheetName: "ตามเขต").Cast<IDictionary<string, object>>().ToArray();
        Assert.Contains(byRegion, r => (string)r["เขต"] == "สำนักงาน ป.ป.ท. เขต 8" && Convert.ToInt64(r["จำนวนเรื่อง"], System.Globalization.CultureInfo.InvariantCulture) == 8 && r["จำนวนเรื่อง"] is double or long or int or decimal);
        workbook.Position = 0;
        var acknowledged = workbook.Query(useHeaderRow: true, sheetName: "สรุป").Cast<IDictionary<string, object>>().Single(r => (string)r["หัวข้อ"] == "สัดส่วนรับเรื่องภายใน 7 วัน");
        Assert.Equal("นับเฉพาะเรื่องที่รับทราบแล้วหรือพ้นกำหนด 7 วันแล้ว (12 เรื่อง)", acknowledged["หมายเหตุ"]);

        var (htmlResponse, html) = await DownloadAsync("report.html");
        var page = Encoding.UTF8.GetString(html);
        Assert.Equal("text/html", htmlResponse.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<html lang=\"th\">", page, StringComparison.Ordinal);
        Assert.Contains("ปีงบประมาณ พ.ศ. 2563", page, StringComparison.Ordinal);
        Assert.Contains("1 ตุลาคม 2562", page, StringComparison.Ordinal);
        Assert.Contains("<small>นับเฉพาะเรื่องที่รับทราบแล้วหรือพ้นกำหนด 7 วันแล้ว (12 เรื่อง)</small>", page, StringComparison.Ordinal);
        Assert.Equal(3, page.Split("<svg", StringSplitOptions.None).Length - 1);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);

        // The listing's sizes and hashes are those of the files served (read between two listings
        // that agree, since compiles requested by other tests may still be rewriting the files:
        // a compile replaces its files one by one, and the listing of one compile can meet a file
        // of the next until that compile has written them all).
        for (var attempt = 0; ; attempt++)
        {
            var listing = (await ListedAsync())!.Value;
            var files = listing.GetProperty("files").EnumerateArray().ToArray();
            var served = await Task.WhenAll(files.Select(f => DownloadAsync(f.GetProperty("name").GetString()!)));
            var rewriting = files.Select((f, i) => f.GetProperty("sha256").GetString() != Convert.ToHexStringLower(SHA256.HashData(served[i].Bytes))).Any(changed => changed);
            if ((rewriting || (await ListedAsync())!.Value.GetProperty("generatedAt").GetString() != listing.GetProperty("generatedAt").GetString()) && attempt < 30)
            {
                await Task.Delay(1000);
                continue;
            }

            for (var i = 0; i < files.Length; i++)
            {
                Assert.Equal(files[i].GetProperty("size").GetInt64(), served[i].Bytes.Length);
                Assert.Equal(files[i].GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(served[i].Bytes)));
            }

            break;
        }
    }

    [Fact]
    public async Task Compile_Twice_GivesTheSameBytesApartFromTheTime()
    {
        var first = await CompileAsync();
        var second = await CompileAsync();

        string Hash(JsonElement listing, string name) => listing.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name).GetProperty("sha256").GetString()!;
        Assert.Equal(Hash(first, "complaints.csv"), Hash(second, "complaints.csv"));
        Assert.Equal(Hash(first, "registrations.csv"), Hash(second, "registrations.csv"));
        Assert.NotEqual(first.GetProperty("generatedAt").GetString(), second.GetProperty("generatedAt").GetString());
    }

    /// <summary>
    /// An agency that reads complaints.csv (its own name, the receipt time to the second) or an
    /// event next to its proxy logs finds who reported. No file of a compile, and no log line of
    /// storing the year and compiling it, tells a complaint's time finer than its day: the only times of
    /// day in the files are the compile's own and the workshops' (the programme's public
    /// timetable, and registrations, which are not complaints); no id in them is a ULID, whose
    /// first symbols are its time. The CSV names each case by its reference, which staff turn
    /// back into the case's id.
    /// </summary>
    [Fact]
    public async Task Compile_KnownYear_NoFileOrLogLineTellsAComplaintsTimeOfDayOrCarriesATimedId()
    {
        await CompileAsync();
        var files = new Dictionary<string, string>();
        foreach (var file in new[] { "summary.json", "complaints.csv", "registrations.csv", "report.html", "report.xlsx" })
        {
            var (_, bytes) = await DownloadAsync(file);
            files[file] = file.EndsWith(".xlsx", StringComparison.Ordinal) ? ZippedText(bytes) : Encoding.UTF8.GetString(bytes);
        }

        var summary = JsonDocument.Parse(files["summary.json"]).RootElement;
        var allowed = new List<DateTimeOffset> { summary.GetProperty("generatedAt").GetDateTimeOffset() };
        allowed.AddRange(summary.GetProperty("registrations").GetProperty("byWorkshop").EnumerateArray().Select(w => w.GetProperty("startsAt").GetDateTimeOffset()));
        allowed.AddRange(summary.GetProperty("hotspots").EnumerateArray().Select(h => h.GetProperty("detectedAt").GetDateTimeOffset()));
        var allowedClock = allowed.SelectMany(TimeTraces.ClockTimesOf).ToHashSet();
        var complaintTimes = Seeded.SelectMany(s => s.Times).ToArray();
        // The registrations.csv rows: when people signed up and checked in (not complaints).
        var registrationClock = new[] { new DateTimeOffset(2020, 6, 20, 3, 0, 0, TimeSpan.Zero), new DateTimeOffset(2020, 7, 2, 1, 45, 0, TimeSpan.Zero) }.SelectMany(TimeTraces.ClockTimesOf);

        foreach (var (file, text) in files)
        {
            Assert.Empty(TimeTraces.TimedIds(text));
            Assert.Empty(TimeTraces.ClockTimes(text).Except(file == "registrations.csv" ? allowedClock.Union(registrationClock) : allowedClock));
            foreach (var time in complaintTimes)
            {
                Assert.DoesNotContain(TimeTraces.NumbersOf(time), text.Contains);
            }

            Assert.DoesNotContain(Seeded.Select(s => s.Id), text.Contains);
        }

        var references = _app.Service<ComplaintReferences>();
        var rows = TestSummaries.Csv(Encoding.UTF8.GetBytes(files["complaints.csv"])).Skip(1).ToArray();
        Assert.Equal(Seeded.Select(s => references.Of(s.Id)).Order(StringComparer.Ordinal), rows.Select(r => r[0]).Order(StringComparer.Ordinal));
        Assert.All(rows, row => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", row[1]));
        Assert.Contains(rows, row => row[1] == "2019-10-01" && row[11] == "2019-10-03" && row[12] == "2019-10-11");

        // The host's log lines of storing the year's complaints and compiling it: no complaint named.
        var logs = _app.Logs.All;
        Assert.Contains("Stored a complaint in partition 2563-", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(Seeded.SelectMany(s => new[] { s.Id, references.Of(s.Id) }), logs.Contains);
        Assert.DoesNotContain(TimeTraces.TimedIds(logs), id => Core.Time.FiscalYear.Of(ComplaintIds.TimeOf(id)).BuddhistYear == Year);
    }

    /// <summary>Every part of a zip (an xlsx), as text.</summary>
    private static string ZippedText(byte[] bytes)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        return string.Join('\n', zip.Entries.Select(e =>
        {
            using var reader = new StreamReader(e.Open(), Encoding.UTF8);
            return reader.ReadToEnd();
        }));
    }

    [Theory]
    [InlineData("secrets.txt")]
    [InlineData(".compile-lock")]
    [InlineData("..%2F..%2Fattachments%2Fx")]
    [InlineData("..%2Ffy2563%2Fsummary.json")]
    [InlineData("%2e%2e%2F%2e%2e%2Fattachments%2Fx")]
    [InlineData("..%5C..%5Cattachments%5Cx")]
    [InlineData("%252e%252e%252fsummary.json")]
    [InlineData("%2Fetc%2Fpasswd")]
    [InlineData("summary.json%2F..%2F..%2Fattachments%2Fx")]
    public async Task Download_AnythingButTheFiveFiles_Is404(string file)
    {
        await CompileAsync();

        var response = await _app.StaffAsync(HttpMethod.Get, $"api/staff/summaries/{Year}/{file}", null, StaffRoles.SummariesRead);
        var badYear = await _app.StaffAsync(HttpMethod.Get, "api/staff/summaries/..%2Ffy2563/summary.json", null, StaffRoles.SummariesRead);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, badYear.StatusCode);
    }

    [Fact]
    public async Task Download_RawDotSegmentsInTheRequestLine_NeverLeaveTheRoute()
    {
        await CompileAsync();

        // HttpClient would tidy "../" away before sending; a raw request line keeps it.
        var response = await RawHttp.SendAsync(
            _app.Client.BaseAddress!,
            $"GET /api/staff/summaries/{Year}/../../../../attachments/x HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {TestKeys.StaffToken(StaffRoles.SummariesRead)}\r\nConnection: close\r\n\r\n");

        Assert.Equal("HTTP/1.1 404 Not Found", response.StatusLine);
    }

    [Fact]
    public async Task SummaryRoutes_NeedTheSummariesRole()
    {
        var noToken = await _app.StaffWithTokenAsync(HttpMethod.Get, "api/staff/summaries", null, null);
        var wrongRole = await _app.StaffAsync(HttpMethod.Post, $"api/staff/summaries/{Year}/compile", null, StaffRoles.ComplaintsRead);
        var download = await _app.StaffAsync(HttpMethod.Get, $"api/staff/summaries/{Year}/summary.json", null, StaffRoles.WorkshopsManage);

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongRole.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, download.StatusCode);
    }
}
