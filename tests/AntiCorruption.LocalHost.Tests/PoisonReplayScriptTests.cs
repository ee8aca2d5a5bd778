using System.Diagnostics;
using System.Text;
using System.Text.Json;
using AntiCorruption.Core.Operations;
using AntiCorruption.Testing;

namespace AntiCorruption.LocalHost.Tests;

/// <summary>scripts/replay-poison.sh against a stand-in Azure CLI that writes down what it was asked.</summary>
public sealed class PoisonReplayScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("replay-").FullName;

    public PoisonReplayScriptTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "bin"));
        foreach (var (name, script) in new[]
        {
            ("az", "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > \"$CALLS\"\n"),
            ("azd", "#!/usr/bin/env bash\necho stpacctest\n"),
        })
        {
            var path = Path.Combine(_dir, "bin", name);
            File.WriteAllText(path, script);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int ExitCode, string Output, string[] AzArguments) Run(string queue, string? connection)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "scripts", "replay-poison.sh"), queue]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PATH"] = Path.Combine(_dir, "bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["CALLS"] = Path.Combine(_dir, "calls");
        start.Environment.Remove("AZURE_STORAGE_ACCOUNT_NAME");
        start.Environment.Remove("AzureWebJobsStorage");
        if (connection is not null)
        {
            start.Environment["AzureWebJobsStorage"] = connection;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        var calls = Path.Combine(_dir, "calls");
        return (process.ExitCode, output, File.Exists(calls) ? File.ReadAllLines(calls) : []);
    }

    private static string After(string[] arguments, string flag) => arguments[Array.IndexOf(arguments, flag) + 1];

    [Fact]
    public void Replay_InAzure_PutsOneBase64RequestForTheAppWithTheSignedInIdentity()
    {
        var (exitCode, output, az) = Run("complaints", connection: null);

        Assert.True(exitCode == 0, output);
        Assert.Equal(["storage", "message", "put"], az[..3]);
        Assert.Equal(PoisonReplay.RequestsQueue, After(az, "--queue-name"));
        Assert.Equal("stpacctest", After(az, "--account-name"));
        Assert.Equal("login", After(az, "--auth-mode"));
        var request = JsonSerializer.Deserialize<PoisonReplayRequest>(Encoding.UTF8.GetString(Convert.FromBase64String(After(az, "--content"))), AntiCorruption.Core.Json.JsonDefaults.Options)!;
        Assert.Equal("complaints", request.Queue);
        Assert.NotNull(request.Before);
    }

    [Fact]
    public void Replay_WithAConnectionString_UsesIt()
    {
        var (exitCode, output, az) = Run("line-events", "UseDevelopmentStorage=true");

        Assert.True(exitCode == 0, output);
        Assert.Equal("UseDevelopmentStorage=true", After(az, "--connection-string"));
        Assert.DoesNotContain("--auth-mode", az);
    }

    [Fact]
    public void Replay_QueueTheAppDoesNotReplay_IsRefusedWithoutCallingAzure()
    {
        var (exitCode, output, az) = Run("audit-trail", connection: null);

        Assert.Equal(2, exitCode);
        Assert.Contains("complaints, registrations", output, StringComparison.Ordinal);
        Assert.Empty(az);
        Assert.All(PoisonReplay.ReplayableQueues, q => Assert.Contains(q, File.ReadAllText(Path.Combine(RepoPaths.Root, "scripts", "replay-poison.sh")), StringComparison.Ordinal));
    }
}
