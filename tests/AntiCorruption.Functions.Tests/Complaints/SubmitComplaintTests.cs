using System.Net;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Functions.Complaints;
using AntiCorruption.Functions.Http;
using AntiCorruption.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace AntiCorruption.Functions.Tests.Complaints;

public class SubmitComplaintTests
{
    private static readonly ReferenceCatalog Catalog = SeedLoader.Load(RepoPaths.Seeds);
    private readonly MockStorage _storage = new();
    private readonly TrackingCodes _codes = new(new KeyedHasher(TestKeys.Pii()));
    private readonly List<string> _sent = [];

    // The evening of the issue that found the clock in these tests: Bangkok is already on 30 November.
    private readonly FixedTime _clock = new(new DateTimeOffset(2026, 11, 29, 22, 15, 0, TimeSpan.Zero));

    private const string NamedBody = """
        {"category":"bribery","province":"TH-80","agency":"อบต. ท่าศาลา","accusedName":"นายผู้ถูกกล่าวหา ทดสอบ",
         "description":"ปลัดเรียกรับเงินสองหมื่นบาทเพื่อเซ็นอนุญาต","anonymous":false,"consent":true,
         "reporter":{"name":"สมหญิง รักษ์ไทย","phone":"0898765432","email":"somying@example.com"}}
        """;

    private SubmitComplaint Function()
    {
        var time = _clock;
        var pii = new PiiProtector(TestKeys.Pii());
        var limits = new ClientRateLimits(Microsoft.Extensions.Options.Options.Create(new RateLimitOptions { ComplaintsPerHour = 0 }), new KeyedHasher(TestKeys.Pii()), new LocalRateCounters(), time, NullLogger<ClientRateLimits>.Instance);
        var intake = new ComplaintIntake(
            new ComplaintValidator(Catalog, time), _codes, pii, Catalog,
            new ComplaintQueueWriter(_storage.Account),
            new ComplaintStore(_storage.Account),
            new IdempotencyStore(_storage.Account, new KeyedHasher(TestKeys.Pii()), pii),
            new AntiCorruption.Core.Attachments.AttachmentStore(_storage.Account, pii, time, NullLogger<AntiCorruption.Core.Attachments.AttachmentStore>.Instance),
            limits, time, NullLogger<ComplaintIntake>.Instance);
        return new SubmitComplaint(intake, new PublicRouteLimits(limits, Microsoft.Extensions.Options.Options.Create(new ClientAddressOptions())));
    }

    private void QueueAccepts() =>
        _storage.Queue(StorageNames.ComplaintsQueue)
            .Setup(q => q.SendMessageAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string text, CancellationToken _) => _sent.Add(text))
            .ReturnsAsync(Response.FromValue(QueuesModelFactory.SendReceipt("id", _clock.Now, _clock.Now.AddDays(7), "pop", _clock.Now), Mock.Of<Response>()));

    private static HttpRequest Request(string body, string? idempotencyKey = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        if (idempotencyKey is not null)
        {
            context.Request.Headers["Idempotency-Key"] = idempotencyKey;
        }

        return context.Request;
    }

    [Fact]
    public async Task Run_NamedComplaint_QueuesOneMessageWithNothingPersonalInIt()
    {
        QueueAccepts();

        var result = Assert.IsType<ApiResult>(await Function().Run(Request(NamedBody), CancellationToken.None));

        Assert.Equal(StatusCodes.Status202Accepted, result.StatusCode);
        var receipt = Assert.IsType<ReporterReceipt>(result.Body);
        var message = Assert.Single(_sent);
        foreach (var secret in new[] { "สมหญิง", "0898765432", "somying@example.com", "ผู้ถูกกล่าวหา", "สองหมื่นบาท", receipt.TrackingCode })
        {
            Assert.DoesNotContain(secret, message, StringComparison.Ordinal);
        }

        var queued = ComplaintQueueWriter.Deserialize(message);
        Assert.Equal(_codes.Hash(receipt.TrackingCode), queued.TrackingHash);
        Assert.Equal(8, queued.Region);
        Assert.NotNull(queued.Reporter);
    }

    [Fact]
    public async Task Run_Accepted_RecordsTheCodeBesideTheMessageWithItsIssueTime()
    {
        QueueAccepts();
        var recorded = new List<TrackingCodeEntity>();
        _storage.Table(StorageNames.TrackingCodesTable)
            .Setup(t => t.AddEntityAsync(It.IsAny<TrackingCodeEntity>(), It.IsAny<CancellationToken>()))
            .Callback((TrackingCodeEntity row, CancellationToken _) => recorded.Add(row))
            .ReturnsAsync(Mock.Of<Response>());

        var result = Assert.IsType<ApiResult>(await Function().Run(Request(NamedBody), CancellationToken.None));

        var receipt = Assert.IsType<ReporterReceipt>(result.Body);
        var queued = ComplaintQueueWriter.Deserialize(Assert.Single(_sent));
        var row = Assert.Single(recorded);
        Assert.Equal(_codes.Hash(receipt.TrackingCode), row.RowKey);
        Assert.Equal(queued.ComplaintId, row.ComplaintId);
        Assert.Equal(_clock.Now, row.IssuedAt);
    }

    [Fact]
    public async Task Run_CodeRowNotWritten_IsStillAcceptedOnceQueued()
    {
        // The queue message is what makes the complaint durable; the processor writes the row.
        QueueAccepts();
        _storage.Table(StorageNames.TrackingCodesTable)
            .Setup(t => t.AddEntityAsync(It.IsAny<TrackingCodeEntity>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException((int)HttpStatusCode.ServiceUnavailable, "Server busy"));

        var result = Assert.IsType<ApiResult>(await Function().Run(Request(NamedBody), CancellationToken.None));

        Assert.Equal(StatusCodes.Status202Accepted, result.StatusCode);
        Assert.Single(_sent);
    }

    [Fact]
    public async Task Run_EveryHourOfALeapYear_ReceiptDeadlinesFollowTheBangkokCalendar()
    {
        QueueAccepts();
        var submit = Function();
        const string body = """{"category":"bribery","province":"TH-80","agency":"อบต. ท่าศาลา","description":"เจ้าหน้าที่เรียกเงินใต้โต๊ะเพื่อออกใบอนุญาต","anonymous":true}""";
        var wrong = new List<string>();
        for (_clock.Now = new DateTimeOffset(2027, 9, 1, 0, 0, 0, TimeSpan.Zero); _clock.Now < new DateTimeOffset(2028, 9, 1, 0, 0, 0, TimeSpan.Zero); _clock.Now = _clock.Now.AddHours(1))
        {
            // The reporter is told Bangkok dates: of the receipt, and of the deadlines the exact rules give.
            var receipt = (ReporterReceipt)((ApiResult)await submit.Run(Request(body), CancellationToken.None)).Body!;
            if (receipt.ReceivedAt != BangkokDate(_clock.Now)
                || receipt.AcknowledgeBy != BangkokDate(_clock.Now.AddDays(7))
                || receipt.FeedbackDueBy != BangkokDate(DeadlineRule.ThreeMonthsOnTheBangkokCalendar(_clock.Now)))
            {
                wrong.Add($"{_clock.Now:O}: {receipt.ReceivedAt:O} {receipt.AcknowledgeBy:O} {receipt.FeedbackDueBy:O}");
            }
        }

        Assert.Equal(366 * 24, _sent.Count);
        Assert.Empty(wrong);
    }

    /// <summary>The date in Bangkok (UTC+7, no daylight saving), worked out here rather than by the code under test.</summary>
    private static DateOnly BangkokDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime.AddHours(7));

    [Fact]
    public async Task Run_InvalidBody_QueuesNothing()
    {
        QueueAccepts();

        var result = Assert.IsType<ApiResult>(await Function().Run(Request("{\"anonymous\":true}"), CancellationToken.None));

        Assert.Equal(StatusCodes.Status400BadRequest, result.StatusCode);
        Assert.Empty(_sent);
    }

    /// <summary>The idempotency table has no row for the key yet.</summary>
    private static void KeyIsNew(Mock<TableClient> table) =>
        table.Setup(t => t.GetEntityIfExistsAsync<TableEntity>(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Mock.Of<NullableResponse<TableEntity>>(r => r.HasValue == false));

    [Fact]
    public async Task Run_QueueDown_KeepsTheIdempotencyClaimSoARetryQueuesTheSameComplaint()
    {
        var table = _storage.Table(StorageNames.IdempotencyTable);
        KeyIsNew(table);
        string? claimedRow = null;
        table.Setup(t => t.AddEntityAsync(It.IsAny<TableEntity>(), It.IsAny<CancellationToken>()))
            .Callback((TableEntity e, CancellationToken _) => claimedRow = e.RowKey)
            .ReturnsAsync(Mock.Of<Response>());
        table.Setup(t => t.DeleteEntityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<ETag>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Mock.Of<Response>());
        _storage.Queue(StorageNames.ComplaintsQueue)
            .Setup(q => q.SendMessageAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException((int)HttpStatusCode.ServiceUnavailable, "Server busy"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => Function().Run(Request(NamedBody, "key-1"), CancellationToken.None));

        Assert.True(StorageFailure.Is(error));
        Assert.NotNull(claimedRow);
        table.Verify(t => t.DeleteEntityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<ETag>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    /// <param name="foundAtLookup">
    /// True: the retry finds the claim when it looks the key up. False: a twin sent at the same
    /// moment claims it between that lookup and this request's own claim.
    /// </param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Run_RetryAfterCrashBetweenClaimAndQueue_QueuesTheFirstComplaintAgain(bool foundAtLookup)
    {
        // The first attempt claimed the key and died before queueing. The retry finds the claim
        // and must queue the same complaint id, with the same tracking code, rather than a new one.
        QueueAccepts();
        var pii = new PiiProtector(TestKeys.Pii());
        var firstReceipt = new ComplaintReceipt(_codes.New(), ComplaintStatus.Received, _clock.Now.AddMinutes(-1), 8, _clock.Now.AddDays(7), _clock.Now.AddMonths(3));
        var firstId = ComplaintIds.New(firstReceipt.ReceivedAt);
        var table = _storage.Table(StorageNames.IdempotencyTable);
        TableEntity? stored = null;
        Response<TableEntity> Stored(string pk, string rk)
        {
            stored ??= new TableEntity(pk, rk)
            {
                ["RequestHash"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(NamedBody))),
                ["Answer"] = pii.SealJson(new { complaintId = firstId, receipt = firstReceipt }, $"idempotency/{rk}"),
            };
            return Response.FromValue(stored, Mock.Of<Response>());
        }

        table.SetupSequence(t => t.AddEntityAsync(It.IsAny<TableEntity>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException((int)HttpStatusCode.Conflict, "exists"));
        table.Setup(t => t.GetEntityAsync<TableEntity>(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string pk, string rk, IEnumerable<string> _, CancellationToken _) => Stored(pk, rk));
        if (foundAtLookup)
        {
            table.Setup(t => t.GetEntityIfExistsAsync<TableEntity>(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
                .ReturnsAsync((string pk, string rk, IEnumerable<string> _, CancellationToken _) => Stored(pk, rk));
        }
        else
        {
            KeyIsNew(table);
        }

        var result = Assert.IsType<ApiResult>(await Function().Run(Request(NamedBody, "key-2"), CancellationToken.None));

        Assert.Equal(ReporterReceipt.Of(firstReceipt), result.Body);
        var queued = ComplaintQueueWriter.Deserialize(Assert.Single(_sent));
        Assert.Equal(firstId, queued.ComplaintId);
        Assert.Equal(_codes.Hash(firstReceipt.TrackingCode), queued.TrackingHash);
    }
}
