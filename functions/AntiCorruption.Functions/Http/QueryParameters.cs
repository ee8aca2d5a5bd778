using Microsoft.AspNetCore.Http;

namespace AntiCorruption.Functions.Http;

/// <summary>A request's query as the Core list services read it: a parameter's value, or null when it is absent or empty.</summary>
public static class QueryParameters
{
    public static Func<string, string?> Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return name => request.Query.TryGetValue(name, out var v) && v.ToString().Length > 0 ? v.ToString() : null;
    }
}
