using System.Diagnostics;

namespace AntiCorruption.Core.Telemetry;

/// <summary>
/// Carries a trace across a storage queue: the sender starts a producer span and puts its W3C
/// <c>traceparent</c> in the message body; the processor starts its consumer span as that span's
/// child, so one trace runs from the request that queued the work to what processing wrote.
/// <para>
/// Both hosts process the same way, because it is done here and not by the host: the Functions
/// host starts its own invocation trace for each queue message (it cannot read our body), and
/// the LocalHost does the same. The processing span is linked to that invocation span, so either
/// trace leads to the other. A message queued without a traceparent (before there was one, or
/// with telemetry off) is processed under the invocation span.
/// </para>
/// </summary>
public static class QueueTrace
{
    /// <summary>Starts the producer span of one send; null when nothing listens.</summary>
    public static Activity? StartSend(string queue) =>
        AppTelemetry.Source.StartActivity($"send {queue}", ActivityKind.Producer, default(ActivityContext), Tags(queue, "send"));

    /// <summary>
    /// The <c>traceparent</c> to put in the message: the producer span's, else the current span's
    /// (so the trace still joins up when only the hosts' sources are listened to), else null.
    /// </summary>
    public static string? TraceParentOf(Activity? send) =>
        (send ?? Activity.Current) is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;

    /// <summary>
    /// Starts the consumer span of one message, the child of the span that sent it, linked to the
    /// host's invocation span (the current one). Without a readable traceparent it is simply the
    /// invocation's child.
    /// </summary>
    public static Activity? StartProcess(string queue, string? traceParent)
    {
        var invocation = Activity.Current;
        if (traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var sender))
        {
            return AppTelemetry.Source.StartActivity(
                $"process {queue}",
                ActivityKind.Consumer,
                sender,
                Tags(queue, "process"),
                invocation is null ? null : [new ActivityLink(invocation.Context)]);
        }

        return AppTelemetry.Source.StartActivity($"process {queue}", ActivityKind.Consumer, default(ActivityContext), Tags(queue, "process"));
    }

    private static KeyValuePair<string, object?>[] Tags(string queue, string operation) =>
    [
        new("messaging.system", "azure_storage_queues"),
        new("messaging.destination.name", queue),
        new("messaging.operation.type", operation),
    ];
}
