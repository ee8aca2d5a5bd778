namespace AntiCorruption.Core.Notifications.Mail;

/// <summary>
/// Where mail goes (section <c>Mail</c>): Azure Communication Services Email in Azure (the Bicep
/// sets all three), or a local stand-in of its REST API on a loopback address. With no endpoint,
/// mail is switched off: a notice that would mail someone is logged as not sent and completed.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>e.g. https://acs-xyz.asiapacific.communication.azure.com; an http loopback address for the local stand-in.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>e.g. DoNotReply@pacc-xyz.azurecomm.net: the domain must be linked to the communication service.</summary>
    public string SenderAddress { get; set; } = "";

    /// <summary>Client id of the user-assigned identity that sends (Entra ID; no access key is ever used).</summary>
    public string ClientId { get; set; } = "";

    public bool Enabled => Endpoint.Length > 0;

    /// <summary>The local stand-in takes no token: a bearer token is never sent over plain http.</summary>
    public bool IsLocal => Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;
}
