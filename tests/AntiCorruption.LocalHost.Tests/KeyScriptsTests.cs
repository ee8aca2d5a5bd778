using System.Diagnostics;
using System.Text;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Testing;
using Microsoft.Extensions.Options;

namespace AntiCorruption.LocalHost.Tests;

/// <summary>
/// scripts/ensure-secrets.sh (azd's postprovision hook) and scripts/rotate-pii-key.sh against a
/// stand-in for the Azure CLI that keeps a vault's secrets in files: a second provision changes
/// nothing, and after rotations the app's key options open what the first key sealed.
/// </summary>
public sealed class KeyScriptsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vault-").FullName;

    private const string FakeAz = """
        #!/usr/bin/env bash
        # az keyvault secret show|set|list --vault-name V --name N [--value X] ...: one file per secret;
        # az keyvault list-deleted: the names in the file "deleted" (the query counts the one asked for).
        # az storage blob metadata show ... --query Q: the line Q=... of the file "blob-metadata" (no file: no blob).
        set -euo pipefail
        if [ "$1" = "storage" ]; then
          echo "$*" >> "$VAULT_DIR/calls"
          query=""; while [ $# -gt 0 ]; do case "$1" in --query) query=$2; shift;; esac; shift; done
          [ -f "$VAULT_DIR/blob-metadata" ] || { echo "ERROR: The specified blob does not exist." >&2; exit 3; }
          sed -n "s/^$query=//p" "$VAULT_DIR/blob-metadata"
          exit 0
        fi
        if [ "$2" = "list-deleted" ]; then
          wanted=$(sed -n "s/.*name=='\([^']*\)'.*/\1/p" <<<"$*")
          grep -cx "$wanted" "$VAULT_DIR/deleted" 2>/dev/null || true
          exit 0
        fi
        verb=$3; name=""; value=""
        while [ $# -gt 0 ]; do case "$1" in --name) name=$2; shift;; --value) value=$2; shift;; esac; shift; done
        echo "$verb $name" >> "$VAULT_DIR/calls"
        case "$verb" in
          list) exit 0;;
          show) [ -f "$VAULT_DIR/$name" ] || exit 3; cat "$VAULT_DIR/$name"; echo;;
          set) printf '%s' "$value" > "$VAULT_DIR/$name";;
        esac
        """;

    /// <summary>azd env set NAME VALUE: kept in the file "azd-env".</summary>
    private const string FakeAzd = """
        #!/usr/bin/env bash
        echo "$3=$4" >> "$VAULT_DIR/azd-env"
        """;

    public KeyScriptsTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "bin"));
        foreach (var (name, script) in new[] { ("az", FakeAz), ("azd", FakeAzd) })
        {
            var path = Path.Combine(_dir, "bin", name);
            File.WriteAllText(path, script.Replace("\r", "", StringComparison.Ordinal));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    private string Secret(string name) => File.ReadAllText(Path.Combine(_dir, name));

    private string Run(string script, params (string Name, string Value)[] environment)
    {
        var (exitCode, output) = Execute(script, [], environment);
        Assert.True(exitCode == 0, output);
        return output;
    }

    private (int ExitCode, string Output) Execute(string script, string[] arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "scripts", script), .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PATH"] = Path.Combine(_dir, "bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["VAULT_DIR"] = _dir;
        start.Environment["AZURE_KEY_VAULT_NAME"] = "kv-test";
        start.Environment.Remove("KEY_VAULT_CREATE_MODE");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + error.GetAwaiter().GetResult();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    [Fact]
    public void Provision_CreatesWhatIsMissingOnce_AndARotationKeepsOldDataReadable()
    {
        Run("ensure-secrets.sh", ("LINE_CHANNEL_SECRET", "line-secret-from-console"), ("LINE_CHANNEL_ACCESS_TOKEN", "line-token-from-console"));
        var first = (Key: Secret("pii-key"), Hash: Secret("pii-hash-key"));
        var sealedFirst = Protector().Seal(Encoding.UTF8.GetBytes("นายสมชาย ผู้แจ้ง"), "c");

        var again = Run("ensure-secrets.sh", ("LINE_CHANNEL_SECRET", "another-value-in-the-pipeline"));

        Assert.Equal(32, Convert.FromBase64String(first.Key).Length);
        Assert.NotEqual(first.Key, first.Hash);
        Assert.Equal("none", Secret("pii-previous-keys"));
        Assert.Equal("line-secret-from-console", Secret("line-channel-secret"));
        Assert.Equal((first.Key, first.Hash), (Secret("pii-key"), Secret("pii-hash-key")));
        Assert.DoesNotContain("created", again, StringComparison.Ordinal);

        Run("rotate-pii-key.sh");
        var second = Secret("pii-key");
        var sealedSecond = Protector().Seal(Encoding.UTF8.GetBytes("ข้อมูลหลังหมุนกุญแจ"), "c");
        Run("rotate-pii-key.sh");
        Run("ensure-secrets.sh");

        Assert.Equal($"{second},{first.Key}", Secret("pii-previous-keys"));
        Assert.NotEqual(second, Secret("pii-key"));
        Assert.Equal(first.Hash, Secret("pii-hash-key"));
        var now = Protector();
        Assert.Equal("นายสมชาย ผู้แจ้ง", Encoding.UTF8.GetString(now.Open(sealedFirst, "c")));
        Assert.Equal("ข้อมูลหลังหมุนกุญแจ", Encoding.UTF8.GetString(now.Open(sealedSecond, "c")));
    }

    /// <summary>
    /// --drop-previous empties pii-previous-keys only once the re-seal's status names the current
    /// key as done: not before any status exists, not for the key before the rotation. The script's
    /// key id is the one the app's protector gives (and the job records).
    /// </summary>
    [Fact]
    public void DropPrevious_OnlyOnceTheResealStatusIsDoneForTheCurrentKey()
    {
        Run("ensure-secrets.sh", ("LINE_CHANNEL_SECRET", "s"), ("LINE_CHANNEL_ACCESS_TOKEN", "t"));
        var first = Protector().CurrentKeyId;
        var rotated = Run("rotate-pii-key.sh");
        Assert.Contains("--drop-previous", rotated, StringComparison.Ordinal);
        var kept = Secret("pii-previous-keys");
        var current = Protector().CurrentKeyId;
        var account = ("AZURE_STORAGE_ACCOUNT_NAME", "sttest");

        var noStatus = Execute("rotate-pii-key.sh", ["--drop-previous"], account);
        File.WriteAllText(Path.Combine(_dir, "blob-metadata"), $"keyid={current}\nstate=resealing\n");
        var notDone = Execute("rotate-pii-key.sh", ["--drop-previous"], account);
        File.WriteAllText(Path.Combine(_dir, "blob-metadata"), $"keyid={current}\nstate=resealing\ndonekeyid={first}\ndoneat=2026-11-01T00:00:00.0000000+00:00\n");
        var doneForTheOldKey = Execute("rotate-pii-key.sh", ["--drop-previous"], account);

        Assert.All(new[] { noStatus, notDone, doneForTheOldKey }, refused => Assert.NotEqual(0, refused.ExitCode));
        Assert.Contains("does not exist", noStatus.Output, StringComparison.Ordinal);
        Assert.Contains(current, notDone.Output, StringComparison.Ordinal);
        Assert.Contains(first, doneForTheOldKey.Output, StringComparison.Ordinal);
        Assert.Equal(kept, Secret("pii-previous-keys"));

        File.WriteAllText(Path.Combine(_dir, "blob-metadata"), $"keyid={current}\nstate=done\ndonekeyid={current}\ndoneat=2026-12-01T03:40:00.0000000+00:00\n");
        var dropped = Run("rotate-pii-key.sh", ["--drop-previous"], account);
        var again = Run("rotate-pii-key.sh", ["--drop-previous"], account);

        Assert.Equal("none", Secret("pii-previous-keys"));
        Assert.Contains($"under key {current} since 2026-12-01T03:40:00", dropped, StringComparison.Ordinal);
        Assert.Contains("already none", again, StringComparison.Ordinal);
        var statusRead = File.ReadAllLines(Path.Combine(_dir, "calls")).First(c => c.StartsWith("storage ", StringComparison.Ordinal));
        Assert.Contains($"--account-name sttest --container-name {ResealStatusStore.ContainerName} --name {ResealStatusStore.BlobName} --auth-mode login", statusRead, StringComparison.Ordinal);
        Assert.Throws<System.Security.Cryptography.CryptographicException>(() => Protector().Open(new PiiProtector(Options.Create(new PiiOptions { Key = kept, HashKey = Secret("pii-hash-key") })).Seal([1], "c"), "c"));
    }

    private string Run(string script, string[] arguments, params (string Name, string Value)[] environment)
    {
        var (exitCode, output) = Execute(script, arguments, environment);
        Assert.True(exitCode == 0, output);
        return output;
    }

    /// <summary>After `azd down` the vault lies soft-deleted under purge protection: the next provision recovers it, and only then.</summary>
    [Theory]
    [InlineData("", "", "default")]
    [InlineData("kv-test", "kv-other", "default")]
    [InlineData("kv-test", "kv-other\nkv-test", "recover")]
    public void Preprovision_RecoversTheEnvironmentsDeletedVaultOnly(string vaultOfLastProvision, string deletedVaults, string mode)
    {
        File.WriteAllText(Path.Combine(_dir, "deleted"), deletedVaults + "\n");

        Run("vault-create-mode.sh", ("AZURE_KEY_VAULT_NAME", vaultOfLastProvision));

        Assert.Equal($"KEY_VAULT_CREATE_MODE={mode}", File.ReadAllText(Path.Combine(_dir, "azd-env")).Trim());
    }

    /// <summary>The app's protector with the settings the vault's secrets give it.</summary>
    private PiiProtector Protector() =>
        new(Options.Create(new PiiOptions { Key = Secret("pii-key"), PreviousKeys = Secret("pii-previous-keys"), HashKey = Secret("pii-hash-key") }));

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
