using System.Text;

namespace AntiCorruption.IntegrationTests.OpenApi;

/// <summary>The checker itself, on a small document: what it lets through and what it reports.</summary>
public class OpenApiContractTests
{
    private static readonly OpenApiContract Contract = OpenApiContract.Parse("""
        {
          "openapi": "3.0.3",
          "paths": {
            "/api/things/{id}": {
              "get": {
                "responses": {
                  "200": { "description": "ok", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Thing" } } } },
                  "404": { "description": "missing", "content": { "application/problem+json": { "schema": { "type": "object" } } } }
                }
              },
              "head": { "responses": { "200": { "description": "ok" } } }
            }
          },
          "components": {
            "schemas": {
              "Thing": {
                "type": "object",
                "properties": {
                  "name": { "type": "string" },
                  "kind": { "type": "string", "enum": ["a", "b"], "nullable": true },
                  "at": { "type": "string", "format": "date-time", "nullable": true }
                },
                "required": ["name", "kind", "at"]
              }
            }
          }
        }
        """);

    private static IReadOnlyList<string> Check(string json, int status = 200, string type = "application/json") =>
        Contract.Check("GET /api/things/{id}", status, type, Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Answer_AsDocumented_PassesWithNullsWhereNullable()
    {
        Assert.Empty(Check("""{"name":"x","kind":"a","at":"2026-11-29T10:00:00.1234567+07:00"}"""));
        Assert.Empty(Check("""{"name":"x","kind":null,"at":null}"""));
    }

    [Theory]
    [InlineData("""{"name":null,"kind":"a","at":null}""", "/name")]
    [InlineData("""{"name":"x","kind":"c","at":null}""", "/kind")]
    [InlineData("""{"name":"x","kind":"a","at":"yesterday"}""", "/at")]
    [InlineData("""{"name":"x","kind":"a"}""", "''")]
    [InlineData("""{"name":"x","kind":"a","at":null,"extra":1}""", "/extra")]
    public void Answer_NotAsDocumented_IsReportedWhere(string json, string where)
    {
        Assert.Contains(Check(json), p => p.Contains(where == "''" ? "at ''" : $"at '{where}'", StringComparison.Ordinal));
    }

    [Fact]
    public void StatusOrTypeNotDocumented_IsReported()
    {
        Assert.Contains("status 500 is not documented", Assert.Single(Check("{}", 500)), StringComparison.Ordinal);
        Assert.Contains("answers text/html", Assert.Single(Check("<p>", 200, "text/html")), StringComparison.Ordinal);
        Assert.Empty(Contract.Check("HEAD /api/things/{id}", 200, "application/json", []));
        Assert.Contains("not in the document", Assert.Single(Contract.Check("DELETE /api/things/{id}", 200, null, [])), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET /api/things/{id}", "/api/things/7", true)]
    [InlineData("GET /api/things/{id}", "/api/things/", false)]
    [InlineData("GET /api/things/{id}", "/api/things/7/more", false)]
    public void PathMatches_TheTemplate(string operation, string path, bool matches) =>
        Assert.Equal(matches, OpenApiContract.PathMatches(operation, path));
}
