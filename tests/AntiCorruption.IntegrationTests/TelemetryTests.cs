using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Line;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// What the app's telemetry holds for one complaint, captured as an exporter receives it (after
/// the scrubbing processors), on a LocalHost with storage of its own: one trace from the request
/// through the queue to the table, and nothing personal, no code and no client address anywhere.
/// <para>
/// Spans are captured by a processor added to the host's tracer provider once it runs, after the
/// app's own processors, as the Azure Monitor exporter is. Activity sources are process-wide, so
/// the capture also sees other tests' spans; the assertions pick this test's trace by its id, sent
/// in the request's traceparent, and the privacy checks hold for everything captured.
/// </para>
/// </summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    /// <summary>The trace whose request finds the clock broken: a bug in the middle of intake.</summary>
    private static readonly ActivityTraceId FailingTrace = ActivityTraceId.CreateRandom();
    private const string BugMessage = "clock broke while reading secret-internals-5Q7W";

    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentQueue<CapturedLog> _logs = new();
    private Azurite _azurite = null!;
    private FakeLinePlatform _line = null!;
    private AppHost _app = null!;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartNewAsync();
        _line = await FakeLinePlatform.StartAsync();
        _app = await AppHost.StartAsync(
            _azurite.ConnectionString,
            new BrokenInTrace(FailingTrace, BugMessage),
            ("Line:ApiBaseUrl", _line.BaseUrl),
            ("Line:DataApiBaseUrl", _line.BaseUrl),
            ("Telemetry:Record", "true"));
        _app.Service<TracerProvider>().AddProcessor(new SimpleActivityExportProcessor(new InMemoryExporter<Activity>(new Sink<Activity>(_spans.Enqueue))));
        _app.Service<LoggerProvider>().AddProcessor(new SimpleLogRecordExportProcessor(new InMemoryExporter<LogRecord>(new Sink<LogRecord>(r => _logs.Enqueue(CapturedLog.Of(r))))));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _line.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task Complaint_OneTraceFromRequestThroughQueueToTable_WithNothingPersonal()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var name = $"สมศรี ร้องเรียน{marker}";
        var digits = string.Concat(Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('0' + (b % 10))));
        var phone = $"08{digits[0]} {digits[1..4]} {digits[4..8]}";
        var email = $"reporter.{marker}@example.co.th";
        var forwardedFor = $"203.0.113.{10 + (Guid.NewGuid().ToByteArray()[0] % 200)}";
        var trace = ActivityTraceId.CreateRandom();

        var response = await SendAsync(trace, forwardedFor, new
        {
            category = "bribery",
            province = "TH-80",
            agency = "เทศบาลนครนครศรีธรรมราช",
            description = $"เจ้าหน้าที่เรียกรับเงินเพื่อออกใบอนุญาต รายละเอียด {marker}",
            anonymous = false,
            consent = true,
            reporter = new { name, phone, email },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;

        // The complaint is stored when its processing span ends with a table write under it.
        var process = await Eventually.GetAsync(
            () => Task.FromResult(Spans(trace).FirstOrDefault(s => s.DisplayName == "process complaints" && Spans(trace).Any(w => w.ParentSpanId == s.SpanId && w.DisplayName == "TableClient.AddEntity"))),
            TimeSpan.FromSeconds(30), "the complaint's processing span");
        Assert.Single(await _app.ComplaintsWithCodeAsync(code));

        var spans = Spans(trace).ToArray();
        var request = Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal("api/complaints", request.GetTagItem("http.route"));
        Assert.Equal("POST", request.GetTagItem("http.request.method"));
        var submit = Assert.Single(spans, s => s.DisplayName == "function SubmitComplaint");
        Assert.Equal(request.SpanId, submit.ParentSpanId);
        var send = Assert.Single(spans, s => s.DisplayName == "send complaints");
        Assert.Equal(ActivityKind.Producer, send.Kind);
        Assert.True(IsBelow(send, request, spans), "the queue send is part of the request");
        Assert.Single(spans, s => s.DisplayName == "QueueClient.SendMessage" && s.ParentSpanId == send.SpanId);

        Assert.Equal(ActivityKind.Consumer, process.Kind);
        Assert.Equal(send.SpanId, process.ParentSpanId);
        var invocation = Assert.Single(process.Links).Context;
        Assert.NotEqual(trace, invocation.TraceId);
        Assert.Contains(_spans, s => s.SpanId == invocation.SpanId && s.DisplayName == "function ProcessComplaint");

        var tableWrites = spans.Where(s => s.DisplayName == "TableClient.AddEntity" && s.ParentSpanId == process.SpanId).ToArray();
        Assert.Contains(tableWrites, w => spans.Any(http => http.ParentSpanId == w.SpanId && http.GetTagItem("url.full") is string url && url.Split('?')[0].EndsWith("/complaints", StringComparison.Ordinal)));
        // The code's row is normally there already (intake wrote it): an insert that finds its row is not a failure.
        Assert.All(spans.Where(s => s.Source.Name.StartsWith("Azure.", StringComparison.Ordinal)), s => Assert.NotEqual(ActivityStatusCode.Error, s.Status));

        // Logs keep their properties and join the trace.
        var stored = await Eventually.GetAsync(
            () => Task.FromResult(_logs.FirstOrDefault(l => l.TraceId == trace && l.Body == "Stored a complaint in partition {Partition}")),
            TimeSpan.FromSeconds(10), "the processor's log line");
        Assert.Contains(stored.Attributes, a => a.Key == "Partition" && a.Value.StartsWith("25", StringComparison.Ordinal));
        Assert.StartsWith("Stored a complaint in partition 25", stored.FormattedMessage, StringComparison.Ordinal);

        // Nothing personal, no code, no client address: in this trace or anywhere else captured.
        var forbidden = new[]
        {
            name, marker, phone, phone.Replace(" ", "", StringComparison.Ordinal), email, code, code.Replace("-", "", StringComparison.Ordinal),
            forwardedFor, "127.0.0.1",
        };
        Assert.All(_spans, span => AssertHoldsNone(Describe(span), forbidden));
        Assert.All(_logs, log => AssertHoldsNone(log.Text, forbidden));
        Assert.True(IssuedCodes.TryNormalize(code, out _));
    }

    /// <summary>
    /// A bug that the error middleware turns into a 500 still fails the request's span and its
    /// invocation span, by the exception's type alone: its message may quote the request.
    /// </summary>
    [Fact]
    public async Task Bug_AnsweredWith500_FailsTheSpansByTypeOnly()
    {
        var response = await SendAsync(FailingTrace, "203.0.113.250", new { category = "bribery", province = "TH-80", agency = "อบต. ท่าศาลา", description = "เจ้าหน้าที่เรียกเงินใต้โต๊ะเพื่อออกใบอนุญาตก่อสร้างอาคาร", anonymous = true });
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);

        var request = await Eventually.GetAsync(
            () => Task.FromResult(Spans(FailingTrace).FirstOrDefault(s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore")),
            TimeSpan.FromSeconds(10), "the request's span");
        var invocation = Assert.Single(Spans(FailingTrace), s => s.DisplayName == "function SubmitComplaint");

        foreach (var span in new[] { request, invocation })
        {
            Assert.Equal(ActivityStatusCode.Error, span.Status);
            var exception = Assert.Single(span.Events, e => e.Name == "exception");
            Assert.Equal(typeof(InvalidOperationException).FullName, exception.Tags.Single(t => t.Key == "exception.type").Value);
            Assert.DoesNotContain("secret-internals", Describe(span), StringComparison.Ordinal);
        }

        Assert.True(request.Recorded && invocation.Recorded, "failed spans are exported");
    }

    /// <summary>A call to LINE is a dependency of the work that made it; the user it answers is not in it.</summary>
    [Fact]
    public async Task LineCall_IsAnHttpDependencyInTheCallersTrace_WithoutTheUser()
    {
        var trace = ActivityTraceId.CreateRandom();
        var user = "U" + Guid.NewGuid().ToString("N");
        using (new Activity("function ProcessLineEvent").SetParentId(trace, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start())
        {
            var answer = new LineEvent("message", "active", Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow.AddMinutes(-5), null, user, null, null);
            await _app.Service<LineClient>().AnswerAsync(answer, [LineMessage.Say("รับเรื่องแล้ว")], CancellationToken.None);
        }

        var call = Assert.Single(Spans(trace), s => s.Kind == ActivityKind.Client && s.Source.Name == "System.Net.Http");
        Assert.Equal("POST", call.GetTagItem("http.request.method"));
        Assert.EndsWith("/v2/bot/message/push", (string)call.GetTagItem("url.full")!, StringComparison.Ordinal);
        Assert.Equal(200, call.GetTagItem("http.response.status_code"));
        Assert.All(_spans, span => AssertHoldsNone(Describe(span), [user]));
        Assert.Contains(_line.Received, r => r.Kind == "push");
    }

    /// <summary>Sends as a caller inside trace <paramref name="trace"/>: its traceparent (from this test's HttpClient) names that trace.</summary>
    private async Task<HttpResponseMessage> SendAsync(ActivityTraceId trace, string forwardedFor, object body)
    {
        using var caller = new Activity("caller").SetParentId(trace, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/complaints") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.UserAgent.ParseAdd("TelemetryTests/1.0");
        return await _app.Client.SendAsync(request);
    }

    private IEnumerable<Activity> Spans(ActivityTraceId trace) => _spans.Where(s => s.TraceId == trace);

    private static bool IsBelow(Activity span, Activity ancestor, Activity[] spans)
    {
        for (var current = span; current is not null; current = spans.FirstOrDefault(s => s.SpanId == current.ParentSpanId))
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Everything of a span an exporter sends: name, status, attributes, events, links.</summary>
    private static string Describe(Activity span) => string.Join('\n',
        new[] { span.DisplayName, span.StatusDescription ?? "" }
            .Concat(span.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}.{t.Key}={t.Value}")))
            .Concat(span.Links.SelectMany(l => l.Tags?.Select(t => $"link.{t.Key}={t.Value}") ?? [])));

    private static void AssertHoldsNone(string text, string[] forbidden)
    {
        foreach (var value in forbidden)
        {
            Assert.False(text.Contains(value, StringComparison.OrdinalIgnoreCase), $"Telemetry holds '{value}':\n{text}");
        }
    }

    /// <summary>A log record as the exporter received it (records are pooled and reused after export).</summary>
    private sealed record CapturedLog(ActivityTraceId TraceId, string? Body, string? FormattedMessage, IReadOnlyList<KeyValuePair<string, string>> Attributes, string? Exception)
    {
        public string Text => string.Join('\n', new[] { Body, FormattedMessage, Exception }.Concat(Attributes.Select(a => $"{a.Key}={a.Value}")));

        public static CapturedLog Of(LogRecord record) => new(
            record.TraceId,
            record.Body,
            record.FormattedMessage,
            (record.Attributes ?? []).Select(a => new KeyValuePair<string, string>(a.Key, Convert.ToString(a.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "")).ToArray(),
            record.Exception?.ToString());
    }

    /// <summary>What the in-memory exporter adds to: each item handed on as it is exported.</summary>
    private sealed class Sink<T>(Action<T> add) : ICollection<T>
    {
        public int Count => 0;

        public bool IsReadOnly => false;

        public void Add(T item) => add(item);

        public void Clear()
        {
        }

        public bool Contains(T item) => false;

        public void CopyTo(T[] array, int arrayIndex)
        {
        }

        public bool Remove(T item) => false;

        public IEnumerator<T> GetEnumerator() => Enumerable.Empty<T>().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>The wall clock, except inside one trace, where reading it throws: a bug, reached through a real request.</summary>
    private sealed class BrokenInTrace(ActivityTraceId trace, string message) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() =>
            Activity.Current?.TraceId == trace ? throw new InvalidOperationException(message) : TimeProvider.System.GetUtcNow();
    }
}
