using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AntiCorruption.Testing;
using CsCheck;

namespace AntiCorruption.IntegrationTests.Reliability;

/// <summary>One request that no correct server may accept.</summary>
public sealed record MalformedRequest(string Kind, string Method, string Path, string? ContentType, byte[] Body, string? LineSignature = null)
{
    public HttpRequestMessage ToHttp()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), new Uri(Path, UriKind.Relative));
        if (Method is not ("GET" or "DELETE") || Body.Length > 0)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        if (LineSignature is not null)
        {
            request.Headers.TryAddWithoutValidation("x-line-signature", LineSignature);
        }

        return request;
    }

    /// <summary>What a failure report shows: the kind, the request line and the start of the body.</summary>
    public override string ToString() =>
        $"{Kind}: {Method} {Path} [{ContentType}] {Body.Length} bytes: {Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 200)))}";
}

/// <summary>
/// Generators of malformed requests to every public route: broken and deeply nested JSON, wrong
/// types, huge fields and bodies, invalid UTF-8, control characters in any text, zero-width
/// characters, Thai combining marks and emoji where a code is expected, wrong content types and
/// methods, broken uploads and signatures. Each request is malformed by construction (a valid
/// body with exactly one thing broken), so every answer must be a 4xx.
/// </summary>
public static class MalformedRequests
{
    public const string Workshop = "nst-2563-0702";

    private const string JsonType = "application/json";

    /// <summary>Characters that look like nothing or join others: never part of a code.</summary>
    private static readonly string[] Invisible = ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u202E"];

    /// <summary>
    /// Letters drawn as nothing. (Invisible format characters are removed from one-line fields, so
    /// a code with one pasted in is that code; these are not, and make it another one.)
    /// </summary>
    private static readonly string[] BlankLetters = ["\u3164", "\u2800", "\u115F", "\uFFA0"];

    /// <summary>Thai vowel and tone marks that combine with the character before them.</summary>
    private static readonly string[] ThaiMarks = ["\u0E31", "\u0E34", "\u0E35", "\u0E36", "\u0E37", "\u0E38", "\u0E39", "\u0E47", "\u0E48", "\u0E49", "\u0E4A", "\u0E4B", "\u0E4C", "\u0E4D"];

    private static readonly string[] Emoji = ["😀", "🇹🇭", "👨‍👩‍👧", "🙏🏽", "❤️", "\uD83D", "\uDE00"];

    private static readonly byte[][] BadUtf8 =
    [
        [0xC3, 0x28], [0xFF], [0xFE, 0xFF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE0, 0xB8], [0x80],
    ];

    private enum FieldType { Text, Code, Boolean, Number, Object, Array }

    private sealed record JsonRoute(string Path, Func<JsonObject> Valid, IReadOnlyDictionary<string, FieldType> Fields);

    private static readonly JsonRoute[] JsonRoutes =
    [
        new("api/complaints", ValidComplaint, new Dictionary<string, FieldType>
        {
            ["category"] = FieldType.Code, ["province"] = FieldType.Code, ["agency"] = FieldType.Text, ["accusedName"] = FieldType.Text,
            ["subject"] = FieldType.Text, ["description"] = FieldType.Text, ["incidentDate"] = FieldType.Code, ["anonymous"] = FieldType.Boolean,
            ["amountThb"] = FieldType.Number, ["location"] = FieldType.Object, ["attachmentIds"] = FieldType.Array,
        }),
        new("api/complaints/status", () => new JsonObject { ["trackingCode"] = "7K3M-9QXW-4TNB-2HRV-8PDA" }, new Dictionary<string, FieldType> { ["trackingCode"] = FieldType.Code }),
        new("api/complaints/messages", () => new JsonObject { ["trackingCode"] = "7K3M-9QXW-4TNB-2HRV-8PDA", ["text"] = "ขอส่งหลักฐานเพิ่มเติมครับ" }, new Dictionary<string, FieldType> { ["trackingCode"] = FieldType.Code, ["text"] = FieldType.Text }),
        new("api/registrations/lookup", () => new JsonObject { ["confirmationCode"] = "7K3M-9QXW-4TNB-2HRV-8PDA" }, new Dictionary<string, FieldType> { ["confirmationCode"] = FieldType.Code }),
        new("api/registrations/cancel", () => new JsonObject { ["confirmationCode"] = "7K3M-9QXW-4TNB-2HRV-8PDA" }, new Dictionary<string, FieldType> { ["confirmationCode"] = FieldType.Code }),
        new("api/registrations/qr", () => new JsonObject { ["confirmationCode"] = "7K3M-9QXW-4TNB-2HRV-8PDA" }, new Dictionary<string, FieldType> { ["confirmationCode"] = FieldType.Code }),
        new($"api/workshops/{Workshop}/registrations", ValidRegistration, new Dictionary<string, FieldType>
        {
            ["fullName"] = FieldType.Text, ["position"] = FieldType.Text, ["agency"] = FieldType.Text, ["province"] = FieldType.Code,
            ["nationalId"] = FieldType.Code, ["consent"] = FieldType.Boolean,
        }),
    ];

    /// <summary>(method, path) pairs that the route table does not serve: 405 or 404.</summary>
    private static readonly (string Method, string Path)[] WrongMethods =
    [
        ("GET", "api/complaints"), ("PUT", "api/complaints"), ("DELETE", "api/complaints"), ("PATCH", "api/complaints/status"),
        ("GET", "api/complaints/messages"), ("GET", "api/attachments"), ("POST", "api/workshops"), ("DELETE", $"api/workshops/{Workshop}"),
        ("PUT", $"api/workshops/{Workshop}/registrations"), ("GET", "api/registrations/lookup"), ("DELETE", "api/registrations/cancel"),
        ("GET", "api/registrations/qr"), ("GET", "api/registrations/7K3M9QXW4TNB2HRV8PDA"), ("DELETE", "api/registrations/7K3M9QXW4TNB2HRV8PDA"), ("GET", "api/line/webhook"), ("PUT", "api/line/webhook"), ("POST", "api/health"),
        ("DELETE", "api/form"), ("POST", "api/register"), ("PUT", "api/openapi.json"), ("POST", "api/staff"), ("GET", "api/../api/health/x"),
    ];

    public static Gen<MalformedRequest> Any { get; } = Gen.Frequency(
        (3, Truncated()),
        (2, DeeplyNested()),
        (3, WrongType()),
        (2, HugeField()),
        (1, HugeBody()),
        (2, InvalidUtf8()),
        (2, ControlCharacter()),
        (3, ForeignCharacterInCode()),
        (2, WrongContentType()),
        (1, WrongMethod()),
        (2, GarbagePath()),
        (2, BrokenUpload()),
        (2, BrokenLineDelivery()));

    public static JsonObject ValidComplaint() => new()
    {
        ["category"] = "bribery",
        ["province"] = "TH-80",
        ["agency"] = "องค์การบริหารส่วนตำบลท่าศาลา",
        ["accusedName"] = "นายสมมติ ตัวอย่าง",
        ["subject"] = "เรียกรับเงินเพื่อออกใบอนุญาต",
        ["description"] = "เจ้าหน้าที่เรียกเงินสองหมื่นบาทเพื่อเร่งออกใบอนุญาตก่อสร้าง",
        ["incidentDate"] = "2025-11-03",
        ["anonymous"] = true,
        ["amountThb"] = 20000,
        ["location"] = new JsonObject { ["latitude"] = 8.66, ["longitude"] = 99.93 },
        ["attachmentIds"] = new JsonArray(),
    };

    private static JsonObject ValidRegistration() => new()
    {
        ["fullName"] = "ผู้เข้าร่วม ทดสอบ",
        ["position"] = "ปลัดอำเภอ",
        ["agency"] = "ที่ทำการปกครองอำเภอเมืองนครศรีธรรมราช",
        ["province"] = "TH-80",
        ["email"] = "fuzz@example.go.th",
        ["nationalId"] = "1101700230708",
        ["consent"] = true,
    };

    private static Gen<JsonRoute> Route => Pick(JsonRoutes);

    private static byte[] Utf8(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    private static Gen<MalformedRequest> Truncated() =>
        from route in Route
        let body = Utf8(route.Valid())
        from cut in Gen.Int[0, body.Length - 1]
        select new MalformedRequest("truncated JSON", "POST", route.Path, JsonType, body[..cut]);

    private static Gen<MalformedRequest> DeeplyNested() =>
        from route in Route
        from field in Pick([.. route.Fields.Keys])
        from depth in Gen.Int[65, 20_000]
        from objects in Gen.Bool
        let nested = objects
            ? string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)
            : new string('[', depth) + new string(']', depth)
        select new MalformedRequest("deeply nested JSON", "POST", route.Path, JsonType, Replace(route.Valid(), field, nested));

    private static Gen<MalformedRequest> WrongType() =>
        from route in Route
        from field in Pick([.. route.Fields.Keys])
        from wrong in Pick(WrongValues(route.Fields[field]))
        select new MalformedRequest("wrong type", "POST", route.Path, JsonType, Replace(route.Valid(), field, wrong));

    private static string[] WrongValues(FieldType type) => type switch
    {
        FieldType.Text or FieldType.Code => ["12345", "true", "[\"ก\"]", "{\"th\":\"ก\"}", "1e400"],
        FieldType.Boolean => ["\"true\"", "1", "0", "[]", "{}", "null", "\"ใช่\""],
        FieldType.Number => ["\"20000\"", "true", "[]", "{}", "-1", "1e400", "\"NaN\""],
        FieldType.Object => ["\"8.66,99.93\"", "1", "[8.66,99.93]", "true", "{\"latitude\":\"8\",\"longitude\":99}", "{\"latitude\":91,\"longitude\":0}"],
        _ => ["\"a\"", "1", "{}", "[1]", "[null]", "[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]"],
    };

    private static Gen<MalformedRequest> HugeField() =>
        from route in Route
        from field in Pick([.. route.Fields.Where(f => f.Value is FieldType.Text or FieldType.Code).Select(f => f.Key)])
        from length in Gen.Int[10_001, 120_000]
        from thai in Gen.Bool
        let text = thai ? string.Concat(Enumerable.Repeat("กขค", (length / 3) + 1))[..length] : new string('x', length)
        select new MalformedRequest("huge field", "POST", route.Path, JsonType, Replace(route.Valid(), field, JsonSerializer.Serialize(text)));

    private static Gen<MalformedRequest> HugeBody() =>
        from route in Route
        from size in Gen.Int[300_000, 3_000_000]
        let valid = route.Valid()
        let body = Utf8(valid)
        select new MalformedRequest("huge body", "POST", route.Path, JsonType, [.. body[..^1], .. Encoding.ASCII.GetBytes(",\"padding\":\""), .. Enumerable.Repeat((byte)'p', size), (byte)'"', (byte)'}']);

    private static Gen<MalformedRequest> InvalidUtf8() =>
        from route in Route
        from field in Pick([.. route.Fields.Where(f => f.Value is FieldType.Text or FieldType.Code).Select(f => f.Key)])
        from bad in Pick(BadUtf8)
        select new MalformedRequest("invalid UTF-8", "POST", route.Path, JsonType, ReplaceBytes(route.Valid(), field, bad));

    private static Gen<MalformedRequest> ControlCharacter() =>
        from route in Route
        from field in Pick([.. route.Fields.Where(f => f.Value is FieldType.Text or FieldType.Code).Select(f => f.Key)])
        from control in Gen.OneOf<char>(Gen.Char['\u0000', '\u0008'], Gen.Char['\u000B', '\u000C'], Gen.Char['\u000E', '\u001F'], Gen.Char['\u007F', '\u009F'])
        from at in Gen.Int[0, 10]
        let original = route.Valid()[field]!.GetValue<string>()
        let position = Math.Min(at, original.Length)
        select new MalformedRequest("control character", "POST", route.Path, JsonType, Replace(route.Valid(), field, JsonSerializer.Serialize(original.Insert(position, control.ToString()))));

    private static Gen<MalformedRequest> ForeignCharacterInCode() =>
        from route in Route
        from field in Pick([.. route.Fields.Where(f => f.Value is FieldType.Code).Select(f => f.Key)])
        from foreign in Gen.OneOf<string>(Pick(BlankLetters), Pick(ThaiMarks), Pick(Emoji))
        from at in Gen.Int[0, 30]
        let original = route.Valid()[field]!.GetValue<string>()
        let position = Math.Min(at, original.Length)
        select new MalformedRequest("blank letter, Thai mark or emoji in a code", "POST", route.Path, JsonType, Replace(route.Valid(), field, JsonSerializer.Serialize(original.Insert(position, foreign))));

    private static Gen<MalformedRequest> WrongContentType() =>
        from route in Route
        from type in Pick<string?>(null, "text/plain", "application/xml", "text/html; charset=utf-8", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1", "application/octet-stream", "json", "")
        select new MalformedRequest("wrong content type", "POST", route.Path, type, Utf8(route.Valid()));

    private static Gen<MalformedRequest> WrongMethod() =>
        from pair in Pick(WrongMethods)
        select new MalformedRequest("wrong method", pair.Method, pair.Path, pair.Method is "GET" or "DELETE" ? null : JsonType, pair.Method is "GET" or "DELETE" ? [] : Utf8(ValidComplaint()));

    /// <summary>Codes and ids in the path that cannot exist: with invisible characters, Thai marks, emoji, dots, or far too long.</summary>
    private static Gen<MalformedRequest> GarbagePath() =>
        from segment in Gen.OneOf<string>(
            Pick(Invisible).Select(c => "7K3M9QXW4TNB" + c + "2HRV8PDA"),
            Pick(ThaiMarks).Select(c => "ก" + c + c + c),
            Pick(Emoji).Select(e => "code" + e),
            Gen.Const(".."), Gen.Const("..%2F..%2Fetc%2Fpasswd"), Gen.Const("%2e%2e"), Gen.Const("%C3%28"), Gen.Const("%FF%FE"),
            Gen.Int[65, 1500].Select(n => new string('A', n)),
            Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-_~!$&'()*+,;=:@"], 1, 80])
        from route in Pick(("GET", "api/workshops/{0}"), ("GET", "api/workshops/{0}/registrations"), ("GET", "api/complaints/{0}"))
        select new MalformedRequest("garbage in the path", route.Item1, string.Format(System.Globalization.CultureInfo.InvariantCulture, route.Item2, Escape(segment)), null, []);

    /// <summary>Uploads that must be refused: no file, two files, an empty file, a disguised type, a form that is not one.</summary>
    private static Gen<MalformedRequest> BrokenUpload() =>
        from kind in Gen.Int[0, 6]
        from junk in Gen.Byte.Array[1, 4096]
        select kind switch
        {
            0 => Multipart("upload without a file", ("note", "text.txt", "text/plain", null)),
            1 => Multipart("upload of an empty file", ("file", "empty.pdf", "application/pdf", [])),
            2 => Multipart("upload of HTML named .pdf", ("file", "evidence.pdf", "application/pdf", "<html><script>alert(1)</script></html>"u8.ToArray())),
            3 => Multipart("upload of an executable named .jpg", ("file", "photo.jpg", "image/jpeg", [0x4D, 0x5A, 0x90, 0x00, .. junk])),
            4 => Multipart("upload of random bytes", ("file", "scan.png", "image/png", junk)),
            5 => new MalformedRequest("upload that is not multipart", "POST", "api/attachments", "application/pdf", [.. "%PDF-1.7\n"u8, .. junk]),
            _ => new MalformedRequest("upload with a broken multipart body", "POST", "api/attachments", "multipart/form-data; boundary=abc", [.. "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF"u8, .. junk]),
        };

    /// <summary>LINE deliveries: unsigned, wrongly signed, changed after signing, or signed but not JSON.</summary>
    private static Gen<MalformedRequest> BrokenLineDelivery() =>
        from kind in Gen.Int[0, 4]
        from cut in Gen.Int[0, 80]
        from flip in Gen.Int[0, 60]
        let valid = "{\"destination\":\"U0\",\"events\":[{\"type\":\"message\",\"replyToken\":\"r\",\"source\":{\"type\":\"user\",\"userId\":\"U1\"},\"message\":{\"type\":\"text\",\"id\":\"1\",\"text\":\"แจ้งเบาะแส\"}}]}"u8.ToArray()
        select kind switch
        {
            0 => new MalformedRequest("LINE delivery without a signature", "POST", "api/line/webhook", JsonType, valid),
            1 => new MalformedRequest("LINE delivery with a wrong signature", "POST", "api/line/webhook", JsonType, valid, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
            2 => new MalformedRequest("LINE delivery changed after signing", "POST", "api/line/webhook", JsonType, Flip(valid, flip), Sign(valid)),
            3 => new MalformedRequest("LINE delivery, signed, truncated", "POST", "api/line/webhook", JsonType, valid[..Math.Min(cut, valid.Length - 1)], Sign(valid[..Math.Min(cut, valid.Length - 1)])),
            _ => new MalformedRequest("LINE delivery, signed, invalid UTF-8", "POST", "api/line/webhook", JsonType, [.. valid[..^20], 0xC3, 0x28, .. valid[^20..]], Sign([.. valid[..^20], 0xC3, 0x28, .. valid[^20..]])),
        };

    /// <summary>One of these values, uniformly.</summary>
    private static Gen<T> Pick<T>(params T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static string Sign(byte[] body) => Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(TestKeys.LineChannelSecret), body));

    private static byte[] Flip(byte[] body, int at)
    {
        var changed = body.ToArray();
        changed[at % changed.Length] ^= 0x01;
        return changed;
    }

    private static string Escape(string segment) =>
        segment.Contains('%', StringComparison.Ordinal) || segment == ".." ? segment : Uri.EscapeDataString(segment);

    /// <summary>The valid body with one field's value replaced by raw JSON text (which may itself be invalid).</summary>
    private static byte[] Replace(JsonObject valid, string field, string rawValue)
    {
        const string Marker = "\"__replace_me__\"";
        valid[field] = "__replace_me__";
        return Encoding.UTF8.GetBytes(valid.ToJsonString().Replace(Marker, rawValue, StringComparison.Ordinal));
    }

    /// <summary>The valid body with raw bytes inside one string field's value.</summary>
    private static byte[] ReplaceBytes(JsonObject valid, string field, byte[] bad)
    {
        var json = Encoding.UTF8.GetBytes(valid.ToJsonString());
        var key = Encoding.UTF8.GetBytes($"\"{field}\":\"");
        var at = json.AsSpan().IndexOf(key) + key.Length;
        return [.. json[..at], .. bad, .. json[at..]];
    }

    private static MalformedRequest Multipart(string kind, params (string Name, string FileName, string Type, byte[]? Content)[] parts)
    {
        var body = new List<byte>();
        foreach (var (name, fileName, type, content) in parts)
        {
            body.AddRange(Encoding.UTF8.GetBytes($"--fuzzboundary\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{fileName}\"\r\nContent-Type: {type}\r\n\r\n"));
            body.AddRange(content ?? "just a note"u8.ToArray());
            body.AddRange("\r\n"u8.ToArray());
        }

        body.AddRange("--fuzzboundary--\r\n"u8.ToArray());
        return new MalformedRequest(kind, "POST", "api/attachments", "multipart/form-data; boundary=fuzzboundary", [.. body]);
    }
}
