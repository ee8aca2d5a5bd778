using System.Diagnostics;
using AntiCorruption.Core.Telemetry;

namespace AntiCorruption.Core.Tests.Telemetry;

public sealed class QueueTraceTests : IDisposable
{
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == AppTelemetry.Name,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public QueueTraceTests() => ActivitySource.AddActivityListener(_listener);

    public void Dispose() => _listener.Dispose();

    [Fact]
    public void StartProcess_MessageFromASend_ContinuesTheSendersTrace_LinkedToTheInvocation()
    {
        string? traceParent;
        ActivityContext sent;
        using (var request = new Activity("POST api/complaints").SetIdFormat(ActivityIdFormat.W3C).Start())
        using (var send = QueueTrace.StartSend("complaints"))
        {
            Assert.NotNull(send);
            Assert.Equal(ActivityKind.Producer, send.Kind);
            Assert.Equal(request.SpanId, send.ParentSpanId);
            traceParent = QueueTrace.TraceParentOf(send);
            sent = send.Context;
        }

        using var invocation = new Activity("function ProcessComplaint").SetIdFormat(ActivityIdFormat.W3C).Start();
        using var process = QueueTrace.StartProcess("complaints", traceParent);

        Assert.NotNull(process);
        Assert.Equal(ActivityKind.Consumer, process.Kind);
        Assert.Equal(sent.TraceId, process.TraceId);
        Assert.Equal(sent.SpanId, process.ParentSpanId);
        Assert.Equal(invocation.Context, Assert.Single(process.Links).Context);
        Assert.Same(process, Activity.Current);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not a traceparent")]
    public void StartProcess_MessageWithoutATraceParent_IsTheInvocationsChild(string? traceParent)
    {
        using var invocation = new Activity("function ProcessComplaint").SetIdFormat(ActivityIdFormat.W3C).Start();
        using var process = QueueTrace.StartProcess("complaints", traceParent);

        Assert.NotNull(process);
        Assert.Equal(invocation.TraceId, process.TraceId);
        Assert.Equal(invocation.SpanId, process.ParentSpanId);
        Assert.Empty(process.Links);
    }

    [Fact]
    public void TraceParentOf_NoSendSpan_IsTheCurrentSpans_OrNone()
    {
        Assert.Null(QueueTrace.TraceParentOf(null));
        using var current = new Activity("function SubmitComplaint").SetIdFormat(ActivityIdFormat.W3C).Start();
        Assert.Equal(current.Id, QueueTrace.TraceParentOf(null));
    }
}
