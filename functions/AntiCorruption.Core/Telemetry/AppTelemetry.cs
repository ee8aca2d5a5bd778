using System.Diagnostics;

namespace AntiCorruption.Core.Telemetry;

/// <summary>
/// The app's own spans and metrics go out under one name, <c>AntiCorruption</c>: the
/// <see cref="ActivitySource"/> here and the <c>Meter</c> of <see cref="OperationalMetrics"/>.
/// What the hosts and SDKs record (requests, storage, HTTP calls) comes from their own sources.
/// </summary>
public static class AppTelemetry
{
    public const string Name = "AntiCorruption";

    /// <summary>The attribute OpenTelemetry's conventions give the class of an error.</summary>
    public const string ErrorType = "error.type";

    public static ActivitySource Source { get; } = new(Name);

    /// <summary>
    /// Marks a span failed by the exception's type alone. The message is not recorded: an
    /// exception escaping a request may quote anything the request carried.
    /// </summary>
    public static void RecordFailure(Activity? activity, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (activity is null)
        {
            return;
        }

        var type = exception.GetType().FullName ?? exception.GetType().Name;
        activity.SetStatus(ActivityStatusCode.Error, type);
        activity.SetTag(ErrorType, type);
        activity.AddEvent(new ActivityEvent("exception", tags: new ActivityTagsCollection
        {
            ["exception.type"] = type,
            ["exception.message"] = $"{type} (message not recorded)",
        }));
    }
}
