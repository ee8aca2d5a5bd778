using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AntiCorruption.Core.Staff;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests;

/// <summary>Fiscal-year summaries compiled through the staff route, and their CSV files read back.</summary>
internal static class TestSummaries
{
    /// <summary>Asks for a compile of the year and waits until a summary newer than the request is listed.</summary>
    public static async Task CompileAsync(AppHost app, int year)
    {
        async Task<string?> GeneratedAt()
        {
            var list = await (await app.StaffAsync(HttpMethod.Get, "api/staff/summaries", null, StaffRoles.SummariesRead)).Content.ReadFromJsonAsync<JsonElement>();
            return list.EnumerateArray().Where(y => y.GetProperty("fiscalYear").GetInt32() == year && y.GetProperty("files").GetArrayLength() == 5).Select(y => y.GetProperty("generatedAt").GetString()).FirstOrDefault();
        }

        var before = await GeneratedAt();
        var requested = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.Accepted, (await app.StaffAsync(HttpMethod.Post, $"api/staff/summaries/{year}/compile", null, StaffRoles.SummariesRead)).StatusCode);
        await Eventually.GetAsync(async () => await GeneratedAt() is { } at && at != before && DateTimeOffset.Parse(at, CultureInfo.InvariantCulture) >= requested.AddSeconds(-1) ? at : null, TimeSpan.FromSeconds(60), "the compiled summary");
        // The listing shows a compile once its first file is written; its other files follow.
        await QueuedCompilesDoneAsync(app);
    }

    /// <summary>
    /// Waits until no compile is left on the queue, so every one has written all its files: a
    /// message is deleted once its run is over, and the count includes it while it is hidden.
    /// </summary>
    public static Task QueuedCompilesDoneAsync(AppHost app) =>
        Eventually.GetAsync<object>(async () => (await app.Storage.Queue(Core.Storage.StorageNames.SummaryCompilesQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount == 0 ? new object() : null, TimeSpan.FromSeconds(60), "the queued compiles done");

    /// <summary>The rows of an RFC 4180 CSV (after its BOM), header row included.</summary>
    public static List<string[]> Csv(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes.AsSpan(bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0));
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c is ',' or '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                if (c == '\n')
                {
                    rows.Add([.. row]);
                    row.Clear();
                }
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }

        return rows;
    }
}
