using System.Text.Json;
using System.Text.Json.Nodes;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Validation;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Testing;

namespace AntiCorruption.Core.Tests.Workshops;

public class WorkshopValidatorTests
{
    private static readonly ReferenceCatalog Catalog = SeedLoader.Load(RepoPaths.Seeds);
    private readonly WorkshopValidator _validator = new(Catalog);

    /// <summary>A valid create body: a one-day workshop in Krabi on 20 January 2027, Bangkok time.</summary>
    private static JsonObject Body() => new()
    {
        ["title"] = "อบรมเชิงปฏิบัติการคลินิกส่งเสริมธรรมาภิบาล",
        ["province"] = "TH-81",
        ["venue"] = "ห้องประชุมศาลากลางจังหวัดกระบี่",
        ["startsAt"] = "2027-01-20T09:00:00+07:00",
        ["endsAt"] = "2027-01-20T16:00:00+07:00",
        ["capacity"] = 40,
        ["registrationDeadline"] = "2027-01-15T17:00:00+07:00",
    };

    private (WorkshopEntity? Workshop, ValidationErrors Errors) Read(JsonNode body, WorkshopEntity? existing = null)
    {
        using var document = JsonDocument.Parse(body.ToJsonString());
        var errors = new ValidationErrors();
        var workshop = _validator.Read(JsonFields.ForBody(document.RootElement, errors)!, existing);
        return (workshop, errors);
    }

    [Fact]
    public void Read_ValidBody_TakesFiscalYearAndRegionFromStartAndProvince()
    {
        var (workshop, errors) = Read(Body());

        Assert.True(errors.IsEmpty);
        Assert.Equal(2570, workshop!.FiscalYear);
        Assert.Equal(8, workshop.Region);
    }

    [Fact]
    public void Read_StartInABuddhistEraYear_IsRefusedOnStartsAtInThaiAndEnglish()
    {
        var body = Body();
        body["startsAt"] = "2570-01-20T09:00:00+07:00";
        body["endsAt"] = "2570-01-20T16:00:00+07:00";

        var (workshop, errors) = Read(body);

        Assert.Null(workshop);
        Assert.Equal(["endsAt", "startsAt"], errors.Fields.Order(StringComparer.Ordinal));
        Assert.Equal("ปี 2570 เป็นปี พ.ศ. กรุณาระบุเป็นปี ค.ศ. (2027)", errors.In(Language.Thai)["startsAt"].Single());
        Assert.Equal("2570 is a Buddhist Era year: write the Common Era year (2027).", errors.In(Language.English)["startsAt"].Single());
    }

    [Theory]
    [InlineData("startsAt", "2570-01-10T09:00:00+07:00", "2570 is a Buddhist Era year: write the Common Era year (2027).")]
    [InlineData("endsAt", "2570-01-20T16:00:00+07:00", "2570 is a Buddhist Era year: write the Common Era year (2027).")]
    [InlineData("registrationDeadline", "2569-12-31T17:00:00+07:00", "2569 is a Buddhist Era year: write the Common Era year (2026).")]
    [InlineData("registrationDeadline", "2500-01-01T00:00:00Z", "2500 is a Buddhist Era year: write the Common Era year (1957).")]
    [InlineData("endsAt", "2700-12-31T23:59:59+07:00", "2700 is a Buddhist Era year: write the Common Era year (2157).")]
    public void Read_AnyTimeInABuddhistEraYear_IsRefusedOnThatField(string field, string value, string message)
    {
        var body = Body();
        body[field] = value;

        var (workshop, errors) = Read(body);

        Assert.Null(workshop);
        Assert.Equal([field], errors.Fields);
        Assert.Equal(message, errors.In(Language.English)[field].Single());
    }

    [Fact]
    public void Read_ChangeToABuddhistEraYear_IsRefused()
    {
        var (existing, _) = Read(Body());

        var (changed, errors) = Read(new JsonObject { ["startsAt"] = "2570-01-20T09:00:00+07:00" }, existing);

        Assert.Null(changed);
        Assert.Equal(["startsAt"], errors.Fields);
    }

    [Theory]
    [InlineData("2157-09-30T23:59:59+07:00", false)]
    [InlineData("2157-10-01T00:00:00+07:00", true)]
    [InlineData("2300-01-01T09:00:00+07:00", true)]
    [InlineData("1956-10-01T00:00:00+07:00", false)]
    [InlineData("1956-09-30T23:59:59+07:00", true)]
    public void Read_StartOutsideFiscalYears2500To2700_IsRefused(string startsAt, bool refused)
    {
        var body = Body();
        body["startsAt"] = startsAt;

        var (_, errors) = Read(body);

        Assert.Equal(refused ? ["Must fall within fiscal years 2500 to 2700 (Buddhist Era)."] : [], errors.In(Language.English).TryGetValue("startsAt", out var messages) ? messages : []);
    }

    [Fact]
    public void Read_ChangeToAWorkshopStoredWithABuddhistEraStart_IsRefusedUntilTheStartIsPutRight()
    {
        var stored = new WorkshopEntity
        {
            Title = "อบรม", Province = "TH-81", Venue = "กระบี่", Capacity = 40, FiscalYear = 3113,
            StartsAt = new DateTimeOffset(2570, 1, 20, 2, 0, 0, TimeSpan.Zero),
            EndsAt = new DateTimeOffset(2570, 1, 20, 9, 0, 0, TimeSpan.Zero),
            RegistrationDeadline = new DateTimeOffset(2570, 1, 15, 10, 0, 0, TimeSpan.Zero),
        };

        var (capacityOnly, errors) = Read(new JsonObject { ["capacity"] = 50 }, stored);
        var (putRight, _) = Read(Body(), stored);

        Assert.Null(capacityOnly);
        Assert.Equal(["startsAt"], errors.Fields);
        Assert.Equal(2570, putRight!.FiscalYear);
    }
}
