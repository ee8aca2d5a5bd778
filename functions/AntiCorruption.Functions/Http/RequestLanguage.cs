using AntiCorruption.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AntiCorruption.Functions.Http;

/// <summary>Thai unless <c>Accept-Language</c> prefers English over Thai.</summary>
public static class RequestLanguage
{
    public static Language Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var languages))
        {
            return Language.Thai;
        }

        var best = languages
            .Where(l => (l.Quality ?? 1) > 0 && (IsEnglish(l) || IsThai(l)))
            .OrderByDescending(l => l.Quality ?? 1)
            .FirstOrDefault();
        return best is not null && IsEnglish(best) ? Language.English : Language.Thai;
    }

    private static bool IsEnglish(StringWithQualityHeaderValue l) => l.Value.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    private static bool IsThai(StringWithQualityHeaderValue l) => l.Value.StartsWith("th", StringComparison.OrdinalIgnoreCase);
}
