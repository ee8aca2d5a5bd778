using System.Diagnostics;
using System.Text.Json;
using AntiCorruption.Testing;

namespace AntiCorruption.LocalHost.Tests;

/// <summary>
/// The Bicep CLI (restored from NuGet by infra/tools/BicepCli.csproj) and what it makes of
/// infra/main.bicep: the compiled ARM template the tests read, modules included as nested templates.
/// </summary>
internal static class InfraTemplate
{
    private static readonly Lazy<JsonElement> CompiledMain = new(() => Build(MainFile));

    public static string MainFile => Path.Combine(RepoPaths.Root, "infra", "main.bicep");

    /// <summary>infra/main.bicep compiled once for every test that reads it.</summary>
    public static JsonElement Main => CompiledMain.Value;

    public static string Cli()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(packages, "azure.bicep.commandline.linux-x64", "0.49.2", "tools", "bicep");
        return File.Exists(path) ? path : throw new InvalidOperationException($"The Bicep CLI is not at {path}: run ./test.sh, which restores infra/tools/BicepCli.csproj.");
    }

    private static (int ExitCode, string Output, string Errors) Run(params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(Cli(), arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, errors);
    }

    /// <summary>The compiled template; fails the test on any diagnostic, warnings included (as ./test.sh does).</summary>
    public static JsonElement Build(string file)
    {
        var (exitCode, output, errors) = Run("build", file, "--stdout");
        Assert.True(exitCode == 0 && errors.Length == 0, errors);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    /// <summary>Everything `bicep lint` reports for the file and the modules it uses; empty when clean.</summary>
    public static string Lint(string file)
    {
        var (exitCode, output, errors) = Run("lint", file);
        return exitCode == 0 ? output + errors : $"exit {exitCode}: {output}{errors}";
    }

    /// <summary>
    /// A file that deploys infra/main.bicep as a module with the given parameters set (besides the
    /// required ones), as `azd provision` or `az deployment sub create` would with those values.
    /// </summary>
    public static string Wrapper(string directory, string parameters)
    {
        var main = Path.GetRelativePath(directory, MainFile).Replace('\\', '/');
        var file = Path.Combine(directory, "variant.bicep");
        File.WriteAllText(file, $$"""
            targetScope = 'subscription'

            module environment '{{main}}' = {
              name: 'variant'
              params: {
                environmentName: 'variant'
                location: 'southeastasia'
                formOrigin: 'https://tips.example.go.th'
                staffApiClientId: '00000000-0000-0000-0000-000000000000'
                {{parameters}}
              }
            }

            """);
        return file;
    }

    /// <summary>
    /// What infra/main.bicep deploys with the required parameters set and any others given (numbers
    /// as double), loops expanded and modules followed (<see cref="InfraTemplateEvaluator"/>).
    /// </summary>
    public static IReadOnlyList<InfraTemplateEvaluator.Instance> Deploy(params (string Name, object? Value)[] parameters) =>
        new InfraTemplateEvaluator(Main, Given(parameters)).Deployed().ToList();

    /// <summary>An output of infra/main.bicep (what azd writes into the environment) for those parameters, evaluated as far as it can be before deployment.</summary>
    public static object? Output(string name, params (string Name, object? Value)[] parameters) =>
        new InfraTemplateEvaluator(Main, Given(parameters)).Evaluate(Main.GetProperty("outputs").GetProperty(name).GetProperty("value"));

    private static Dictionary<string, object?> Given((string Name, object? Value)[] parameters)
    {
        var given = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["environmentName"] = "test",
            ["location"] = "southeastasia",
            ["formOrigin"] = "https://tips.example.go.th",
            ["staffApiClientId"] = "22222222-2222-2222-2222-222222222222",
        };
        foreach (var (name, value) in parameters)
        {
            given[name] = value;
        }

        return given;
    }

    /// <summary>Every resource of a compiled template (modules are nested templates), flattened.</summary>
    public static IEnumerable<JsonElement> Resources(JsonElement template) =>
        template.TryGetProperty("resources", out var resources)
            ? (resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value) : resources.EnumerateArray())
                .SelectMany(r => r.TryGetProperty("properties", out var p) && p.TryGetProperty("template", out var nested) ? Resources(nested).Prepend(r) : [r])
            : [];

    public static string Type(this JsonElement resource) => resource.GetProperty("type").GetString()!;

    public static bool IsExisting(this JsonElement resource) => resource.TryGetProperty("existing", out var existing) && existing.GetBoolean();

    /// <summary>The nested template of the module main.bicep declares under that symbolic name.</summary>
    public static JsonElement Module(string symbolicName) =>
        Main.GetProperty("resources").GetProperty(symbolicName).GetProperty("properties").GetProperty("template");
}
