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
        set -euo pipefail
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
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "scripts", script)]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PATH"] = Path.Combine(_dir, "bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["VAULT_DIR"] = _dir;
        start.Environment["AZURE_KEY_VAULT_NAME"] = "kv-test";
        start.Environment.Remove("KEY_VAULT_CREATE_MODE");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, output);
        return output;
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
