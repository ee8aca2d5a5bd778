using System.Security.Authentication;
using Azure;
using Azure.Identity;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Secrets;

/// <summary>
/// Reads, with the app's identity, each setting the platform left as a Key Vault reference, and
/// puts its value into <see cref="ResolvedSecrets"/>: at once, then again after 2 s, 4 s, ... up
/// to every minute until all are in. Role assignments take minutes to become effective after a
/// first deployment; this is what lets the app recover from that without a restart.
/// </summary>
public sealed partial class SecretReferenceResolver(
    PendingSecrets pending, ResolvedSecrets resolved, ISecretReader reader, TimeProvider time, ILogger<SecretReferenceResolver> logger) : BackgroundService
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wait = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            var left = 0;
            foreach (var setting in pending.Unresolved)
            {
                if (pending.References[setting] is not { } reference)
                {
                    continue; // Malformed: only a new deployment of the setting mends it; health says so.
                }

                if (await TryResolveAsync(setting, reference, stoppingToken))
                {
                    continue;
                }

                left++;
            }

            if (left == 0)
            {
                return;
            }

            await Task.Delay(wait, time, stoppingToken);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestWait.Ticks));
        }
    }

    private async Task<bool> TryResolveAsync(string setting, KeyVaultReference reference, CancellationToken stoppingToken)
    {
        string problem;
        try
        {
            var value = await reader.ReadAsync(reference, stoppingToken);
            resolved.Resolve(setting, value);
            pending.Resolved(setting);
            LogResolved(logger, setting, reference);
            return true;
        }
        catch (RequestFailedException ex)
        {
            problem = ex.Status == 0 ? "Key Vault unreachable" : $"Key Vault answered {ex.Status} {ex.ErrorCode}";
        }
        catch (AuthenticationFailedException)
        {
            problem = "the app's identity could not get a token";
        }
        catch (Exception ex) when (ex is HttpRequestException or AuthenticationException or TimeoutException
            || (ex is OperationCanceledException && !stoppingToken.IsCancellationRequested))
        {
            problem = "Key Vault unreachable";
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // Whatever else goes wrong must not end the loop (an escaping exception would stop the host).
            problem = ex.GetType().Name;
        }

        pending.Failed(setting, problem);
        LogPending(logger, setting, reference, problem);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resolved {Setting} from {Secret}")]
    private static partial void LogResolved(ILogger logger, string setting, KeyVaultReference secret);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Setting} is still an unresolved Key Vault reference to {Secret}: {Problem}")]
    private static partial void LogPending(ILogger logger, string setting, KeyVaultReference secret, string problem);
}
