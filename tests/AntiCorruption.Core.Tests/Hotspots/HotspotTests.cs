using AntiCorruption.Core.Hotspots;

namespace AntiCorruption.Core.Tests.Hotspots;

public class HotspotTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 1.0, 0.6321205588)]
    [InlineData(10, 2.0, 4.6498075e-5)]
    [InlineData(3, 3.0, 0.5768099189)]
    [InlineData(0, 5.0, 1.0)]
    public void UpperTail_MatchesKnownValues(long k, double lambda, double expected)
    {
        Assert.Equal(expected, PoissonTest.UpperTail(k, lambda), expected * 1e-6);
    }

    [Theory]
    [InlineData("อบต. ท่าศาลา")]
    [InlineData("อบต.ท่าศาลา")]
    [InlineData("องค์การบริหารส่วนตำบลท่าศาลา")]
    [InlineData("  องค์การบริหารส่วนตำบล   ท่าศาลา ")]
    [InlineData("องค์กรบริหารส่วนตำบล ท่าศาลา")]
    [InlineData("อบต ท่าศาลา")]
    public void Normalize_WaysOfWritingOneAgency_GiveOneKey(string written)
    {
        Assert.Equal("องค์การบริหารส่วนตำบลท่าศาลา", AgencyNames.Normalize(written));
    }

    [Fact]
    public void Normalize_DifferentAgencies_StayApart()
    {
        Assert.NotEqual(AgencyNames.Normalize("อบต. ท่าศาลา"), AgencyNames.Normalize("อบจ. ท่าศาลา"));
        Assert.Equal(AgencyNames.Normalize("รพ.สต. บ้านนา"), AgencyNames.Normalize("โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านนา"));
        Assert.Equal(AgencyNames.Normalize("ทต. ปากพูน"), AgencyNames.Normalize("เทศบาลตำบล ปากพูน"));
        Assert.Equal("bangkokmetropolitanadministration", AgencyNames.Normalize("Bangkok Metropolitan  Administration"));
    }

    /// <summary>120 days of steady complaints for 200 agencies (Poisson noise, fixed seed), one of them with a planted spike.</summary>
    private static List<(string, string, DateTimeOffset)> Generated(bool plantSpike)
    {
        var random = new Random(20261126);
        var complaints = new List<(string, string, DateTimeOffset)>();
        for (var agency = 0; agency < 200; agency++)
        {
            var perDay = 0.05 + (agency % 10 * 0.03);
            for (var day = 0; day < 120; day++)
            {
                var extra = plantSpike && agency == 42 && day < 30 ? 1.0 : 0;
                for (var n = Poisson(random, perDay + extra); n > 0; n--)
                {
                    complaints.Add(($"agency-{agency}", $"หน่วยงาน {agency}", Now.AddDays(-day).AddHours(-random.Next(1, 23))));
                }
            }
        }

        return complaints;
    }

    private static int Poisson(Random random, double lambda)
    {
        var limit = Math.Exp(-lambda);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble())
        {
            k++;
        }

        return k;
    }

    [Fact]
    public void Detect_PlantedSpike_IsFoundAndNothingElse()
    {
        var hotspots = HotspotDetector.Detect("agency", Generated(plantSpike: true), Now);

        var spike = Assert.Single(hotspots);
        Assert.Equal("agency-42", spike.Key);
        Assert.True(spike.Recent > 3 * spike.Expected, $"{spike.Recent} vs {spike.Expected}");
        Assert.True(spike.PValue < HotspotDetector.Significance);
    }

    [Fact]
    public void Detect_SteadyNoise_FindsNothing()
    {
        Assert.Empty(HotspotDetector.Detect("agency", Generated(plantSpike: false), Now));
    }

    [Theory]
    [InlineData(15, 26, 3.898421639778604e-4)]
    [InlineData(5, 5, 9.765625e-4)]
    [InlineData(0, 7, 1.0)]
    [InlineData(8, 7, 0.0)]
    public void BinomialUpperTail_MatchesExactSums(long k, long n, double expected)
    {
        Assert.Equal(expected, PoissonTest.BinomialUpperTail(k, n, 0.25), 1e-9);
    }

    [Fact]
    public void Detect_FewNewComplaints_AreNotAHotspot()
    {
        var four = Enumerable.Range(0, 4).Select(i => ("new-agency", "ใหม่", Now.AddDays(-i)));

        Assert.Empty(HotspotDetector.Detect("agency", four, Now));
        Assert.Single(HotspotDetector.Detect("agency", four.Append(("new-agency", "ใหม่", Now.AddDays(-5))), Now));
    }
}
