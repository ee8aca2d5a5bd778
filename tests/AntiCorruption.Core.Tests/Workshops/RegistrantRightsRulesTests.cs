using System.Text.Json;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Validation;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Testing;

namespace AntiCorruption.Core.Tests.Workshops;

/// <summary>The pure rules of registrants' rights: what an erasure takes and keeps, how a letter's values are read, how the index keys them.</summary>
public class RegistrantRightsRulesTests
{
    private static JsonElement Body(string json) => JsonDocument.Parse(json).RootElement;

    [Theory]
    [InlineData(RegistrationStatus.Cancelled)]
    [InlineData(RegistrationStatus.Confirmed)]
    [InlineData(RegistrationStatus.Waitlisted)]
    [InlineData(RegistrationStatus.Pending)]
    public void PlanFor_SomeoneWhoNeverAttended_ErasesEveryPersonalFieldAndKeepsTheProvince(RegistrationStatus status)
    {
        var (erased, kept) = RegistrationErasure.PlanFor(status);

        Assert.Equal(["fullName", "position", "agency", "phone", "email", "nationalId"], erased);
        Assert.Equal(["province"], kept);
    }

    [Fact]
    public void PlanFor_SomeoneCheckedIn_KeepsTheAttendanceRecordAndErasesContactsAndNationalId()
    {
        var (erased, kept) = RegistrationErasure.PlanFor(RegistrationStatus.CheckedIn);

        Assert.Equal(["phone", "email", "nationalId"], erased);
        Assert.Equal(["fullName", "position", "agency", "province", "checkedInAt"], kept);
        Assert.Empty(erased.Intersect(kept));
    }

    [Theory]
    [InlineData("""{"phone":"+66 81 234 5678"}""", RegistrantKey.Phone, "0812345678")]
    [InlineData("""{"phone":"081-234-5678"}""", RegistrantKey.Phone, "0812345678")]
    [InlineData("""{"email":"Somchai@Example.GO.TH"}""", RegistrantKey.Email, "somchai@example.go.th")]
    [InlineData("""{"nationalId":"1-1017-00207-03-0"}""", RegistrantKey.NationalId, "1101700207030")]
    public void ReadKey_TheValueAsTheLetterSpellsIt_IsReadAsRegistrationStoresIt(string json, RegistrantKey kind, string value)
    {
        var errors = new ValidationErrors();

        var key = RegistrationDataRequests.ReadKey(Body(json), errors);

        Assert.True(errors.IsEmpty);
        Assert.Equal((kind, value), key);
    }

    [Theory]
    [InlineData("{}", new[] { "email", "nationalId", "phone" })]
    [InlineData("""{"phone":"0812345678","nationalId":"1101700207030"}""", new[] { "nationalId", "phone" })]
    [InlineData("""{"phone":"12345"}""", new[] { "phone" })]
    [InlineData("""{"email":"not an email"}""", new[] { "email" })]
    [InlineData("""{"nationalId":"1101700207031"}""", new[] { "nationalId" })]
    [InlineData("""{"nationalId":1101700207030}""", new[] { "nationalId" })]
    [InlineData("[]", new[] { "body" })]
    public void ReadKey_NoneTwoOrABadValue_NamesTheFields(string json, string[] fields)
    {
        var errors = new ValidationErrors();

        Assert.Null(RegistrationDataRequests.ReadKey(Body(json), errors));
        Assert.Equal(fields, errors.Fields.Order());
    }

    [Fact]
    public void KeyOf_EachKindHasItsOwnPurpose_AndNoKeyIsTheValue()
    {
        // Nothing is read or written: the clients only need to exist.
        var storage = new Core.Storage.StorageAccount(
            new Azure.Data.Tables.TableServiceClient("UseDevelopmentStorage=true"), new Azure.Storage.Queues.QueueServiceClient("UseDevelopmentStorage=true"), new Azure.Storage.Blobs.BlobServiceClient("UseDevelopmentStorage=true"));
        var index = new RegistrantIndex(storage, new KeyedHasher(TestKeys.Pii()));
        var same = "0812345678";

        var keys = new[] { index.KeyOf(RegistrantKey.Phone, same), index.KeyOf(RegistrantKey.Email, same), index.KeyOf(RegistrantKey.NationalId, same) };

        Assert.Equal(3, keys.Distinct().Count());
        Assert.All(keys, k => Assert.Matches("^who-[0-9a-f]{64}$", k));
        Assert.Equal(
            [index.KeyOf(RegistrantKey.Phone, "0812345678"), index.KeyOf(RegistrantKey.Email, "a@example.com")],
            index.KeysOf(new Attendee("ชื่อ", null, null, "TH-80", "0812345678", "a@example.com", null)));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    [InlineData("0123456789abcdef", false)]
    [InlineData("find", false)]
    public void IsValidId_Is64LowercaseHexDigits(string id, bool valid) =>
        Assert.Equal(valid, RegistrationDataRequests.IsValidId(id));
}
