namespace AntiCorruption.Core.Complaints;

/// <summary>
/// Field limits of a complaint. They also bound the queue message: a complaint at every limit,
/// in three-byte Thai characters, sealed and base64-encoded twice, stays under the 64 KB a
/// Storage queue message may hold (a test checks this against Azurite).
/// </summary>
public static class ComplaintLimits
{
    public const int DescriptionMin = 20;
    public const int DescriptionMax = 10_000;
    public const int ShortText = 200;
    public const int Agency = 300;
    public const int Email = 254;
    public const int Phone = 32;
    public const int Attachments = 10;
    public const double AmountMax = 1_000_000_000_000;
    public static readonly DateOnly EarliestIncident = new(1950, 1, 1);
}
