using System.Text.Json;
using AntiCorruption.Core.Validation;
using AntiCorruption.Core.Workshops;

namespace AntiCorruption.Core.Tests.Workshops;

public class ConfirmationCodeRequestTests
{
    private static (string? Code, ValidationErrors Errors) Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new ValidationErrors();
        return (ConfirmationCodeRequest.Read(document.RootElement, errors), errors);
    }

    [Theory]
    [InlineData("{\"confirmationCode\":\"7K3M-9QXW-4TNB-2HRV-8PDA\"}")]
    [InlineData("{\"confirmationCode\":\"7k3m 9qxw 4tnb 2hrv 8pda\"}")]
    [InlineData("{\"confirmationCode\":\"7K3M9QXW4TNB2HRV8PDA\"}")]
    public void Read_ACodeAsTyped_IsTheCanonicalCode(string json)
    {
        var (code, errors) = Read(json);

        Assert.Equal("7K3M-9QXW-4TNB-2HRV-8PDA", code);
        Assert.True(errors.IsEmpty);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"confirmationCode\":null}")]
    [InlineData("{\"confirmationCode\":42}")]
    [InlineData("{\"confirmationCode\":\"NO-SUCH-CODE\"}")]
    [InlineData("{\"confirmationCode\":\"7K3M-9QXW-4TNB-2HRV-8PDA-7K3M\"}")]
    [InlineData("{\"trackingCode\":\"7K3M-9QXW-4TNB-2HRV-8PDA\"}")]
    public void Read_NoCodeOrNotACode_NamesConfirmationCode(string json)
    {
        var (code, errors) = Read(json);

        Assert.Null(code);
        Assert.Contains("confirmationCode", errors.In(Language.English).Keys);
    }

    [Fact]
    public void Read_NotAnObject_IsRefusedWithoutThrowing()
    {
        var (code, errors) = Read("[\"7K3M-9QXW-4TNB-2HRV-8PDA\"]");

        Assert.Null(code);
        Assert.False(errors.IsEmpty);
    }
}
