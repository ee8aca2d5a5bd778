using System.Text.Json;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Tests.Validation;

public class JsonFieldsTests
{
    private static (string? Value, string[] Errors) Read(string json, bool multiline = false)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new ValidationErrors();
        var value = JsonFields.ForBody(document.RootElement, errors)!.Text("name", required: true, 100, multiline: multiline);
        return (value, errors.In(Language.English).TryGetValue("name", out var messages) ? messages : []);
    }

    [Theory]
    [InlineData("{\"name\":\"\\ud83d\"}")]
    [InlineData("{\"name\":\"ok \\ude00 ok\"}")]
    public void Text_LoneSurrogate_IsRefusedNotThrown(string json)
    {
        var (value, errors) = Read(json);

        Assert.Null(value);
        Assert.Equal([Messages.BrokenText.English], errors);
    }

    [Theory]
    [InlineData("{\"name\":\"TH-80\\u000b\"}")]
    [InlineData("{\"name\":\"\\u001fTH-80\"}")]
    [InlineData("{\"name\":\"TH-80\\u0085\"}")]
    public void Text_ControlCharacterAtAnEnd_IsRefusedNotTrimmedAway(string json)
    {
        var (value, errors) = Read(json, multiline: true);

        Assert.Null(value);
        Assert.Equal([Messages.ControlCharacters.English], errors);
    }

    [Fact]
    public void Text_SpacesAndLineBreaksAtTheEnds_AreTrimmed()
    {
        var (value, errors) = Read("{\"name\":\"  สมชาย ใจดี\\r\\n\\t\"}");

        Assert.Equal("สมชาย ใจดี", value);
        Assert.Empty(errors);
    }
}
