using System.Text.Json;
using AntiCorruption.Testing;

namespace AntiCorruption.LocalHost.Tests;

public class OpenApiDocumentTests
{
    private static readonly JsonElement Document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "functions", "AntiCorruption.Functions", "Pages", "openapi.json"))).RootElement;

    [Fact]
    public void Paths_AreExactlyTheHttpFunctionsOfTheApp()
    {
        var documented = Document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(method => $"{method.Name.ToUpperInvariant()} {path.Name}"))
            .Order(StringComparer.Ordinal);
        var served = FunctionCatalog.Discover(LocalFunctionsHost.FunctionsAssembly)
            .Where(f => f.Trigger == TriggerKind.Http)
            .SelectMany(f => f.HttpMethods.Select(m => $"{m.ToUpperInvariant()} /api/{f.Route}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(served, documented);
    }

    /// <summary>The audit trail's action filter lists exactly the actions the app records, so every one can be asked for.</summary>
    [Fact]
    public void AuditActionFilter_ListsEveryRecordedAction()
    {
        var filter = Document.GetProperty("paths").GetProperty("/api/staff/audit").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "action").GetProperty("schema").GetProperty("enum").EnumerateArray().Select(a => a.GetString()!);

        Assert.Equal(AntiCorruption.Core.Audit.AuditActions.All.Order(StringComparer.Ordinal), filter.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Generated clients name their methods by <c>operationId</c>: each operation has one, unique,
    /// the function's own name (with "Head" for the HEAD of a page).
    /// </summary>
    [Fact]
    public void EveryOperation_HasTheOperationIdOfItsFunction()
    {
        var documented = Document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(method => (Key: $"{method.Name.ToUpperInvariant()} {path.Name}", Id: method.Value.TryGetProperty("operationId", out var id) ? id.GetString() : null)))
            .ToDictionary(o => o.Key, o => o.Id, StringComparer.Ordinal);
        var expected = FunctionCatalog.Discover(LocalFunctionsHost.FunctionsAssembly)
            .Where(f => f.Trigger == TriggerKind.Http)
            .SelectMany(f => f.HttpMethods.Select(m => (Key: $"{m.ToUpperInvariant()} /api/{f.Route}", Id: char.ToLowerInvariant(f.Name[0]) + f.Name[1..] + (m.Equals("head", StringComparison.OrdinalIgnoreCase) ? "Head" : ""))))
            .ToDictionary(o => o.Key, o => (string?)o.Id, StringComparer.Ordinal);

        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), documented.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Equal(documented.Count, documented.Values.Distinct().Count());
    }

    /// <summary>
    /// Tracking and confirmation codes are bearer secrets, and URLs end up in access logs,
    /// telemetry and browser history: no route takes one in its path. Checked on the document's
    /// path templates and declared path parameters, and on the routes the app serves.
    /// </summary>
    [Fact]
    public void NoPath_TakesACodeAsAPathParameter()
    {
        static bool IsCode(string name) => name.Contains("code", StringComparison.OrdinalIgnoreCase);
        var offending = new List<string>();
        foreach (var path in Document.GetProperty("paths").EnumerateObject())
        {
            offending.AddRange(System.Text.RegularExpressions.Regex.Matches(path.Name, @"\{([^}]+)\}").Select(m => m.Groups[1].Value).Where(IsCode).Select(n => $"{path.Name}: {{{n}}}"));
            var levels = path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object).Select(o => o.Value).Prepend(path.Value);
            foreach (var level in levels)
            {
                if (!level.TryGetProperty("parameters", out var parameters))
                {
                    continue;
                }

                offending.AddRange(parameters.EnumerateArray()
                    .Where(p => p.TryGetProperty("in", out var where) && where.GetString() == "path" && IsCode(p.GetProperty("name").GetString()!))
                    .Select(p => $"{path.Name}: path parameter {p.GetProperty("name").GetString()}"));
            }
        }

        offending.AddRange(FunctionCatalog.Discover(LocalFunctionsHost.FunctionsAssembly)
            .Where(f => f.Trigger == TriggerKind.Http && f.Route is not null)
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(f.Route!, @"\{([^}:?]+)").Select(m => (f.Name, Parameter: m.Groups[1].Value)))
            .Where(r => IsCode(r.Parameter))
            .Select(r => $"{r.Name} serves a route with {{{r.Parameter}}}"));

        Assert.Empty(offending);
    }

    /// <summary>OpenAPI 3 allows scopes only on OAuth2 and OpenID schemes: the roles a staff operation needs are in its description.</summary>
    [Fact]
    public void StaffOperations_DeclareBearerWithoutScopesAndNameTheirRoles()
    {
        foreach (var path in Document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/staff/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var requirement = Assert.Single(operation.Value.GetProperty("security").EnumerateArray());
                Assert.Empty(requirement.GetProperty("staffBearer").EnumerateArray());
                Assert.StartsWith("Roles: ", operation.Value.GetProperty("description").GetString(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Document_ParsesWithMicrosoftOpenApiWithoutErrorsAndListsEveryRoute()
    {
        var result = Microsoft.OpenApi.OpenApiDocument.Parse(Document.GetRawText(), "json");
        var routes = FunctionCatalog.Discover(LocalFunctionsHost.FunctionsAssembly).Where(f => f.Trigger == TriggerKind.Http).Select(f => "/api/" + f.Route).Distinct();

        Assert.Empty(result.Diagnostic?.Errors ?? []);
        Assert.NotNull(result.Document);
        Assert.Equal(routes.Order(StringComparer.Ordinal), result.Document.Paths.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryReference_Resolves()
    {
        var schemas = Document.GetProperty("components").GetProperty("schemas");
        var references = new List<string>();
        void Walk(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name == "$ref")
                    {
                        references.Add(p.Value.GetString()!);
                    }

                    Walk(p.Value);
                }
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray())
                {
                    Walk(item);
                }
            }
        }

        Walk(Document);

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.True(schemas.TryGetProperty(r["#/components/schemas/".Length..], out _), r));
    }

    [Fact]
    public void EveryOperation_DocumentsItsErrorsAsProblemJson()
    {
        Assert.StartsWith("3.", Document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        foreach (var path in Document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5' && path.Name != "/api/health"))
                {
                    Assert.True(response.Value.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{operation.Name} {path.Name} {response.Name}");
                }
            }
        }
    }
}
