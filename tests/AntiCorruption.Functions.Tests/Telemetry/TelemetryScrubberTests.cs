using System.Diagnostics;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Functions.Telemetry;

namespace AntiCorruption.Functions.Tests.Telemetry;

public class TelemetryScrubberTests
{
    [Theory]
    [InlineData("client.address")]
    [InlineData("network.peer.address")]
    [InlineData("net.peer.ip")]
    [InlineData("http.client_ip")]
    [InlineData("user_agent.original")]
    [InlineData("url.query")]
    [InlineData("http.request.header.x_forwarded_for")]
    [InlineData("enduser.id")]
    [InlineData("Email")]
    [InlineData("ReporterPhone")]
    [InlineData("tracking_code")]
    [InlineData("ConfirmationCode")]
    [InlineData("line.user_id")]
    public void IsDropped_PersonalOrClientKeys_AreDropped(string key)
    {
        Assert.True(TelemetryScrubber.IsDropped(key));
    }

    [Theory]
    [InlineData("http.response.status_code")]
    [InlineData("http.route")]
    [InlineData("url.full")]
    [InlineData("server.address")]
    [InlineData("messaging.destination.name")]
    [InlineData("faas.name")]
    [InlineData("Partition")]
    [InlineData("{OriginalFormat}")]
    public void IsDropped_OperationalKeys_AreKept(string key)
    {
        Assert.False(TelemetryScrubber.IsDropped(key));
    }

    [Theory]
    [InlineData("write to somchai.k@example.co.th failed", "write to [email] failed")]
    [InlineData("from 203.0.113.9 and 2001:db8::17", "from [ip] and [ip]")]
    [InlineData("code 7KQ2-M9XD-4HJ8-TP3R-QW6Z asked", "code [code] asked")]
    [InlineData("call 081 234 5678 or +66812345678", "call [phone] or [phone]")]
    [InlineData("id 1-2345-67890-12-1", "id [number]")]
    public void Text_PersonalLooking_IsReplaced(string text, string expected)
    {
        Assert.Equal(expected, TelemetryScrubber.Text(text));
    }

    [Theory]
    [InlineData("TableClient.AddEntity")]
    [InlineData("process complaints")]
    [InlineData("Stored a complaint in partition 2570-7")]
    [InlineData("The operation took 12:30:45")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")]
    [InlineData("2f7c1d0a-41b6-4a1e-9a43-0c5f1d7e2b11")]
    [InlineData("az.client_request_id=7d6f3f0e-90c1-4c3b-9d2e-cb5190ecdd8e")]
    public void Text_Operational_IsUnchanged(string text)
    {
        Assert.Same(text, TelemetryScrubber.Text(text));
    }

    [Fact]
    public void Url_LosesQueryIdsAndEntityKeys()
    {
        var id = ComplaintIds.New(DateTimeOffset.UnixEpoch.AddYears(56));

        Assert.Equal("https://acct.table.core.windows.net/complaintcodes(…)", TelemetryScrubber.Url("https://acct.table.core.windows.net/complaintcodes(PartitionKey='ab',RowKey='abcdef')?$select=x"));
        Assert.Equal("/api/staff/complaints/{id}/notes", TelemetryScrubber.Url($"/api/staff/complaints/{id}/notes?x=1#f"));
        Assert.Equal("http://[ip]:10002/devstoreaccount1/complaints", TelemetryScrubber.Value("url.full", "http://127.0.0.1:10002/devstoreaccount1/complaints"));
    }

    [Fact]
    public void ActivityProcessor_RemovesClientTagsAndScrubsTheRest()
    {
        using var activity = new Activity("POST api/complaints").SetIdFormat(ActivityIdFormat.W3C).Start();
        activity.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        activity.SetTag("client.address", "203.0.113.9");
        activity.SetTag("user_agent.original", "Mozilla/5.0");
        activity.SetTag("url.full", "https://app.example/api/complaints?code=7KQ2M9XD4HJ8TP3RQW6Z");
        activity.SetTag("http.response.status_code", 202);
        activity.SetStatus(ActivityStatusCode.Error, "Azure.RequestFailedException: to somchai@example.org\r\n   at somewhere");
        activity.Stop();

        new ScrubbingActivityProcessor().OnEnd(activity);

        Assert.Null(activity.GetTagItem("client.address"));
        Assert.Null(activity.GetTagItem("user_agent.original"));
        Assert.Equal("https://app.example/api/complaints", activity.GetTagItem("url.full"));
        Assert.Equal(202, activity.GetTagItem("http.response.status_code"));
        Assert.Equal("Azure.RequestFailedException: to [email]", activity.StatusDescription);
        Assert.True(activity.Recorded);
    }

    [Fact]
    public void ActivityProcessor_EventWithPersonalData_SpanIsNotExported()
    {
        using var activity = new Activity("function ProcessComplaint").SetIdFormat(ActivityIdFormat.W3C).Start();
        activity.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        activity.AddEvent(new ActivityEvent("exception", tags: new ActivityTagsCollection { ["exception.message"] = "no such reporter somchai@example.org" }));
        activity.Stop();

        new ScrubbingActivityProcessor().OnEnd(activity);

        Assert.False(activity.Recorded);
    }

    [Fact]
    public void ScrubbedException_MessageWithPersonalData_KeepsTypeAndStackWithoutIt()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("outer", new FormatException("bad phone 0812345678"));
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }

        var scrubbed = ScrubbedException.Of(thrown)!;

        Assert.DoesNotContain("0812345678", scrubbed.Message, StringComparison.Ordinal);
        Assert.Contains("System.FormatException: bad phone [phone]", scrubbed.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ScrubbedException_MessageWithPersonalData_KeepsTypeAndStackWithoutIt), scrubbed.Message, StringComparison.Ordinal);
        Assert.Null(ScrubbedException.Of(new InvalidOperationException("nothing personal")));
    }
}
