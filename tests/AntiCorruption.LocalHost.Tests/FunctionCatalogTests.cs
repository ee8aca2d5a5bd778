using System.Reflection;
using System.Text.Json;
using AntiCorruption.Testing;

namespace AntiCorruption.LocalHost.Tests;

public class FunctionCatalogTests
{
    /// <summary>The file the Worker SDK wrote when it built the function app in this configuration.</summary>
    private static string MetadataPath()
    {
        var configuration = typeof(FunctionCatalogTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        return Path.Combine(RepoPaths.Root, "functions", "AntiCorruption.Functions", "bin", configuration, "net10.0", "functions.metadata");
    }

    private static string Row(string name, string entryPoint, string trigger, IEnumerable<string> methods, string? route, string? queue, string? connection, string? schedule) =>
        $"{name} | {entryPoint} | {trigger} | {string.Join(',', methods.Order(StringComparer.Ordinal))} | route={route} | queue={queue} | connection={connection} | schedule={schedule}";

    [Fact]
    public void Discover_FunctionApp_EqualsTheWorkerSdkMetadata()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(MetadataPath()));
        var expected = metadata.RootElement.EnumerateArray().Select(function =>
        {
            var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            string? Get(string name) => trigger.TryGetProperty(name, out var v) ? v.GetString() : null;
            var methods = trigger.TryGetProperty("methods", out var m) ? m.EnumerateArray().Select(x => x.GetString()!.ToLowerInvariant()) : [];
            return Row(function.GetProperty("name").GetString()!, function.GetProperty("entryPoint").GetString()!, trigger.GetProperty("type").GetString()!, methods, Get("route"), Get("queueName"), Get("connection"), Get("schedule"));
        }).Order(StringComparer.Ordinal).ToArray();

        var actual = FunctionCatalog.Discover(LocalFunctionsHost.FunctionsAssembly).Select(f => Row(
            f.Name,
            f.EntryPoint,
            f.Trigger switch { TriggerKind.Http => "httpTrigger", TriggerKind.Queue => "queueTrigger", _ => "timerTrigger" },
            f.HttpMethods,
            f.Route,
            f.QueueName,
            f.Connection,
            f.Schedule)).Order(StringComparer.Ordinal).ToArray();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Discover_TestAssembly_FindsEveryTriggerKind()
    {
        var functions = FunctionCatalog.Discover(typeof(TestFunctions).Assembly).ToDictionary(f => f.Name);

        Assert.Equal(TriggerKind.Queue, functions["AlwaysFails"].Trigger);
        Assert.Equal(TestFunctions.FailingQueue, functions["AlwaysFails"].QueueName);
        Assert.Equal(TriggerKind.Timer, functions["Tick"].Trigger);
        Assert.Equal("%TestSchedule%", functions["Tick"].Schedule);
    }
}
