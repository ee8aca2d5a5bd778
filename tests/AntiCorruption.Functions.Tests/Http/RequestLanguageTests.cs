using AntiCorruption.Core.Validation;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace AntiCorruption.Functions.Tests.Http;

public class RequestLanguageTests
{
    [Theory]
    [InlineData(null, Language.Thai)]
    [InlineData("", Language.Thai)]
    [InlineData("en", Language.English)]
    [InlineData("en-GB,en;q=0.9", Language.English)]
    [InlineData("th-TH,th;q=0.9,en;q=0.8", Language.Thai)]
    [InlineData("th;q=0.5,en;q=0.9", Language.English)]
    [InlineData("fr-FR,en;q=0.5", Language.English)]
    [InlineData("fr-FR", Language.Thai)]
    [InlineData("en;q=0", Language.Thai)]
    [InlineData("garbage;;;", Language.Thai)]
    public void Of_AcceptLanguage_PicksThaiUnlessEnglishIsPreferred(string? header, Language expected)
    {
        var context = new DefaultHttpContext();
        if (header is not null)
        {
            context.Request.Headers.AcceptLanguage = header;
        }

        Assert.Equal(expected, RequestLanguage.Of(context.Request));
    }
}
