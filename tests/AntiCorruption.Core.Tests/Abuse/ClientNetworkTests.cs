using AntiCorruption.Core.Abuse;

namespace AntiCorruption.Core.Tests.Abuse;

public class ClientNetworkTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("203.0.113.7:51234", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("[2001:db8:1:2::99]:443", "2001:db8:1:2::/64")]
    [InlineData(" 2001:db8:1:2:ffff:ffff:ffff:ffff ", "2001:db8:1:2::/64")]
    public void KeyOf_CountsIPv4ByAddressAndIPv6ByItsSlash64(string address, string key) =>
        Assert.Equal(key, ClientNetwork.KeyOf(address));

    [Fact]
    public void KeyOf_TwoAddressesOfOneSlash64_AreOneClient_AndTheNextSlash64IsAnother()
    {
        Assert.Equal(ClientNetwork.KeyOf("2001:db8:0:1::1"), ClientNetwork.KeyOf("2001:db8:0:1:9f3c:1:2:3"));
        Assert.NotEqual(ClientNetwork.KeyOf("2001:db8:0:1::1"), ClientNetwork.KeyOf("2001:db8:0:2::1"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("unknown")]
    [InlineData("999.0.113.7")]
    [InlineData("<script>")]
    public void KeyOf_NotAnAddress_IsNull(string value) => Assert.Null(ClientNetwork.KeyOf(value));

    [Theory]
    [InlineData("203.0.113.7:1000", 1, "203.0.113.7:1000")]
    [InlineData("1.1.1.1, 203.0.113.7:1000", 1, "203.0.113.7:1000")]
    [InlineData("1.1.1.1, 198.51.100.2, 10.0.0.4", 2, "198.51.100.2")]
    [InlineData("198.51.100.2", 2, "198.51.100.2")]
    [InlineData(" , ", 1, null)]
    public void Pick_TakesTheEntryTheTrustedHopsWrote_IgnoringWhatTheClientPrepended(string header, int hops, string? expected) =>
        Assert.Equal(expected, new ClientAddressOptions { TrustedHops = hops }.Pick(header));
}
