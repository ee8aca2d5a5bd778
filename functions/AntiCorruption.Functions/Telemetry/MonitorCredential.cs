using Azure.Core;
using Azure.Identity;

namespace AntiCorruption.Functions.Telemetry;

/// <summary>
/// The identity the exporter signs in to Application Insights with, read from
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> as the Functions host reads it for its own
/// telemetry: <c>Authorization=AAD;ClientId=&lt;client id&gt;</c> is the user-assigned managed
/// identity with that client id (the infra sets the app's own), <c>Authorization=AAD</c> alone
/// the system-assigned one. Without the setting there is no credential, and ingestion takes the
/// connection string's key, which a resource with local authentication off refuses.
/// </summary>
public static class MonitorCredential
{
    public const string Setting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static TokenCredential? From(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        var parts = authenticationString
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{Setting} must say Authorization=AAD (with ClientId=<client id> for a user-assigned identity).");
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
