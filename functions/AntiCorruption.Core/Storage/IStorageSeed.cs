namespace AntiCorruption.Core.Storage;

/// <summary>Reference rows put in storage at startup, right after the tables exist.</summary>
public interface IStorageSeed
{
    Task SeedAsync(CancellationToken cancellationToken);
}
