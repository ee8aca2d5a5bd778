namespace AntiCorruption.Bench;

/// <summary>Sizes of a run: the full one for RESULTS.md, a quick one to check the benchmarks still work.</summary>
internal sealed record BenchOptions(TimeSpan Duration, int Complaints, int Seats, int TableComplaints, int LargeComplaints, int ColdStarts, int StaffRequests)
{
    public static readonly BenchOptions Full = new(TimeSpan.FromSeconds(8), 5_000, 10_000, 100_000, 1_000_000, 7, 20);

    public static readonly BenchOptions Quick = new(TimeSpan.FromSeconds(2), 300, 200, 3_000, 30_000, 2, 4);
}
