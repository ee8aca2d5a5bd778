using System.Net;
using System.Text;
using System.Text.Json;
using AntiCorruption.Core.Line;
using AntiCorruption.Testing;

namespace AntiCorruption.Bench;

/// <summary>The requests the HTTP benchmarks send: what the web form and LINE really send.</summary>
internal static class Requests
{
    /// <summary>A named tip of typical length, as the web form posts it.</summary>
    public static readonly byte[] Complaint = JsonSerializer.SerializeToUtf8Bytes(new
    {
        category = "bribery",
        province = "TH-80",
        agency = "องค์การบริหารส่วนตำบลท่าศาลา",
        accusedName = "นายตัวอย่าง สมมุติ",
        accusedPosition = "นายช่างโยธา",
        description = string.Concat(Enumerable.Repeat("เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาตก่อสร้างอาคาร โดยแจ้งว่าหากไม่จ่ายจะล่าช้าหลายเดือน ", 6)),
        incidentDate = "2026-10-15",
        amountThb = 50000,
        anonymous = false,
        consent = true,
        reporter = new { name = "ผู้แจ้ง ทดสอบ", phone = "081 234 5678", email = "reporter@example.com" },
    });

    public static async Task<bool> SubmitComplaintAsync(HttpClient client)
    {
        using var content = new ByteArrayContent(Complaint);
        content.Headers.ContentType = new("application/json");
        using var response = await client.PostAsync(new Uri("api/complaints", UriKind.Relative), content);
        await response.Content.LoadIntoBufferAsync();
        return response.StatusCode == HttpStatusCode.Accepted;
    }

    /// <summary>One LINE delivery with one text message, signed with the channel secret; a new event id each time.</summary>
    public static async Task<bool> DeliverLineEventAsync(HttpClient client)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            destination = "Ubot",
            events = new object[]
            {
                new
                {
                    type = "message",
                    mode = "active",
                    timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                    source = new { type = "user", userId = "U4af4980629aaaaaaaaaaaaaaaaaaaaaaaa" },
                    webhookEventId = Guid.NewGuid().ToString("N")[..26].ToUpperInvariant(),
                    deliveryContext = new { isRedelivery = false },
                    replyToken = Guid.NewGuid().ToString("N"),
                    message = new { id = "468789577898262530", type = "text", quoteToken = "q3Plxr4AgKd", text = "แจ้งเบาะแส" },
                },
            },
        });
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/line/webhook") { Content = content };
        request.Headers.TryAddWithoutValidation("x-line-signature", LineSignature.Sign(TestKeys.LineChannelSecret, body));
        using var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response.StatusCode == HttpStatusCode.OK;
    }

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
