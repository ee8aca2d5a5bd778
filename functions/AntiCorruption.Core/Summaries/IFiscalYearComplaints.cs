using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Time;

namespace AntiCorruption.Core.Summaries;

/// <summary>
/// Where a compile reads a year's complaints from: the complaints table in the app, a generated
/// stream in the benchmarks (a million rows is more than a local emulator holds, and the compile
/// code must be the same).
/// </summary>
public interface IFiscalYearComplaints
{
    /// <summary>Every complaint of the year, newest first, without the sealed columns.</summary>
    IAsyncEnumerable<ComplaintEntity> StreamYearAsync(FiscalYear year, CancellationToken cancellationToken);
}
