using System.Net;
using AntiCorruption.Core.Line;
using AntiCorruption.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Core.Tests.Line;

public class LineClientTests
{
    /// <summary>Answers each request with the next status in line and remembers what was asked.</summary>
    private sealed class ScriptedHandler(params HttpStatusCode[] statuses) : HttpMessageHandler
    {
        private int _next;

        public List<string> Requests { get; } = [];

        public List<string?> RetryKeys { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add($"{request.Method} {request.RequestUri!.AbsolutePath} {request.Headers.Authorization}");
            RetryKeys.Add(request.Headers.TryGetValues("X-Line-Retry-Key", out var keys) ? keys.Single() : null);
            var status = statuses[Math.Min(_next++, statuses.Length - 1)];
            var response = new HttpResponseMessage(status) { Content = new ByteArrayContent([1, 2, 3]) };
            if (status == HttpStatusCode.Conflict)
            {
                response.Headers.Add("x-line-accepted-request-id", "6f1c4c3a-4d1f-4a3e-9a55-1c2b3d4e5f60");
            }

            if (status == HttpStatusCode.TooManyRequests)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromMilliseconds(10));
            }

            return Task.FromResult(response);
        }
    }

    private static readonly FixedTime Clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    private static LineClient Client(ScriptedHandler handler) =>
        new(new HttpClient(handler), new SettableOptions<LineOptions>(new LineOptions { ChannelAccessToken = "token", ApiBaseUrl = "http://line.test", DataApiBaseUrl = "http://data.line.test" }), Clock, NullLogger<LineClient>.Instance);

    private static LineEvent Fresh(string? replyToken = "r1") => new("message", "active", "E1", Clock.Now, replyToken, "U1", null, null);

    [Fact]
    public async Task Answer_ServerErrorsThenSuccess_IsRetried()
    {
        var handler = new ScriptedHandler(HttpStatusCode.InternalServerError, HttpStatusCode.TooManyRequests, HttpStatusCode.OK);

        await Client(handler).AnswerAsync(Fresh(), [LineMessage.Say("hi")], CancellationToken.None);

        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal("POST /v2/bot/message/reply Bearer token", r));
    }

    [Fact]
    public async Task Content_ClientError_IsNotRetried()
    {
        var handler = new ScriptedHandler(HttpStatusCode.NotFound, HttpStatusCode.OK);

        await Assert.ThrowsAsync<HttpRequestException>(() => Client(handler).GetContentAsync("m1", 1024, CancellationToken.None));

        Assert.Equal(["GET /v2/bot/message/m1/content Bearer token"], handler.Requests);
    }

    [Fact]
    public async Task Answer_ReplyTokenRefused_PushesOnce()
    {
        var handler = new ScriptedHandler(HttpStatusCode.BadRequest, HttpStatusCode.OK);

        await Client(handler).AnswerAsync(Fresh(), [LineMessage.Say("hi")], CancellationToken.None);

        Assert.Equal(["POST /v2/bot/message/reply Bearer token", "POST /v2/bot/message/push Bearer token"], handler.Requests);
    }

    [Fact]
    public async Task Answer_OldEvent_PushesWithoutTryingTheReply()
    {
        var handler = new ScriptedHandler(HttpStatusCode.OK);
        var old = Fresh() with { Timestamp = Clock.Now.AddMinutes(-2) };

        await Client(handler).AnswerAsync(old, [LineMessage.Say("hi")], CancellationToken.None);

        Assert.Equal(["POST /v2/bot/message/push Bearer token"], handler.Requests);
    }

    [Fact]
    public async Task Answer_PushRetried_CarriesOneRetryKeyMadeFromTheEvent()
    {
        var handler = new ScriptedHandler(HttpStatusCode.InternalServerError, HttpStatusCode.OK);
        var old = Fresh() with { Timestamp = Clock.Now.AddMinutes(-2) };

        await Client(handler).AnswerAsync(old, [LineMessage.Say("hi")], CancellationToken.None);

        Assert.Equal(2, handler.RetryKeys.Count);
        Assert.All(handler.RetryKeys, key => Assert.Equal(LineClient.PushRetryKey(old), key));
        Assert.True(Guid.TryParseExact(handler.RetryKeys[0], "D", out _));
        Assert.NotEqual(LineClient.PushRetryKey(old), LineClient.PushRetryKey(old with { WebhookEventId = "E2" }));
    }

    [Fact]
    public async Task Answer_PushAlreadyAcceptedUnderItsRetryKey_IsDone()
    {
        // The event's queue message was redelivered after LINE had taken the first push.
        var handler = new ScriptedHandler(HttpStatusCode.Conflict);
        var old = Fresh() with { Timestamp = Clock.Now.AddMinutes(-2) };

        await Client(handler).AnswerAsync(old, [LineMessage.Say("hi")], CancellationToken.None);

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Answer_Reply_CarriesNoRetryKey()
    {
        var handler = new ScriptedHandler(HttpStatusCode.OK);

        await Client(handler).AnswerAsync(Fresh(), [LineMessage.Say("hi")], CancellationToken.None);

        Assert.Equal([null], handler.RetryKeys);
    }

    /// <summary>An endless stream of bytes that counts what was read from it: a video far over any limit.</summary>
    private sealed class EndlessContent : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)0xAB, offset, count);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class ContentHandler(Stream content, long? announcedLength) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(content) };
            response.Content.Headers.ContentLength = announcedLength;
            return Task.FromResult(response);
        }
    }

    private static LineClient ContentClient(Stream content, long? announcedLength) =>
        new(new HttpClient(new ContentHandler(content, announcedLength)), new SettableOptions<LineOptions>(new LineOptions { ChannelAccessToken = "token", ApiBaseUrl = "http://line.test", DataApiBaseUrl = "http://data.line.test" }), Clock, NullLogger<LineClient>.Instance);

    [Fact]
    public async Task Content_AnnouncedOverTheLimit_IsRefusedWithoutReadingIt()
    {
        var video = new EndlessContent();

        var content = await ContentClient(video, announcedLength: 300L * 1024 * 1024).GetContentAsync("m1", 10 * 1024 * 1024, CancellationToken.None);

        Assert.Null(content);
        Assert.Equal(0, video.BytesRead);
    }

    [Fact]
    public async Task Content_UnannouncedAndEndless_StopsJustPastTheLimit()
    {
        var video = new EndlessContent();
        const int Limit = 10 * 1024 * 1024;

        var content = await ContentClient(video, announcedLength: null).GetContentAsync("m1", Limit, CancellationToken.None);

        Assert.Null(content);
        Assert.InRange(video.BytesRead, Limit + 1, Limit + (128 * 1024));
    }

    [Fact]
    public async Task Content_AtTheLimit_IsReturnedWhole()
    {
        var photo = new byte[10 * 1024 * 1024];
        Random.Shared.NextBytes(photo);

        var content = await ContentClient(new MemoryStream(photo), announcedLength: null).GetContentAsync("m1", photo.Length, CancellationToken.None);

        Assert.Equal(photo, content);
    }

    [Fact]
    public void Signature_OverTheRawBytes_IsCheckedExactly()
    {
        var body = "{\"events\":[]}"u8.ToArray();
        var signature = LineSignature.Sign("secret", body);

        Assert.True(LineSignature.IsValid("secret", body, signature));
        Assert.False(LineSignature.IsValid("other", body, signature));
        Assert.False(LineSignature.IsValid("secret", "{\"events\": []}"u8.ToArray(), signature));
        Assert.False(LineSignature.IsValid("secret", body, null));
        Assert.False(LineSignature.IsValid("secret", body, "not base64!"));
    }

    [Fact]
    public void QuickReplyLabels_AreCutToTwentyCharacters()
    {
        var item = LineQuickReplyItem.Postback("ปฏิบัติหรือละเว้นการปฏิบัติหน้าที่โดยมิชอบ", "cat:malfeasance");

        Assert.Equal(20, item.Action.Label.Length);
        Assert.Equal("cat:malfeasance", item.Action.Data);
    }
}
