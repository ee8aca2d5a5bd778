namespace AntiCorruption.Core.Staff;

/// <summary>
/// Where the app runs. Azure's App Service platform, Functions included, sets
/// <c>WEBSITE_SITE_NAME</c> on every instance; nothing else does, so a setting copied by mistake
/// cannot make a deployed app trust the development signing key.
/// </summary>
public sealed record RuntimePlatform(bool InAzure)
{
    public const string AzureMarker = "WEBSITE_SITE_NAME";
}
