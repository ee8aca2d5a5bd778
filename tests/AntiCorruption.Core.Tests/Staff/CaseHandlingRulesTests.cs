using System.Text.Json;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Validation;
using AntiCorruption.Testing;

namespace AntiCorruption.Core.Tests.Staff;

/// <summary>The pure rules of assignment, links and reclassification, without storage.</summary>
public class CaseHandlingRulesTests
{
    private static readonly ReferenceCatalog Catalog = SeedLoader.Load(RepoPaths.Seeds);

    private static readonly StaffMember Officer = new("officer.with.dots", "เจ้าหน้าที่ เขต 8", new HashSet<string> { StaffRoles.ComplaintsManage, "Region.8" });

    private static JsonElement Body(string json) => JsonDocument.Parse(json).RootElement;

    private static ComplaintEntity Case(string province = "TH-80", int region = 8, string? assignee = null) =>
        new() { ComplaintId = "01J00000000000000000000000", Category = "bribery", Province = province, Region = region, Agency = "อบต. ทดสอบ", Assignee = assignee, Status = "registered" };

    [Theory]
    [InlineData("3f2b8c1e-9a4d-4e6b-8f0a-1c2d3e4f5a6b", true)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAKxs_hM-abcdefg", true)]
    [InlineData("a", true)]
    [InlineData("", false)]
    [InlineData("name@example.go.th", false)]
    [InlineData("officer 8", false)]
    [InlineData("ชื่อ", false)]
    [InlineData("x' or Assignee ne '", false)]
    public void IsValid_StaffIdShapes(string id, bool valid)
    {
        Assert.Equal(valid, StaffIds.IsValid(id));
    }

    [Fact]
    public void IsValid_LongerThan128_IsRefused()
    {
        Assert.True(StaffIds.IsValid(new string('a', 128)));
        Assert.False(StaffIds.IsValid(new string('a', 129)));
    }

    [Theory]
    [InlineData("""{"assignee":"me"}""", true, "officer.with.dots")]
    [InlineData("""{"assignee":null}""", true, null)]
    [InlineData("""{"assignee":"colleague_9"}""", true, "colleague_9")]
    [InlineData("""{}""", false, null)]
    [InlineData("""{"assignee":""}""", false, null)]
    [InlineData("""{"assignee":"not an id"}""", false, null)]
    [InlineData("""{"assignee":false}""", false, null)]
    public void ReadAssignee_MeAnIdOrAnExplicitNull(string json, bool given, string? expected)
    {
        var errors = new ValidationErrors();

        var (ok, assignee) = CaseAssignment.ReadAssignee(Officer, Body(json), errors);

        Assert.Equal(given, ok);
        Assert.Equal(expected, assignee);
        Assert.Equal(given ? [] : ["assignee"], errors.Fields);
    }

    [Fact]
    public void ListFilter_Unassigned_MatchesRowsWithoutAnAssigneeOnly()
    {
        var filter = new ComplaintListFilter(Unassigned: true);

        Assert.True(filter.Matches(Case(assignee: null)));
        Assert.True(filter.Matches(Case(assignee: "")));
        Assert.False(filter.Matches(Case(assignee: "officer-8")));
        Assert.DoesNotContain(filter.ToQueryFilters(), f => f.Contains("Assignee", StringComparison.Ordinal));
    }

    [Fact]
    public void ListFilter_AnAssignee_IsATableFilterWithTheValueQuoted()
    {
        var filter = new ComplaintListFilter(Assignee: "o'brien");

        Assert.Contains("Assignee eq 'o''brien'", filter.ToQueryFilters());
        Assert.True(filter.Matches(Case(assignee: "someone-else")), "the table does the matching; nothing is left out after it");
    }

    [Theory]
    [InlineData(CaseRelation.DuplicateOf, CaseRelation.DuplicatedBy)]
    [InlineData(CaseRelation.DuplicatedBy, CaseRelation.DuplicateOf)]
    [InlineData(CaseRelation.Related, CaseRelation.Related)]
    public void Inverse_IsTheLinkSeenFromTheOtherCase(CaseRelation relation, CaseRelation seenFromTheOther)
    {
        Assert.Equal(seenFromTheOther, CaseLinks.Inverse(relation));
        Assert.Equal(relation, CaseLinks.Inverse(CaseLinks.Inverse(relation)));
    }

    [Fact]
    public void ChangesTo_AProvinceOfAnotherRegion_MovesTheRegionAndDropsTheAssignee()
    {
        var complaint = Case(assignee: "officer-8");
        var wanted = new Reclassification("ที่ตั้งหน่วยงานอยู่ในสงขลา", Category: "procurement", Province: "TH-90", Agency: null);

        var changes = wanted.ChangesTo(complaint, Catalog);
        wanted.ApplyTo(complaint, Catalog);

        Assert.Equal(
            [new FieldChange("category", "bribery", "procurement"), new FieldChange("province", "TH-80", "TH-90"), new FieldChange("region", "8", "9"), new FieldChange("assignee", "officer-8", null)],
            changes);
        Assert.Equal(("procurement", "TH-90", 9, (string?)null), (complaint.Category, complaint.Province, complaint.Region, complaint.Assignee));
        Assert.Empty(wanted.ChangesTo(complaint, Catalog));
    }

    [Fact]
    public void ChangesTo_AProvinceOfTheSameRegion_KeepsRegionAndAssignee()
    {
        var complaint = Case(assignee: "officer-8");
        var wanted = new Reclassification("จังหวัดผิด ที่ถูกคือกระบี่", Category: null, Province: "TH-81", Agency: "อบต. ทดสอบ");

        Assert.Equal([new FieldChange("province", "TH-80", "TH-81")], wanted.ChangesTo(complaint, Catalog));
        wanted.ApplyTo(complaint, Catalog);
        Assert.Equal((8, "officer-8"), (complaint.Region, complaint.Assignee));
    }

    [Fact]
    public void Read_ProvinceInLowerCase_IsTheIsoCode()
    {
        var errors = new ValidationErrors();

        var wanted = CaseReclassification.Read(Body("""{"reason":"ย้ายไปจังหวัดที่ถูกต้อง","province":"th-90"}"""), Catalog, errors);

        Assert.True(errors.IsEmpty);
        Assert.Equal("TH-90", wanted!.Province);
    }

    [Theory]
    [InlineData("""{"category":"procurement"}""", "reason")]
    [InlineData("""{"reason":"สั้นไป","category":"procurement"}""", "reason")]
    [InlineData("""{"reason":"เปลี่ยนประเภทให้ถูกต้อง","category":"gossip"}""", "category")]
    [InlineData("""{"reason":"ย้ายไปจังหวัดที่ถูกต้อง","province":"TH-99"}""", "province")]
    [InlineData("""{"reason":"ย้ายไปจังหวัดที่ถูกต้อง","province":7}""", "province")]
    [InlineData("""{"reason":"ไม่ได้ระบุสิ่งที่จะเปลี่ยน","category":null}""", "agency,category,province")]
    [InlineData("""{"reason":"ไม่ได้ระบุสิ่งที่จะเปลี่ยน","agency":"   "}""", "agency,category,province")]
    public void Read_BadBodies_NameTheField(string json, string fields)
    {
        var errors = new ValidationErrors();

        Assert.Null(CaseReclassification.Read(Body(json), Catalog, errors));
        Assert.Equal(fields.Split(','), errors.Fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void StatusChange_FromARowWrittenBeforeReclassification_IsAStatusStep()
    {
        var old = JsonSerializer.Deserialize<StatusChange>("""{"status":"under_review","at":"2026-11-01T03:00:00+00:00","note":"บันทึก","public":false,"by":"officer-old"}""", Core.Json.JsonDefaults.Options)!;

        Assert.True(old.IsStatusStep);
        Assert.Null(old.Changes);
        Assert.False(new StatusChange(ComplaintStatus.Registered, new DateTimeOffset(2026, 11, 2, 3, 0, 0, TimeSpan.Zero), Changes: [new FieldChange("category", "a", "b")]).IsStatusStep);
    }
}
