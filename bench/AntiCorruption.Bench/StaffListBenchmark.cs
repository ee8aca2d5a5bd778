using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Hotspots;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Testing;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace AntiCorruption.Bench;

/// <summary>
/// The officers' list and case read over HTTP, on a fiscal year of complaints over all regions,
/// each against the raw table queries its answer needs, sent with the SDK to the same table in
/// alternating rounds: the first page of one region, a status + overdue filter, an agency search
/// and a case read (with its history, notes, messages and links, and its audit record).
/// </summary>
internal static class StaffListBenchmark
{
    private const int Region = 8;
    private const int Rounds = 5;
    private const int Cases = 20;
    private const string AgencySearch = "อบต.";

    /// <summary>The columns the list reads, as the store reads them (what a list item shows and the list's own matching).</summary>
    private static readonly string[] ListColumns = [.. ComplaintStore.ListColumns];

    public static async Task<IEnumerable<Finding>> RunAsync(BenchOptions options)
    {
        await using var azurite = await Azurite.StartNewAsync();
        await using var app = await BenchApp.StartAsync(azurite.ConnectionString, BenchApp.Only("ListComplaints", "GetComplaint"));
        var account = azurite.Account();
        var year = CompileChild.Year;

        var seeding = await CompileBenchmark.SeedAsync(azurite, options.TableComplaints);
        var clock = Stopwatch.StartNew();
        var cases = await SeedCasesAsync(app, account);
        var casesSeconds = clock.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"    {options.TableComplaints:#,0} complaints loaded in {Markdown.N(seeding.TotalSeconds, "0")} s, {Cases} cases in {Markdown.N(casesSeconds, "0")} s");

        var complaints = account.Table(StorageNames.ComplaintsTable);
        var regionRows = await Storage.CountAsync(complaints, TableClient.CreateQueryFilter($"Region eq {Region}"));
        var token = TestKeys.StaffToken(StaffRoles.ComplaintsRead, StaffRoles.Region(Region));
        var prefix = $"api/staff/complaints?fiscalYear={year.BuddhistYear}&region={Region}";

        var lists = new (string Name, string Query, ComplaintListFilter Filter)[]
        {
            ("first page", prefix, new ComplaintListFilter([Region])),
            ("status + overdue", prefix + "&status=registered&overdue=true", new ComplaintListFilter([Region], Status: "registered", OverdueAt: DateTimeOffset.UtcNow)),
            ("agency search", prefix + "&q=" + Uri.EscapeDataString(AgencySearch), new ComplaintListFilter([Region], Agency: AgencySearch)),
        };

        var results = new List<PathResult>();
        foreach (var (name, query, filter) in lists)
        {
            // How many pages of each partition the list reads before it has a page of matches
            // (one for a table filter; more where rows are matched after the query), found once with
            // the app's own filter, so that the floor reads exactly as many rows.
            var plan = await PlanAsync(complaints, year, filter);
            var check = await CheckListAsync(app.Client, token, query, filter);
            var route = () => GetAsync(app.Client, token, query);
            var floor = () => ReadListAsync(complaints, plan, ListColumns);
            var allColumns = () => ReadListAsync(complaints, plan, null);
            var samples = await MeasureAsync(name, options, [route, floor, allColumns]);

            // The emulator's cost of one of those queries alone: Azurite answers a query by testing
            // every row of the table against its filter, whatever the partition.
            var one = plan.MaxBy(p => p.Pages)!;
            var single = await MeasureAsync(name + ", one partition", options, [() => ReadListAsync(complaints, [one], ListColumns)]);

            // The least any newest-first page over 32 partitions can ask of them: one row each, its key only.
            var least = await MeasureAsync(name + ", one key per partition", options, [() => ReadListAsync(complaints, plan.Select(p => p with { Pages = 1 }).ToArray(), ["RowKey"], pageSize: 1)]);
            results.Add(new PathResult(name, query, [.. samples, single[0], least[0]], plan.Sum(p => p.Pages), plan.Sum(p => p.Rows), check));
        }

        {
            var floorAudit = await AuditFloor.StartAsync(account);
            var next = 0;
            var nextFloor = 0;
            var nextSideBySide = 0;
            var check = await CheckCaseAsync(app.Client, token, cases[0]);
            var route = () => GetAsync(app.Client, token, $"api/staff/complaints/{cases[next++ % cases.Count]}");
            var floor = () => ReadCaseAsync(account, floorAudit, cases[nextFloor++ % cases.Count], sideBySide: false);
            var sideBySide = () => ReadCaseAsync(account, floorAudit, cases[nextSideBySide++ % cases.Count], sideBySide: true);
            var samples = await MeasureAsync("case read", options, [route, floor, sideBySide]);
            results.Add(new PathResult("case read", "api/staff/complaints/{id}", samples, 0, 0, check));
        }

        return Findings(options, seeding, casesSeconds, regionRows, results);
    }

    private sealed record PathResult(string Name, string Query, Samples[] Samples, int Pages, int Rows, string Check)
    {
        public Samples Route => Samples[0];

        public Samples Floor => Samples[1];

        public Samples Other => Samples[2];

        /// <summary>One partition's queries alone (lists only).</summary>
        public Samples? Single => Samples.Length > 3 ? Samples[3] : null;

        /// <summary>The 32 queries asking one key each (lists only).</summary>
        public Samples? Least => Samples.Length > 4 ? Samples[4] : null;

        public double P50Ratio => Route.P50 / Floor.P50;

        public double P95Ratio => Route.P95 / Floor.P95;
    }

    private sealed record Samples(double[] Sorted)
    {
        public double P50 => Load.Percentile(Sorted, 0.50);

        public double P95 => Load.Percentile(Sorted, 0.95);
    }

    private sealed record PartitionPlan(string Query, int Pages, int Rows);

    /// <summary>
    /// Rounds of calls of each action in turn, the order turned about every round so that drift on
    /// the shared machine hits each the same; two calls each first, not counted. A round makes up
    /// to <see cref="BenchOptions.StaffRequests"/> calls of each, fewer when the calls are so slow
    /// that the rounds would take more than <see cref="BenchOptions.Duration"/> times 8 per action.
    /// </summary>
    private static async Task<Samples[]> MeasureAsync(string name, BenchOptions options, Func<Task>[] actions)
    {
        var latencies = actions.Select(_ => new List<double>()).ToArray();
        var warm = 0.0;
        foreach (var action in actions)
        {
            await action();
            var started = Stopwatch.GetTimestamp();
            await action();
            warm = Math.Max(warm, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var budget = options.Duration.TotalMilliseconds * 8;
        var requests = Math.Clamp((int)(budget / Rounds / warm), 2, options.StaffRequests);
        Console.Error.WriteLine($"    {name}: {Markdown.N(warm, "0")} ms a call when warm, {Rounds} rounds of {requests}");

        for (var round = 0; round < Rounds; round++)
        {
            var order = Enumerable.Range(0, actions.Length).ToArray();
            if (round % 2 == 1)
            {
                Array.Reverse(order);
            }

            foreach (var i in order)
            {
                for (var n = 0; n < requests; n++)
                {
                    var started = Stopwatch.GetTimestamp();
                    await actions[i]();
                    latencies[i].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }

        return latencies.Select(l => new Samples(l.Order().ToArray())).ToArray();
    }

    private static async Task GetAsync(HttpClient client, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new("Bearer", token);
        using var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new("Bearer", token);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.OK
            ? JsonDocument.Parse(body)
            : throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {Requests.Utf8(body)}");
    }

    /// <summary>The route's page checked once against the filter, so that a fast wrong answer cannot pass.</summary>
    private static async Task<string> CheckListAsync(HttpClient client, string token, string path, ComplaintListFilter filter)
    {
        using var page = await GetJsonAsync(client, token, path);
        var items = page.RootElement.GetProperty("items").EnumerateArray().ToArray();
        var key = filter.Agency is null ? null : AgencyNames.Normalize(filter.Agency);
        var wrong = items.Count(i => i.GetProperty("region").GetInt32() != Region
            || (filter.Status is { } status && i.GetProperty("status").GetString() != status)
            || (filter.OverdueAt is not null && !i.GetProperty("acknowledgeOverdue").GetBoolean() && !i.GetProperty("feedbackOverdue").GetBoolean())
            || (key is not null && !AgencyNames.Normalize(i.GetProperty("agency").GetString()).Contains(key, StringComparison.Ordinal)));
        var newestFirst = items.Select(i => i.GetProperty("receivedAt").GetDateTimeOffset()).Zip(items.Skip(1).Select(i => i.GetProperty("receivedAt").GetDateTimeOffset())).All(p => p.First >= p.Second);
        var more = page.RootElement.GetProperty("continuationToken").ValueKind == JsonValueKind.String;
        if (items.Length > StaffComplaintList.DefaultPageSize || more != (items.Length == StaffComplaintList.DefaultPageSize) || wrong > 0 || !newestFirst)
        {
            throw new InvalidOperationException($"GET {path}: {items.Length} items, {wrong} not matching the filter, newest first: {newestFirst}, continuation token: {more}.");
        }

        return $"{items.Length} items, all matching, newest first{(more ? ", with a continuation token" : ", the last page")}";
    }

    private static async Task<string> CheckCaseAsync(HttpClient client, string token, string id)
    {
        using var view = await GetJsonAsync(client, token, $"api/staff/complaints/{id}");
        var root = view.RootElement;
        var counts = (History: root.GetProperty("history").GetArrayLength(), Notes: root.GetProperty("notes").GetArrayLength(), Messages: root.GetProperty("messages").GetArrayLength(), Links: root.GetProperty("links").GetArrayLength());
        if (counts != (5, 2, 2, 2))
        {
            throw new InvalidOperationException($"The case read answered {counts}.");
        }

        return "5 history steps (2 with the row, 3 rows), 2 notes, 2 messages, 2 links";
    }

    /// <summary>Pages (of the list's size + 1) and rows each partition is read for, as the list reads them.</summary>
    private static async Task<PartitionPlan[]> PlanAsync(TableClient table, AntiCorruption.Core.Time.FiscalYear year, ComplaintListFilter filter)
    {
        var filters = filter.ToQueryFilters().ToList();
        return await Task.WhenAll(ComplaintEntity.PartitionsOf(year).Select(async partition =>
        {
            var query = string.Join(" and ", filters.Prepend(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")));
            var (pages, rows, matches) = (0, 0, 0);
            await foreach (var page in table.QueryAsync<ComplaintEntity>(query, maxPerPage: StaffComplaintList.DefaultPageSize + 1).AsPages())
            {
                pages++;
                foreach (var row in page.Values)
                {
                    rows++;
                    if (filter.Matches(row) && ++matches > StaffComplaintList.DefaultPageSize)
                    {
                        break;
                    }
                }

                if (matches > StaffComplaintList.DefaultPageSize)
                {
                    break;
                }
            }

            return new PartitionPlan(query, pages, rows);
        }));
    }

    /// <summary>The list's floor: the same queries, partitions side by side, each read for as many pages as the list reads it.</summary>
    private static async Task ReadListAsync(TableClient table, PartitionPlan[] plan, string[]? columns, int pageSize = StaffComplaintList.DefaultPageSize + 1)
    {
        await Task.WhenAll(plan.Select(async partition =>
        {
            var pages = 0;
            await foreach (var page in table.QueryAsync<TableEntity>(partition.Query, maxPerPage: pageSize, select: columns).AsPages())
            {
                if (++pages >= partition.Pages)
                {
                    break;
                }
            }
        }));
    }

    /// <summary>
    /// The case read's floor: the point read (the case's region decides whether it may be shown
    /// and is in the audit record), the audit append, then the case's history, messages, notes
    /// and links (each one partition) and the region of each linked case. With
    /// <paramref name="sideBySide"/> everything after the point read goes at once.
    /// </summary>
    private static async Task ReadCaseAsync(StorageAccount account, AuditFloor audit, string id, bool sideBySide)
    {
        var complaints = account.Table(StorageNames.ComplaintsTable);
        _ = (await complaints.GetEntityAsync<TableEntity>(ComplaintEntity.PartitionOf(id), ComplaintEntity.RowKeyOf(id))).Value;
        var partition = TableClient.CreateQueryFilter($"PartitionKey eq {id}");
        async Task<List<TableEntity>> Rows(string table) => await account.Table(table).QueryAsync<TableEntity>(partition, maxPerPage: 1000).ToListAsync();
        async Task Links()
        {
            var links = await Rows(StorageNames.LinksTable);
            await Task.WhenAll(links.Select(l => complaints.GetEntityAsync<TableEntity>(ComplaintEntity.PartitionOf(l.RowKey), ComplaintEntity.RowKeyOf(l.RowKey), select: ["Region"])));
        }

        if (sideBySide)
        {
            await Task.WhenAll(audit.AppendAsync(), Rows(StorageNames.ComplaintHistoryTable), Rows(StorageNames.MessagesTable), Rows(StorageNames.NotesTable), Links());
            return;
        }

        await audit.AppendAsync();
        await Rows(StorageNames.ComplaintHistoryTable);
        await Rows(StorageNames.MessagesTable);
        await Rows(StorageNames.NotesTable);
        await Links();
    }

    /// <summary>
    /// The audit append alone: one record of the same size added to an append blob of its own at
    /// the position it ends. Calls come one at a time, as the app's own trail takes them (it appends under a lock).
    /// </summary>
    private sealed class AuditFloor(AppendBlobClient blob, byte[] line)
    {
        private long _length;

        public static async Task<AuditFloor> StartAsync(StorageAccount account)
        {
            var container = account.Blobs.GetBlobContainerClient("bench-audit-floor");
            await container.CreateIfNotExistsAsync();
            var blob = container.GetAppendBlobClient("floor.jsonl");
            await blob.CreateIfNotExistsAsync();
            var (_, line) = AuditRecord.Seal(1, AuditRecord.Genesis, new AuditDraft(DateTimeOffset.UtcNow, "officer-Complaints.Read", "", AuditActions.ComplaintRead, Region, "01KB0000000000000000000000", null, null));
            return new AuditFloor(blob, line);
        }

        public async Task AppendAsync()
        {
            using var content = new MemoryStream(line, writable: false);
            await blob.AppendBlockAsync(content, new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = _length } });
            _length += line.Length;
        }
    }

    /// <summary>
    /// Cases of the region as officers leave them: details and first steps sealed with the row,
    /// then through the app's own services 3 later steps, 2 notes, 2 messages, and 2 links each.
    /// </summary>
    private static async Task<List<string>> SeedCasesAsync(BenchApp app, StorageAccount account)
    {
        var catalog = SeedLoader.Load(SeedLoader.DefaultDirectory);
        var generator = new GeneratedComplaints(catalog, 0);
        var pii = app.Service<PiiProtector>();
        var history = app.Service<ComplaintHistory>();
        var notes = app.Service<InternalNotes>();
        var conversation = app.Service<ConversationStore>();
        var links = app.Service<CaseLinks>();
        var table = account.Table(StorageNames.ComplaintsTable);
        var random = new Random(8);
        var year = CompileChild.Year;
        var ids = new List<string>();
        while (ids.Count < Cases)
        {
            var receivedAt = year.Start + ((year.End - year.Start) * random.NextDouble());
            var complaint = generator.Make(random, receivedAt, year);
            if (complaint.Region != Region)
            {
                continue;
            }

            complaint.AttachmentIds = "[]";
            complaint.Details = pii.SealJson(
                new CaseDetails("ใบอนุญาตก่อสร้าง", string.Concat(Enumerable.Repeat("เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาตก่อสร้างอาคาร ", 8)), "นายตัวอย่าง สมมุติ", "นายช่างโยธา", null),
                ComplaintMessage.DetailsContext(complaint.ComplaintId));
            history.WriteFirst(complaint, [new StatusChange(ComplaintStatus.Received, receivedAt), new StatusChange(ComplaintStatus.Registered, receivedAt.AddSeconds(2))]);
            await table.AddEntityAsync(complaint);
            await history.AppendAsync(complaint.ComplaintId, new StatusChange(ComplaintStatus.UnderReview, receivedAt.AddDays(2), "รับเรื่องไว้พิจารณา", Public: true, By: "officer-8"), CancellationToken.None);
            await history.AppendAsync(complaint.ComplaintId, new StatusChange(ComplaintStatus.UnderReview, receivedAt.AddDays(5), "ขอเอกสารเพิ่มเติมจากหน่วยงาน", By: "officer-8"), CancellationToken.None);
            await history.AppendAsync(complaint.ComplaintId, new StatusChange(ComplaintStatus.Referred, receivedAt.AddDays(20), "ส่งเรื่องให้หน่วยงานต้นสังกัด", Public: true, By: "officer-8"), CancellationToken.None);
            await notes.AddAsync(complaint.ComplaintId, "officer-8", "โทรสอบถามหน่วยงานแล้ว รอเอกสาร", CancellationToken.None);
            await notes.AddAsync(complaint.ComplaintId, "officer-8", "ได้รับเอกสารครบ เสนอส่งต่อ", CancellationToken.None);
            await conversation.AddAsync(complaint.ComplaintId, ConversationStore.FromStaff, "ขอทราบวันที่เกิดเหตุโดยประมาณ", CancellationToken.None);
            await conversation.AddAsync(complaint.ComplaintId, ConversationStore.FromReporter, "ประมาณกลางเดือนที่แล้วครับ", CancellationToken.None);
            ids.Add(complaint.ComplaintId);
        }

        for (var i = 0; i < ids.Count; i++)
        {
            await links.SetAsync(ids[i], ids[(i + 1) % ids.Count], CaseRelation.Related, "officer-8", DateTimeOffset.UtcNow, CancellationToken.None);
        }

        return ids;
    }

    private static Finding[] Findings(BenchOptions options, TimeSpan seeding, double casesSeconds, int regionRows, List<PathResult> results)
    {
        var notes = new Markdown()
            .Line($"{options.TableComplaints:#,0} complaints of fiscal year {CompileChild.Year} over all 10 regions (each of the 77 provinces as likely, so region {Region}, 7 provinces, has {regionRows:#,0} of them) put in the emulator's table in {Markdown.N(seeding.TotalSeconds, "0.0")} s, as the compile benchmark loads them; then {Cases} cases of region {Region} through the app's own services ({Markdown.N(casesSeconds, "0.0")} s), each with its details and first two steps sealed in the row, 3 later steps, 2 notes and 2 messages as rows of their own, and linked to 2 others.")
            .Line()
            .Line($"The app runs in this process (`BenchApp`, only `ListComplaints` and `GetComplaint` switched on) and is called over HTTP with a local staff token of region {Region} (`Complaints.Read`, `Region.{Region}`), one request at a time. Each floor is the raw `Azure.Data.Tables` (and, for the audit record, `Azure.Storage.Blobs`) calls that answer needs, sent straight to the same table by the same process. Route and floors take turns: {Rounds} rounds of up to {options.StaffRequests} calls each (fewer where calls are slow, so that a path's rounds take a few minutes at most; the table gives the count), the order reversed every other round, after 2 calls each not counted.")
            .Line()
            .Table(["path", "query", "calls each", "route p50 ms", "route p95 ms", "floor p50 ms", "floor p95 ms", "p50 ratio", "p95 ratio", "route - floor, p50 ms", "profile p50 ms", "one partition's queries alone, p50 ms", "pages / rows read per request"],
                results.Select(r => new[]
                {
                    r.Name, $"`{Uri.UnescapeDataString(r.Query)}`", Markdown.N(r.Route.Sorted.Length), Markdown.N(r.Route.P50, "0.0"), Markdown.N(r.Route.P95, "0.0"), Markdown.N(r.Floor.P50, "0.0"), Markdown.N(r.Floor.P95, "0.0"),
                    Markdown.N(r.P50Ratio, "0.00"), Markdown.N(r.P95Ratio, "0.00"), Markdown.N(r.Route.P50 - r.Floor.P50, "0.0"), Markdown.N(r.Other.P50, "0.0"), r.Single is null ? "-" : Markdown.N(r.Single.P50, "0.0"), r.Pages == 0 ? "-" : $"{r.Pages} / {r.Rows:#,0}",
                }))
            .Line()
            .Line("- The lists' floor: the same filter strings on the year's 32 partitions side by side, pages of the list's size + 1 (51), each partition read for as many pages as the list reads it (found once beforehand with the app's own filter), selecting the columns a list item shows. \"Profile\" for the lists is the same reads with every column, as the store reads them.")
            .Line("- \"One partition's queries alone\": the floor's queries of the partition read for the most pages, by themselves: what the emulator takes for one of the 32.")
            .Line("- The case read's floor: the point read of the case, the one audit append (a record of the same size, conditional on the blob's end, to an append blob of its own), the history, message, note and link rows (one partition each) and the region of each linked case, one after the other as the route's order needs. \"Profile\" for the case read is the same calls with everything after the point read at once.")
            .Line($"- Checked before measuring: {string.Join("; ", results.Select(r => $"{r.Name}: {r.Check}"))}.");
        var first = results[0];
        var agency = results.First(r => r.Name == "agency search");
        var read = results[^1];
        notes.Line()
            .Line("Where the time goes:")
            .Line()
            .Line($"- **First page p95: {Markdown.N(first.Route.P95, "0")} ms against the 300 ms target{(first.Route.P95 < 300 ? "" : first.Least!.P50 >= 300 ? ", missed, and out of reach on the emulator" : ", missed")}.** The floor alone takes {Markdown.N(first.Floor.P50, "0")} ms at p50 and {Markdown.N(first.Floor.P95, "0")} ms at p95, and the least a newest-first page over the year's 32 partitions can ask, one key from each, still takes {Markdown.N(first.Least!.P50, "0")} ms at p50 and {Markdown.N(first.Least.P95, "0")} ms at p95. Azurite answers a query by testing every row of the table against its filter (`LokiTableMetadataStore.queryTableEntities` runs the filter over the whole collection, then sorts what matched), so each of the 32 queries scans all {options.TableComplaints:#,0} rows, one after another on its one thread: one partition's query alone takes {Markdown.N(first.Single!.P50, "0.0")} ms, 32 of them {Markdown.N(first.Single.P50 * 32, "0")} ms. In Azure a query reads its own partition's range only, {first.Rows / 32} rows here. The app's own part is the ratio: {Markdown.N(first.P50Ratio, "0.00")}x, {Markdown.N(first.Route.P50 - first.Floor.P50, "0")} ms at p50.")
            .Line($"- **Columns.** The list reads only the {ListColumns.Length} columns a list item shows (`ComplaintStore.ListColumns`): the same reads with every column (the sealed details and history included) take {Markdown.N(first.Other.P50 - first.Floor.P50, "0")} ms more at p50, which the route no longer pays. What it adds to its floor in all, {Markdown.N(first.Route.P50 - first.Floor.P50, "0")} ms at p50, is HTTP, the typed entities, the summaries and JSON.")
            .Line($"- **Agency search.** The agency can only be matched after the query, so to find a page the list reads {agency.Rows:#,0} rows of region {Region} (of {regionRows:#,0}) in {agency.Pages} pages of 51, {Markdown.N(agency.Pages / 32.0, "0.0")} a partition one after another; on the emulator each page is one more scan of the whole table, hence {Markdown.N(agency.Route.P50 / 1000, "0.0")} s. The floor reads the same pages, so the ratio is the app's part (matching each row with `AgencyNames.Normalize` included). In Azure each page reads only its partition; larger pages where rows are matched after the query would cut the round trips.")
            .Line($"- **Case read.** The route's p50 is {Markdown.N(read.Route.P50, "0.0")} ms against {Markdown.N(read.Floor.P50, "0.0")} ms for its floor's calls one after another, and {Markdown.N(read.Other.P50, "0.0")} ms with everything after the point read sent at once ({Markdown.N(read.Route.P50 / read.Other.P50, "0.00")}x for the route against that).");
        var details = notes.ToString();
        return results.Select((r, i) =>
        {
            var firstPage = r.Name == "first page";
            var met = r.P50Ratio <= 1.5 && (!firstPage || r.Route.P95 < 300);
            return new Finding(
                $"staff {r.Name}",
                $"p50 {Markdown.N(r.Route.P50, "0.0")} ms, p95 {Markdown.N(r.Route.P95, "0.0")} ms",
                $"floor p50 {Markdown.N(r.Floor.P50, "0.0")} ms, p95 {Markdown.N(r.Floor.P95, "0.0")} ms",
                $"{Markdown.N(r.P50Ratio, "0.00")} (p95 {Markdown.N(r.P95Ratio, "0.00")})",
                firstPage ? "<= 1.5x; p95 < 300 ms" : "<= 1.5x",
                met,
                i == 0 ? details : "See `staff first page` above: one section for the four.\n");
        }).ToArray();
    }
}
