using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Tests.Validation;

public class ContactFormatsTests
{
    [Theory]
    [InlineData("0812345678", "0812345678")]
    [InlineData("081-234-5678", "0812345678")]
    [InlineData("081 234 5678", "0812345678")]
    [InlineData("+66 81 234 5678", "0812345678")]
    [InlineData("+66812345678", "0812345678")]
    [InlineData("0612345678", "0612345678")]
    [InlineData("0912345678", "0912345678")]
    [InlineData("02 123 4567", "021234567")]
    [InlineData("(075) 123456", "075123456")]
    public void TryNormalizeThaiPhone_ValidNumber_GivesNationalForm(string input, string expected)
    {
        Assert.True(ContactFormats.TryNormalizeThaiPhone(input, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("1206")]
    [InlineData("081234567")]
    [InlineData("08123456789")]
    [InlineData("0112345678")]
    [InlineData("+1 812 345 6789")]
    [InlineData("08x2345678")]
    [InlineData("๐๘๑๒๓๔๕๖๗๘")]
    [InlineData("0212345678")]
    public void TryNormalizeThaiPhone_NotAThaiNumber_IsFalse(string input)
    {
        Assert.False(ContactFormats.TryNormalizeThaiPhone(input, out _));
    }

    [Theory]
    [InlineData("somchai@example.com", true)]
    [InlineData("s.jaidee+pacc@mail.go.th", true)]
    [InlineData("ผู้ใช้@ตัวอย่าง.ไทย", true)]
    [InlineData("no-at-sign.example.com", false)]
    [InlineData("a@b", false)]
    [InlineData("a b@example.com", false)]
    [InlineData("a@example..com", false)]
    public void IsEmail_Judges(string input, bool expected)
    {
        Assert.Equal(expected, ContactFormats.IsEmail(input));
    }

    [Theory]
    [InlineData("U4af4980629a8c2d7c3f1e2d3b4a5c6d7", true)]
    [InlineData("u4af4980629a8c2d7c3f1e2d3b4a5c6d7", false)]
    [InlineData("U4af4980629", false)]
    public void IsLineUserId_Judges(string input, bool expected)
    {
        Assert.Equal(expected, ContactFormats.IsLineUserId(input));
    }
}

public class ThaiNationalIdTests
{
    [Theory]
    [InlineData("1101700230708", true)]
    [InlineData("1-1017-00230-70-8", true)]
    [InlineData("3 1006 01234 56 7", false)]
    [InlineData("1101700230707", false)]
    [InlineData("110170023070", false)]
    [InlineData("11017002307088", false)]
    [InlineData("110170023070A", false)]
    public void TryNormalizeThaiNationalId_ChecksTheCheckDigit(string input, bool valid)
    {
        Assert.Equal(valid, ContactFormats.TryNormalizeThaiNationalId(input, out var normalized));
        if (valid)
        {
            Assert.Equal("1101700230708", normalized);
        }
    }

    [Fact]
    public void TryNormalizeThaiNationalId_EveryWrongCheckDigit_IsRefused()
    {
        // For a twelve-digit stem exactly one of the ten last digits is right.
        var stem = "310060123456";
        Assert.Equal(1, Enumerable.Range(0, 10).Count(d => ContactFormats.TryNormalizeThaiNationalId(stem + d, out _)));
    }
}
