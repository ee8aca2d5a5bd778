using Azure;

namespace AntiCorruption.Core.Storage;

/// <summary>
/// Whether an exception means storage (or the network to it) failed, wherever it sits in the
/// chain: an error answer, a timeout, or, once the SDK's retries are spent on a storage that
/// does not answer, an <see cref="AggregateException"/> of its attempts. A single attempt that
/// timed out surfaces as a cancellation over the socket's error, so the network's own exceptions
/// count too. Requests answer such a failure with 503; background work waits and tries again
/// instead of dying.
/// </summary>
public static class StorageFailure
{
    public static bool Is(Exception? exception) => exception switch
    {
        null => false,
        RequestFailedException or TimeoutException or HttpRequestException or System.Net.Sockets.SocketException or System.IO.IOException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(Is),
        _ => Is(exception.InnerException),
    };
}
