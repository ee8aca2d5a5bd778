using AntiCorruption.Core.Storage;
using Azure;

namespace AntiCorruption.Core.Tests.Storage;

public class StorageFailureTests
{
    [Fact]
    public void Is_LooksThroughWrappers()
    {
        Assert.True(StorageFailure.Is(new AggregateException(new RequestFailedException("x"))));
        Assert.True(StorageFailure.Is(new InvalidOperationException("outer", new HttpRequestException("inner"))));
        Assert.False(StorageFailure.Is(new InvalidOperationException("bug")));
    }

    /// <summary>What the SDK throws when one attempt outlives its network timeout (seen under load on Azurite): it was a 500.</summary>
    [Fact]
    public void Is_ANetworkTimeoutOfOneAttempt()
    {
        var timeout = new TaskCanceledException(
            "The operation was cancelled because it exceeded the configured timeout of 0:00:10.",
            new TaskCanceledException("The operation was canceled.", new IOException("Unable to read data from the transport connection", new System.Net.Sockets.SocketException(125))));

        Assert.True(StorageFailure.Is(timeout));
        Assert.False(StorageFailure.Is(new TaskCanceledException("the caller went away")));
    }
}
