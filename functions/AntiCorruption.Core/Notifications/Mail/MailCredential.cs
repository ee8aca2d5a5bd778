using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Core.Notifications.Mail;

/// <summary>
/// The app's managed identity for the mail service, made once for the process: a credential keeps
/// its token until it nears expiry, and the mail client is made anew for each notice, so a
/// credential of its own would ask the identity endpoint for every mail. None for the local
/// stand-in, or with mail off.
/// </summary>
public sealed class MailCredential(IOptions<MailOptions> options)
{
    public TokenCredential? Identity { get; } = options.Value.Enabled && !options.Value.IsLocal
        ? new ManagedIdentityCredential(options.Value.ClientId.Length > 0 ? ManagedIdentityId.FromUserAssignedClientId(options.Value.ClientId) : ManagedIdentityId.SystemAssigned)
        : null;
}
