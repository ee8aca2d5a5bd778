namespace AntiCorruption.Core.Validation;

/// <summary>The languages messages are written in: Thai first, English on request.</summary>
public enum Language
{
    Thai,
    English,
}

/// <summary>One message in both languages.</summary>
public sealed record LocalizedText(string Thai, string English)
{
    public string In(Language language) => language == Language.English ? English : Thai;
}
