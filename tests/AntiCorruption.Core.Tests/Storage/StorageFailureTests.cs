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
}
