using Azure;

namespace AntiCorruption.Core.Storage;

/// <summary>
/// Whether an exception means storage (or the network to it) failed, wherever it sits in the
/// chain: an error answer, a timeout, or, once the SDK's retries are spent on a storage that
/// does not answer, an <see cref="AggregateException"/> of its attempts. Requests answer such a
/// failure with 503; background work waits and tries again instead of dying.
/// </summary>
public static class StorageFailure
{
    public static bool Is(Exception? exception) => exception switch
    {
        null => false,
        RequestFailedException or TimeoutException or HttpRequestException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(Is),
        _ => Is(exception.InnerException),
    };
}
