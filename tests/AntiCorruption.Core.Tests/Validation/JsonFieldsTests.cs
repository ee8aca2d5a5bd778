using System.Text.Json;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Tests.Validation;

public class JsonFieldsTests
{
    private static (string? Value, string[] Errors) Read(string json, bool multiline = false, int maxLength = 100, int minLength = 0)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new ValidationErrors();
        var value = JsonFields.ForBody(document.RootElement, errors)!.Text("name", required: true, maxLength, minLength, multiline: multiline);
        return (value, errors.In(Language.English).TryGetValue("name", out var messages) ? messages : []);
    }

    private static string Json(string text) => JsonSerializer.Serialize(new { name = text });

    [Fact]
    public void Text_EmojiUpToTheLimit_AreCountedAsThePersonSeesThem()
    {
        // 5,001 emoji are 10,002 UTF-16 units: a person sees 5,001 characters.
        var (value, errors) = Read(Json(string.Concat(Enumerable.Repeat("😀", 5001))), multiline: true, maxLength: 10_000, minLength: 20);

        Assert.Empty(errors);
        Assert.Equal(10_002, value!.Length);
    }

    [Fact]
    public void Text_ThaiSyllableWithVowelAndToneMark_IsOneCharacter()
    {
        // "กี่" is one character on screen and three code points: 22 characters seen, 24 stored.
        var text = "กี่ " + new string('x', 20);

        var (value, errors) = Read(Json(text), maxLength: 22);

        Assert.Empty(errors);
        Assert.Equal(text, value);
    }

    [Fact]
    public void Text_OverTheLimitInCharactersSeen_IsTooLong()
    {
        var (_, errors) = Read(Json(string.Concat(Enumerable.Repeat("😀", 101))));

        Assert.Equal([Messages.TooLong(100).English], errors);
    }

    [Fact]
    public void Text_ManyCharactersThatTakeMoreRoomThanLetters_IsRefusedAsTooBigToStore()
    {
        // 100 family emoji are 100 characters seen, but 2,500 bytes: past three bytes a character.
        var (_, errors) = Read(Json(string.Concat(Enumerable.Repeat("👨‍👩‍👧‍👦", 100))), multiline: true);

        Assert.Equal([Messages.TooBigToStore.English], errors);
    }

    [Theory]
    [InlineData("​")]
    [InlineData("‌")]
    [InlineData("⁠")]
    [InlineData("ㅤ")]
    [InlineData("⠀")]
    [InlineData("­")]
    public void Text_InvisibleCharactersOnly_DoNotMakeAMinimum(string invisible)
    {
        var (_, errors) = Read(Json(string.Concat(Enumerable.Repeat(invisible, 30)) + "ก"), multiline: true, minLength: 20);

        Assert.Equal([Messages.TooShort(20).English], errors);
    }

    [Fact]
    public void Text_NothingVisible_IsMissing()
    {
        var (value, errors) = Read(Json("​​ㅤ"));

        Assert.Null(value);
        Assert.Equal([Messages.Required.English], errors);
    }

    [Theory]
    [InlineData("‮")]
    [InlineData("‭")]
    [InlineData("⁧")]
    [InlineData("‏")]
    [InlineData("​")]
    [InlineData("﻿")]
    public void Text_InvisibleFormattingInAShortField_IsRemoved(string format)
    {
        var (value, errors) = Read(Json($"อบต.{format} ท่า{format}ศาลา"));

        Assert.Empty(errors);
        Assert.Equal("อบต. ท่าศาลา", value);
    }

    [Fact]
    public void Text_DirectionOverridesInLongText_AreRemovedAndJoinersKept()
    {
        var (value, _) = Read(Json("ใบเสร็จ ‮เลขที่ 123‬ ครอบครัว 👨‍👩‍👧"), multiline: true);

        Assert.Equal("ใบเสร็จ เลขที่ 123 ครอบครัว 👨‍👩‍👧", value);
    }

    [Fact]
    public void Text_MarksStackedPastWhatWritingUses_AreRefused()
    {
        var zalgo = "ก" + new string('่', 2) + new string('́', 3);

        var (_, errors) = Read(Json($"อบต. {zalgo}"));

        Assert.Equal([Messages.StackedMarks.English], errors);
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
