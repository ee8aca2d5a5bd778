using System.Text.Json;
using System.Text.Json.Nodes;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Validation;
using AntiCorruption.Testing;
using static AntiCorruption.Core.Tests.Complaints.ComplaintBodies;

namespace AntiCorruption.Core.Tests.Complaints;

public class ComplaintValidatorTests
{
    private static readonly ReferenceCatalog Catalog = SeedLoader.Load(RepoPaths.Seeds);

    // 26 Nov 2026 20:00 UTC is already 27 Nov in Bangkok.
    private readonly ComplaintValidator _validator = new(Catalog, new FixedTime(new DateTimeOffset(2026, 11, 26, 20, 0, 0, TimeSpan.Zero)));

    private ComplaintSubmission? Validate(JsonNode body, out ValidationErrors errors) => _validator.Validate(Element(body), out errors);

    private IDictionary<string, string[]> ErrorsOf(JsonNode body, Language language = Language.English)
    {
        Assert.Null(Validate(body, out var errors));
        return errors.In(language);
    }

    [Fact]
    public void Validate_AnonymousMinimal_IsAccepted()
    {
        var submission = Validate(Anonymous(), out var errors);

        Assert.True(errors.IsEmpty);
        Assert.NotNull(submission);
        Assert.True(submission.Anonymous);
        Assert.Null(submission.Reporter);
        Assert.Equal("TH-80", submission.Province);
        Assert.Empty(submission.AttachmentIds);
    }

    [Fact]
    public void Validate_Named_NormalisesContactDetails()
    {
        var submission = Validate(Named(), out _)!;

        Assert.Equal(new ReporterDetails("สมชาย ใจดี", "0812345678", "somchai@example.com", null), submission.Reporter);
        Assert.Equal(new DateOnly(2026, 10, 15), submission.IncidentDate);
        Assert.Equal(1250000.5m, submission.AmountThb);
        Assert.Equal(new GeoPoint(13.75, 100.5), submission.Details.Location);
        Assert.True(submission.Consent);
    }

    [Fact]
    public void Validate_EmptyObject_NamesEveryRequiredField()
    {
        var errors = ErrorsOf(new JsonObject());

        Assert.Equal(["agency", "anonymous", "category", "description", "province"], errors.Keys.Order().ToArray());
    }

    [Fact]
    public void Validate_ThaiByDefault_EnglishOnRequest()
    {
        var body = Anonymous();
        body.Remove("agency");

        Assert.Equal("จำเป็นต้องกรอกข้อมูลนี้", ErrorsOf(body, Language.Thai)["agency"].Single());
        Assert.Equal("This field is required.", ErrorsOf(body, Language.English)["agency"].Single());
    }

    [Theory]
    [InlineData("category", "\"bribes\"")]
    [InlineData("category", "7")]
    [InlineData("province", "\"TH-99\"")]
    [InlineData("province", "\"Bangkok\"")]
    [InlineData("agency", "\"\"")]
    [InlineData("agency", "[\"x\"]")]
    [InlineData("description", "\"สั้นไป\"")]
    [InlineData("description", "{}")]
    [InlineData("incidentDate", "\"2026-02-30\"")]
    [InlineData("incidentDate", "\"15/10/2569\"")]
    [InlineData("incidentDate", "\"2026-11-28\"")]
    [InlineData("incidentDate", "\"1900-01-01\"")]
    [InlineData("amountThb", "-1")]
    [InlineData("amountThb", "\"100\"")]
    [InlineData("amountThb", "1e300")]
    [InlineData("anonymous", "\"true\"")]
    [InlineData("anonymous", "1")]
    [InlineData("location", "\"13.7,100.5\"")]
    [InlineData("location.latitude", "91")]
    [InlineData("location.longitude", "\"east\"")]
    [InlineData("subject", "\"bell\\u0007\"")]
    [InlineData("attachmentIds", "\"abc\"")]
    [InlineData("attachmentIds[0]", "[\"not-an-id\"]")]
    [InlineData("attachmentIds[1]", "[\"0123456789abcdef0123456789abcdef\",\"0123456789ABCDEF0123456789ABCDEF\"]")]
    [InlineData("attachmentIds[0]", "[7]")]
    public void Validate_OneBadField_IsNamedByItsPath(string path, string json)
    {
        var body = Anonymous();
        if (path == "location.latitude" || path == "location.longitude")
        {
            body["location"] = new JsonObject { ["latitude"] = 10, ["longitude"] = 100 };
            body["location"]![path.Split('.')[1]] = JsonNode.Parse(json);
        }
        else
        {
            body[path.Split('[')[0]] = JsonNode.Parse(json);
        }

        var errors = ErrorsOf(body);

        Assert.Equal([path], errors.Keys.ToArray());
    }

    [Fact]
    public void Validate_DescriptionAtTheLimits_IsJudgedInCharacters()
    {
        var body = Anonymous();
        body["description"] = new string('ก', ComplaintLimits.DescriptionMax);
        Assert.NotNull(Validate(body, out _));

        body["description"] = new string('ก', ComplaintLimits.DescriptionMax + 1);
        Assert.Equal("Must be at most 10,000 characters.", ErrorsOf(body)["description"].Single());

        body["description"] = "  " + new string('ก', 19) + "  ";
        Assert.Equal("Must be at least 20 characters.", ErrorsOf(body)["description"].Single());
    }

    [Fact]
    public void Validate_DescriptionWithLineBreaks_IsAccepted()
    {
        var body = Anonymous();
        body["description"] = "บรรทัดแรกของเรื่อง\nบรรทัดที่สอง\tมีแท็บ";

        Assert.NotNull(Validate(body, out _));
    }

    [Fact]
    public void Validate_IncidentToday_InBangkok_IsNotTheFuture()
    {
        var body = Anonymous();
        body["incidentDate"] = "2026-11-27";

        Assert.NotNull(Validate(body, out _));
    }

    [Fact]
    public void Validate_IncidentDateInABuddhistEraYear_IsRefusedAsSuch()
    {
        var body = Anonymous();
        body["incidentDate"] = "2569-11-27";

        Assert.Equal("2569 is a Buddhist Era year: write the Common Era year (2026).", ErrorsOf(body)["incidentDate"].Single());
        Assert.Equal("ปี 2569 เป็นปี พ.ศ. กรุณาระบุเป็นปี ค.ศ. (2026)", ErrorsOf(body, Language.Thai)["incidentDate"].Single());
    }

    [Fact]
    public void Validate_AnonymousWithReporterDetails_IsRefused()
    {
        var body = Anonymous();
        body["reporter"] = new JsonObject { ["name"] = "สมชาย" };

        Assert.Equal(["reporter"], ErrorsOf(body).Keys.ToArray());
    }

    [Fact]
    public void Validate_AnonymousWithEmptyReporter_IsAccepted()
    {
        var body = Anonymous();
        body["reporter"] = new JsonObject { ["name"] = "", ["phone"] = null };

        var submission = Validate(body, out _);

        Assert.NotNull(submission);
        Assert.Null(submission.Reporter);
    }

    [Fact]
    public void Validate_NamedWithoutReporter_NeedsReporterAndConsent()
    {
        var body = Named();
        body.Remove("reporter");
        body.Remove("consent");

        Assert.Equal(["consent", "reporter"], ErrorsOf(body).Keys.Order().ToArray());
    }

    [Fact]
    public void Validate_NamedWithoutPhoneOrEmail_AsksForOne()
    {
        var body = Named();
        body["reporter"] = new JsonObject { ["name"] = "สมชาย" };

        var errors = ErrorsOf(body);

        Assert.Equal(["reporter.email", "reporter.phone"], errors.Keys.Order().ToArray());
        Assert.Equal("Give a phone number or an email address.", errors["reporter.phone"].Single());
    }

    [Fact]
    public void Validate_NamedWithConsentFalse_IsRefused()
    {
        var body = Named();
        body["consent"] = false;

        Assert.Equal(["consent"], ErrorsOf(body).Keys.ToArray());
    }

    [Fact]
    public void Validate_BadContactDetails_AreEachNamed()
    {
        var body = Named();
        body["reporter"] = new JsonObject { ["name"] = "สมชาย", ["phone"] = "12345", ["email"] = "not-an-email", ["lineUserId"] = "someone" };

        Assert.Equal(["reporter.email", "reporter.lineUserId", "reporter.phone"], ErrorsOf(body).Keys.Order().ToArray());
    }

    [Fact]
    public void Validate_ElevenAttachments_IsTooMany()
    {
        var body = Anonymous();
        body["attachmentIds"] = new JsonArray(Enumerable.Range(0, 11).Select(_ => (JsonNode?)Guid.NewGuid().ToString("N")).ToArray());

        Assert.Equal("Must have at most 10 items.", ErrorsOf(body)["attachmentIds"].Single());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void Validate_BodyNotAnObject_IsNamedBody(string json)
    {
        Assert.Null(_validator.Validate(JsonDocument.Parse(json).RootElement, out var errors));
        Assert.Equal(["body"], errors.Fields.ToArray());
    }

    [Fact]
    public void Validate_TextIsTrimmedAndNormalisedToNfc()
    {
        var body = Anonymous();
        body["agency"] = "  Cafe\u0301  ";

        Assert.Equal("Café", Validate(body, out _)!.Agency);
    }

    [Fact]
    public void Validate_LowercaseProvinceCode_IsAccepted()
    {
        var body = Anonymous();
        body["province"] = "th-81";

        Assert.Equal("TH-81", Validate(body, out _)!.Province);
    }
}
